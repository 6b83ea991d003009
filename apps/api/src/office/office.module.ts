import { Module } from '@nestjs/common';
import { PersistenceModule } from '@kybaocao/persistence/persistence.module';
import { TemplatesModule } from '../templates/templates.module';
import { AdminController } from './admin.controller';
import { AdminUseCases } from './admin.use-cases';
import { AuditTimelineUseCase } from './audit-timeline.use-case';
import { ListCyclesUseCase } from './list-cycles.use-case';
import { OfficeController } from './office.controller';

/** The office's paged read pages (cycles list, audit timeline) and the administrator's pages, kept out of the shared AppModule lists. */
@Module({
  imports: [PersistenceModule, TemplatesModule],
  controllers: [OfficeController, AdminController],
  providers: [ListCyclesUseCase, AuditTimelineUseCase, AdminUseCases],
})
export class OfficeModule {}
