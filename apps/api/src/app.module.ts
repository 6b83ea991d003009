import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule, ProjectionDaemon } from '../../../libs/persistence/src/persistence.module';
import { AuthModule } from './auth/auth.module';
import { AuditController } from './audit/audit.controller';
import { CyclesController } from './cycles/cycles.controller';
import { CyclesService } from './cycles/cycles.service';
import { HealthCheck } from './health/health.check';
import { HealthController } from './health/health.controller';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionsService } from './submissions/submissions.service';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [ConfigModule, PersistenceModule, TemporalModule, AuthModule],
  controllers: [HealthController, OrgUnitsController, CyclesController, SubmissionsController, AuditController],
  providers: [ProjectionDaemon, HealthCheck, OrgUnitsService, CyclesService, SubmissionsService],
})
export class AppModule {}
