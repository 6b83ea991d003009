import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';

/** Opening and running reporting cycles (the workflow is started and driven from here). */
@Module({
  imports: [TemplatesModule],
  controllers: [CyclesController],
  providers: [CyclesService],
  exports: [CyclesService],
})
export class CyclesModule {}
