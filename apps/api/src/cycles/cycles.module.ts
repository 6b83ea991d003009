import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { CyclesController } from './cycles.controller';
import { AdvanceCycle } from './advance-cycle.usecase';
import { CyclesService } from './cycles.service';
import { OpenCycle } from './open-cycle.usecase';

/** Opening and running reporting cycles (the workflow is started and driven from here). */
@Module({
  imports: [TemplatesModule],
  controllers: [CyclesController],
  providers: [CyclesService, OpenCycle, AdvanceCycle],
  exports: [CyclesService],
})
export class CyclesModule {}
