import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { ReportsModule } from '../reports/reports.module';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

/** Units' submissions: drafts, submit (also from a lower cycle's signed report), review. */
@Module({
  imports: [CyclesModule, ReportsModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService],
})
export class SubmissionsModule {}
