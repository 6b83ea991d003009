import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cycleDecider, OpenedCycleState } from '@kybaocao/domain/cycle';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { cycleHeadQueries, type CycleHead } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { Projector } from '@kybaocao/persistence/projections/projector';
import {
  closeSubmissionWindowUpdate,
  cycleStatusQuery,
  deadlinesChangedSignal,
} from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { allowedActions, can } from '@kybaocao/domain/permissions';
import { Actor, authorize, metadataOf, permissionActor } from '../common/actor';
import { TemporalClient } from '../temporal/temporal.module';
import { TemplateStore } from '../templates/template-store';
import { reportStatusOf } from '../reports/report-stream';
import { PageQueryDto } from '../assignments/assignments.dto';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { AssignUnitsDto, ExtendDeadlineDto } from './cycle-actions.dto';
import { CycleDto, CycleUnitsPageDto, WorkflowStatusDto } from './cycle.dto';
import { orgUnitQueries } from '@kybaocao/persistence/projections/org-units/org-units.projection';
import { cycleNotFound, isUnitsCursor, requireAllActive } from './cycle-rules';

/** Reading cycles and the smaller commands on them; opening (OpenCycle) and advancing (AdvanceCycle) are use cases of their own. */
@Injectable()
export class CyclesService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
    private readonly temporal: TemporalClient,
    readonly templates: TemplateStore,
  ) {}

  /** The template version the cycle pinned when it was opened: its form, checks and draft never change. */
  async templateOf(cycle: Pick<OpenedCycleState, 'templateId' | 'templateVersion'>) {
    return this.templates.get(cycle.templateId, cycle.templateVersion);
  }

  /**
   * The cycle without its units (they are paged on GET /cycles/{id}/units): the head the event store keeps in
   * the append's transaction, and the counts in SQL (a reporter's: of their own units). Its size and cost do
   * not grow with the number of units.
   */
  async get(cycleId: string, actor: Actor): Promise<CycleDto> {
    const { head, version } = await this.head(cycleId);
    const mine = await this.requireReader(actor, cycleId);
    await this.projector.catchUpToNow(undefined, ['cycle-board']); // the counts' read model, not every one
    const office = can(permissionActor(actor), 'board.read').allowed;
    const [counts, reportStatus] = await Promise.all([
      cycleBoardQueries.countsOfCycle(this.db.manager, cycleId, office ? undefined : mine),
      reportStatusOf(this.db.manager, cycleId), // the report's head row, never its stream
    ]);
    return {
      id: cycleId,
      version,
      status: head.status,
      workflow: await this.workflowStatus(cycleId),
      templateId: head.templateId,
      period: head.period as CycleDto['period'],
      issuingBody: head.issuingBody,
      milestones: head.milestones,
      expectedCount: counts.expected,
      submittedCount: counts.submitted,
      allowedActions: allowedActions(permissionActor(actor), 'cycle', {
        cycleStatus: head.status,
        cycleCoordinatorId: head.coordinatorId,
        reportStatus,
      }),
    };
  }

  /** One page of the cycle's units in name order; a reporter sees only the units they report for. */
  async units(cycleId: string, actor: Actor, query: PageQueryDto): Promise<CycleUnitsPageDto> {
    await this.head(cycleId);
    const mine = await this.requireReader(actor, cycleId);
    await this.projector.catchUpToNow();
    const after = decodeCursor(query.cursor, isUnitsCursor);
    const office = can(permissionActor(actor), 'board.read').allowed;
    const page = await cycleBoardQueries.unitsOfCyclePage(this.db.manager, cycleId, {
      limit: query.limit ?? 50,
      ...(after ? { after } : {}),
      ...(office ? {} : { onlyUnitIds: mine }),
    });
    return {
      items: page.rows.map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        unitKind: u.unitKind,
        status: u.status,
        effectiveDeadline: u.effectiveDeadline,
        currentVersion: u.currentVersion,
        submittedAt: u.submittedAt,
        late: u.late,
        daysLate: u.daysLate,
        lastActivityAt: u.lastActivityAt,
      })),
      total: page.total,
      nextCursor: page.last ? encodeCursor(page.last) : null,
    };
  }

  /** Read access (a reporter: one of their units is in the cycle); returns the caller's units in the cycle. */
  private async requireReader(actor: Actor, cycleId: string): Promise<string[]> {
    const mine = await cycleHeadQueries.assignedAmong(this.db.manager, cycleId, actor.user.unitIds);
    authorize(actor, 'cycle.read', { cycleUnitIds: mine });
    return mine;
  }

  /**
   * The cycle without its units (one indexed row, written with each cycle append; 404 when there is no such cycle):
   * what authorization, the phase guards and the report need, whatever the number of units.
   */
  async cycleHead(cycleId: string): Promise<CycleHead> {
    return (await this.head(cycleId)).head;
  }

  /** The cycle's head (one row) and stream version; 404 when there is no such cycle. */
  private async head(cycleId: string) {
    const found = await cycleHeadQueries.head(this.db.manager, cycleId);
    if (!found) throw cycleNotFound(cycleId);
    return found;
  }

  async closeSubmissions(cycleId: string, actor: Actor): Promise<CycleDto> {
    await this.head(cycleId);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: actor.userId }] });
    await this.store.noteLogEndWritten(); // the workflow appended it: the caller's token covers it
    return this.get(cycleId, actor);
  }

  /** Assigns more units while the cycle is planned or collecting; the workflow re-plans its reminders. */
  async assignUnits(cycleId: string, dto: AssignUnitsDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.cycleHead(cycleId); // the decider folds the stream itself (the command handler)
    authorize(actor, 'cycle.assign-units', { cycleCoordinatorId: state.coordinatorId });
    await this.requireActiveUnits(
      dto.units.map((u) => u.unitId),
      state.period.dataFrom,
      state.period.dataTo,
    );
    await this.commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'AssignUnits', data: { units: dto.units } },
      { metadata: metadataOf(actor), now: new Date(), expectedVersion },
    );
    await this.temporal.workflow.getHandle(cycleId).signal(deadlinesChangedSignal);
    return this.get(cycleId, actor);
  }

  /** Records the extension, then tells the workflow (one coarse signal) so it re-plans its reminders. */
  async extendDeadline(cycleId: string, unitId: string, dto: ExtendDeadlineDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.cycleHead(cycleId); // the decider folds the stream itself (the command handler)
    authorize(actor, 'cycle.extend-deadline', { cycleCoordinatorId: state.coordinatorId });
    await this.commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      { type: 'ExtendUnitDeadline', data: { unitId, newDeadline: dto.newDeadline, reason: dto.reason } },
      { metadata: metadataOf(actor, unitId), now: new Date(), expectedVersion },
    );
    await this.temporal.workflow.getHandle(cycleId).signal(deadlinesChangedSignal);
    return this.get(cycleId, actor);
  }

  /**
   * The cycle without its unit list, and one unit's assignment (null when not assigned), from the inline read
   * model the event store writes with each cycle append: what commands on one unit need, in two indexed rows
   * whatever the number of units (404 when the cycle does not exist).
   */
  async headForUnit(cycleId: string, unitId: string) {
    const found = await cycleHeadQueries.forUnit(this.db.manager, cycleId, unitId);
    if (!found) throw cycleNotFound(cycleId);
    return found;
  }

  private async workflowStatus(cycleId: string): Promise<WorkflowStatusDto | null> {
    try {
      const s = await this.temporal.workflow.getHandle(cycleId).query(cycleStatusQuery);
      return { phase: s.phase, nextTimerAt: s.nextTimerAt, nextReminderAt: s.nextReminderAt, submissionClosesAt: s.submissionClosesAt };
    } catch {
      return null;
    }
  }

  /** 422 naming the units that are not active over the whole period (opening a cycle, assigning more units). */
  async requireActiveUnits(unitIds: string[], from: string, to: string): Promise<void> {
    await this.projector.catchUpToNow();
    requireAllActive(unitIds, await orgUnitQueries.activeDuring(this.db.manager, unitIds, from, to));
  }
}
