import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CycleHead } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { Projector } from '@kybaocao/persistence/projections/projector';
import { advancePhaseUpdate } from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { Actor, authorize } from '../common/actor';
import { reportStatusOf } from '../reports/report-stream';
import { TemporalClient } from '../temporal/temporal.module';
import { AdvancePhaseDto } from './cycle-actions.dto';
import { CycleDto } from './cycle.dto';
import { CyclesService } from './cycles.service';

/** Moving a cycle to its next phase (POST /cycles/{id}/advance): the report's gate here, the phase rule in the workflow. */
@Injectable()
export class AdvanceCycle {
  constructor(
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
    private readonly temporal: TemporalClient,
    private readonly cycles: CyclesService,
  ) {}

  async execute(cycleId: string, dto: AdvancePhaseDto, actor: Actor): Promise<CycleDto> {
    const state = await this.cycles.cycleHead(cycleId);
    // The role for the phase asked for; the phase rule itself is the workflow's validator's (the same domain rule).
    authorize(actor, 'cycle.advance', { to: dto.to });
    await this.requireReportReady(state, dto.to);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(advancePhaseUpdate, { args: [{ to: dto.to, actorId: actor.userId }] });
    await this.store.noteLogEndWritten(); // the workflow appended it: the caller's token covers it
    return this.cycles.get(cycleId, actor);
  }

  /**
   * The report gates the last phases: Thường trực comments on a draft, distribution follows the BTV signature,
   * the cycle closes once the report went out. Checked only on the step itself (from the phase just before),
   * so a jump still gets the workflow's CYCLE_PHASE_NOT_NEXT.
   */
  private async requireReportReady(state: CycleHead, to: AdvancePhaseDto['to']): Promise<void> {
    const { cycleId, status: from } = state;
    const needs: Partial<Record<AdvancePhaseDto['to'], { from: string; statuses: string[]; code: string; vi: string }>> = {
      commenting: {
        from: 'reviewing',
        statuses: ['drafting'],
        code: 'REPORT_NOT_DRAFTED',
        vi: 'Chưa có dự thảo báo cáo để Thường trực cho ý kiến.',
      },
      distributing: {
        from: 'signing',
        statuses: ['signed', 'numbered', 'distributed'],
        code: 'REPORT_NOT_SIGNED',
        vi: 'Báo cáo chưa được Ban Thường vụ ký.',
      },
      closed: {
        from: 'distributing',
        statuses: ['distributed', 'recalled'],
        code: 'REPORT_NOT_DISTRIBUTED',
        vi: 'Báo cáo chưa được phát hành.',
      },
    };
    const need = needs[to];
    if (!need || need.from !== from) return;
    if (to === 'commenting') {
      // Units still unapproved: the workflow's own refusal (CYCLE_UNITS_NOT_APPROVED, with the count) says more.
      await this.projector.catchUpToNow();
      if ((await cycleBoardQueries.countsOfCycle(this.db.manager, cycleId)).unapproved > 0) return;
    }
    const status = await reportStatusOf(this.db.manager, cycleId);
    if (!need.statuses.includes(status)) {
      throw new ConflictException({
        statusCode: 409,
        error: need.code,
        message: `cannot move to ${to}: the report is ${status}`,
        messageVi: need.vi,
        reportStatus: status,
      });
    }
  }
}
