import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule, ProjectionDaemon } from '../../../libs/persistence/src/persistence.module';
import { AuthModule } from './auth/auth.module';
import { AssignmentsController, ReviewsController } from './assignments/assignments.controller';
import { AssignmentsService } from './assignments/assignments.service';
import { AuditController } from './audit/audit.controller';
import { BoardController } from './board/board.controller';
import { BoardRepository } from './board/board.repository';
import { BoardService } from './board/board.service';
import { CyclesController } from './cycles/cycles.controller';
import { CyclesService } from './cycles/cycles.service';
import { HealthCheck } from './health/health.check';
import { HealthController } from './health/health.controller';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsService } from './org-units/org-units.service';
import { RegistersController, ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionsService } from './submissions/submissions.service';
import { TemporalModule } from './temporal/temporal.module';
import { TemplatesController } from './templates/templates.controller';
import { TemplateStore } from './templates/template-store';
import { PeriodsController } from './periods/periods.controller';
import { WebAppModule } from './ui/web-app.module';
import { MeController } from './me/me.controller';
import { EventNotifier, MeService } from './me/me.service';
import { CapabilitiesController } from './capabilities/capabilities.controller';
import { RemindersController } from './reminders/reminders.controller';
import { RemindersService } from './reminders/reminders.service';
import { OfficeModule } from './office/office.module';

@Module({
  imports: [ConfigModule, PersistenceModule, TemporalModule, AuthModule, WebAppModule, OfficeModule],
  controllers: [HealthController, OrgUnitsController, CyclesController, SubmissionsController, AuditController, BoardController, MeController, ReportsController, RegistersController, TemplatesController,
    AssignmentsController, ReviewsController, CapabilitiesController, PeriodsController, RemindersController],
  providers: [ProjectionDaemon, HealthCheck, OrgUnitsService, CyclesService, SubmissionsService, BoardService, BoardRepository, MeService, EventNotifier, ReportsService, TemplateStore, AssignmentsService,
    RemindersService],
})
export class AppModule {}
