import { Module } from '@nestjs/common';
import { ConfigModule } from '@kybaocao/config/config.module';
import { PersistenceModule, ProjectionDaemon } from '@kybaocao/persistence/persistence.module';
import { AuthModule } from './auth/auth.module';
import { AssignmentsController, ReviewsController } from './assignments/assignments.controller';
import { AssignmentsService } from './assignments/assignments.service';
import { AuditController } from './audit/audit.controller';
import { BoardController } from './board/board.controller';
import { BoardRepository } from './board/board.repository';
import { BoardService } from './board/board.service';
import { CyclesModule } from './cycles/cycles.module';
import { HealthCheck } from './health/health.check';
import { HealthController } from './health/health.controller';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { ReportsModule } from './reports/reports.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TemporalModule } from './temporal/temporal.module';
import { TemplatesModule } from './templates/templates.module';
import { PeriodsController } from './periods/periods.controller';
import { WebAppModule } from './ui/web-app.module';
import { MeController } from './me/me.controller';
import { EventNotifier, MeService } from './me/me.service';
import { CapabilitiesController } from './capabilities/capabilities.controller';
import { RemindersController } from './reminders/reminders.controller';
import { RemindersService } from './reminders/reminders.service';
import { OfficeModule } from './office/office.module';
import { ReadModelsController } from './health/read-models.controller';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    TemporalModule,
    AuthModule,
    WebAppModule,
    TemplatesModule,
    CyclesModule,
    ReportsModule,
    SubmissionsModule,
    OfficeModule,
  ],
  controllers: [
    HealthController,
    ReadModelsController,
    OrgUnitsController,
    AuditController,
    BoardController,
    MeController,
    AssignmentsController,
    ReviewsController,
    CapabilitiesController,
    PeriodsController,
    RemindersController,
  ],
  providers: [
    ProjectionDaemon,
    HealthCheck,
    OrgUnitsService,
    BoardService,
    BoardRepository,
    MeService,
    EventNotifier,
    AssignmentsService,
    RemindersService,
  ],
})
export class AppModule {}
