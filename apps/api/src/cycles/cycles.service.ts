import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addCalendarDays, vietnamMidnightUtc } from '../../../../libs/domain/src/calendar';
import { cycleDecider, OpenedCycleState } from '../../../../libs/domain/src/cycle';
import { AppConfig } from '../../../../libs/config/src/config';
import { CommandHandler, stableEventId } from '../../../../libs/persistence/src/event-store/command-handler';
import { EventStore } from '../../../../libs/persistence/src/event-store/event-store';
import { cycleBoardQueries } from '../../../../libs/persistence/src/projections/cycle-board/cycle-board.queries';
import { cycleHeadQueries } from '../../../../libs/persistence/src/projections/cycle-heads/cycle-heads.projection';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import type { reportingCycle } from '../../../../workflows/reporting-cycle/reporting-cycle.workflow';
import {
  advancePhaseUpdate, closeSubmissionWindowUpdate, cycleStatusQuery, deadlinesChangedSignal, WORKFLOW_TYPE,
} from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { allowedActions, can } from '../../../../libs/domain/src/permissions';
import { Actor, authorize, metadataOf, permissionActor } from '../common/actor';
import { TemporalClient } from '../temporal/temporal.module';
import { TemplateStore } from '../templates/template-store';
import { reportStatusOf } from '../reports/report-stream';
import { PageQueryDto } from '../assignments/assignments.dto';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { AdvancePhaseDto, AssignUnitsDto, ExtendDeadlineDto } from './cycle-actions.dto';
import { CycleDto, CycleUnitsPageDto, WorkflowStatusDto } from './cycle.dto';
import { OpenCycleDto } from './cycle-open.dto';
import { foldStream } from '../../../../libs/persistence/src/event-store/fold-stream';
import { orgUnitQueries } from '../../../../libs/persistence/src/projections/org-units/org-units.projection';
import { cycleNotFound, isUnitsCursor, requireAllActive, requireNd09Deadline } from './cycle-rules';


/** The window closes when the deadline day ends in Vietnam: midnight (UTC+7) starting the next day. */
const submissionClosesAt = (deadline: string): string => vietnamMidnightUtc(addCalendarDays(deadline, 1)).toISOString();

@Injectable()
export class CyclesService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly db: DataSource,
    private readonly temporal: TemporalClient,
    private readonly config: AppConfig,
    readonly templates: TemplateStore,
  ) {}

  /** The template version the cycle pinned when it was opened: its form, checks and draft never change. */
  async templateOf(cycle: Pick<OpenedCycleState, 'templateId' | 'templateVersion'>) {
    return this.templates.get(cycle.templateId, cycle.templateVersion);
  }

  /** Records CycleOpened, then starts the cycle's workflow (id = cycle id). A retry with the same key is a no-op. */
  async open(dto: OpenCycleDto, actor: Actor, idempotencyKey?: string): Promise<CycleDto> {
    // An idempotency key is the caller's: two users (or two installations) using the same key open two cycles.
    const cycleId = idempotencyKey ? stableEventId('cycle', `${actor.userId}\u0000${idempotencyKey}`, 0) : randomUUID();
    const template = await this.templates.forOpening(dto.templateId ?? 'dan-van-annual');
    if (template.document?.scheme === 'state') requireNd09Deadline(dto.period, dto.milestones.submissionDeadline);
    if (dto.previousCycleId) await this.requirePreviousCycle(dto.previousCycleId, template.id, dto.issuingBody.unitId);
    await this.requireActiveUnits(dto.units.map((u) => u.unitId), dto.period.dataFrom, dto.period.dataTo);
    await this.commands.handle(cycleDecider, `cycle-${cycleId}`, {
      type: 'OpenCycle',
      data: {
        cycleId, templateId: template.id, templateVersion: template.version, period: dto.period, issuingBody: dto.issuingBody,
        ...(dto.signer ? { signer: dto.signer as any } : {}), coordinatorId: actor.userId, milestones: dto.milestones, units: dto.units,
        ...(dto.previousCycleId ? { previousCycleId: dto.previousCycleId } : {}), ...(dto.targets ? { targets: dto.targets } : {}),
      },
    }, { metadata: metadataOf(actor), now: new Date(), idempotencyKey: idempotencyKey ? `open:${idempotencyKey}` : undefined });
    try {
      await this.temporal.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        workflowId: cycleId,
        taskQueue: this.config.temporal.taskQueue,
        args: [{ cycleId, coordinatorId: actor.userId, submissionClosesAt: submissionClosesAt(dto.milestones.submissionDeadline), startCollecting: dto.startCollecting ?? true,
          ...(dto.reminderPolicy ? { reminderPolicy: dto.reminderPolicy } : {}) }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return this.get(cycleId, actor);
  }

  /**
   * The cycle without its units (they are paged on GET /cycles/{id}/units): the head the event store keeps in
   * the append's transaction, and the counts in SQL (a reporter's: of their own units). Its size and cost do
   * not grow with the number of units.
   */
  async get(cycleId: string, actor: Actor): Promise<CycleDto> {
    const { head, version } = await this.head(cycleId);
    const mine = await this.requireReader(actor, cycleId);
    await this.projector.catchUpToNow();
    const office = can(permissionActor(actor), 'board.read').allowed;
    const counts = await cycleBoardQueries.countsOfCycle(this.db.manager, cycleId, office ? undefined : mine);
    const reportStatus = await reportStatusOf(this.store, cycleId);
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
      allowedActions: allowedActions(permissionActor(actor), 'cycle', { cycleStatus: head.status, cycleCoordinatorId: head.coordinatorId, reportStatus }),
    };
  }

  /** One page of the cycle's units in name order; a reporter sees only the units they report for. */
  async units(cycleId: string, actor: Actor, query: PageQueryDto): Promise<CycleUnitsPageDto> {
    await this.head(cycleId);
    const mine = await this.requireReader(actor, cycleId);
    await this.projector.catchUpToNow();
    const after = decodeCursor(query.cursor, isUnitsCursor);
    const office = can(permissionActor(actor), 'board.read').allowed;
    const page = await cycleBoardQueries.unitsOfCyclePage(this.db.manager, cycleId, { limit: query.limit ?? 50, ...(after ? { after } : {}), ...(office ? {} : { onlyUnitIds: mine }) });
    return {
      items: page.rows.map((u) => ({
        unitId: u.unitId, unitName: u.unitName, unitKind: u.unitKind, status: u.status, effectiveDeadline: u.effectiveDeadline, currentVersion: u.currentVersion,
        submittedAt: u.submittedAt, late: u.late, daysLate: u.daysLate, lastActivityAt: u.lastActivityAt,
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

  /** The cycle's head (one row) and stream version; 404 when there is no such cycle. */
  private async head(cycleId: string) {
    const found = await cycleHeadQueries.head(this.db.manager, cycleId);
    if (!found) throw cycleNotFound(cycleId);
    return found;
  }

  async closeSubmissions(cycleId: string, actor: Actor): Promise<CycleDto> {
    await this.head(cycleId);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: actor.userId }] });
    return this.get(cycleId, actor);
  }

  async advance(cycleId: string, dto: AdvancePhaseDto, actor: Actor): Promise<CycleDto> {
    const state = await this.state(cycleId);
    // The role for the phase asked for; the phase rule itself is the workflow's validator's (the same domain rule).
    authorize(actor, 'cycle.advance', { to: dto.to });
    await this.requireReportReady(state, dto.to);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(advancePhaseUpdate, { args: [{ to: dto.to, actorId: actor.userId }] });
    return this.get(cycleId, actor);
  }

  /** Assigns more units while the cycle is planned or collecting; the workflow re-plans its reminders. */
  async assignUnits(cycleId: string, dto: AssignUnitsDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.state(cycleId);
    authorize(actor, 'cycle.assign-units', { cycleCoordinatorId: state.coordinatorId });
    await this.requireActiveUnits(dto.units.map((u) => u.unitId), state.period.dataFrom, state.period.dataTo);
    await this.commands.handle(cycleDecider, `cycle-${cycleId}`, { type: 'AssignUnits', data: { units: dto.units } },
      { metadata: metadataOf(actor), now: new Date(), expectedVersion });
    await this.temporal.workflow.getHandle(cycleId).signal(deadlinesChangedSignal);
    return this.get(cycleId, actor);
  }

  /** Records the extension, then tells the workflow (one coarse signal) so it re-plans its reminders. */
  async extendDeadline(cycleId: string, unitId: string, dto: ExtendDeadlineDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.state(cycleId);
    authorize(actor, 'cycle.extend-deadline', { cycleCoordinatorId: state.coordinatorId });
    await this.commands.handle(cycleDecider, `cycle-${cycleId}`, { type: 'ExtendUnitDeadline', data: { unitId, newDeadline: dto.newDeadline, reason: dto.reason } },
      { metadata: metadataOf(actor, unitId), now: new Date(), expectedVersion });
    await this.temporal.workflow.getHandle(cycleId).signal(deadlinesChangedSignal);
    return this.get(cycleId, actor);
  }

  /**
   * The report gates the last phases: Thường trực comments on a draft, distribution follows the BTV signature,
   * the cycle closes once the report went out. Checked only on the step itself (from the phase just before),
   * so a jump still gets the workflow's CYCLE_PHASE_NOT_NEXT.
   */
  private async requireReportReady(state: OpenedCycleState, to: AdvancePhaseDto['to']): Promise<void> {
    const { cycleId, status: from } = state;
    const needs: Partial<Record<AdvancePhaseDto['to'], { from: string; statuses: string[]; code: string; vi: string }>> = {
      commenting: { from: 'reviewing', statuses: ['drafting'], code: 'REPORT_NOT_DRAFTED', vi: 'Chưa có dự thảo báo cáo để Thường trực cho ý kiến.' },
      distributing: { from: 'signing', statuses: ['signed', 'numbered', 'distributed'], code: 'REPORT_NOT_SIGNED', vi: 'Báo cáo chưa được Ban Thường vụ ký.' },
      closed: { from: 'distributing', statuses: ['distributed', 'recalled'], code: 'REPORT_NOT_DISTRIBUTED', vi: 'Báo cáo chưa được phát hành.' },
    };
    const need = needs[to];
    if (!need || need.from !== from) return;
    if (to === 'commenting') {
      // Units still unapproved: the workflow's own refusal (CYCLE_UNITS_NOT_APPROVED, with the count) says more.
      await this.projector.catchUpToNow();
      if ((await cycleBoardQueries.countsOfCycle(this.db.manager, cycleId)).unapproved > 0) return;
    }
    const status = await reportStatusOf(this.store, cycleId);
    if (!need.statuses.includes(status)) {
      throw new ConflictException({ statusCode: 409, error: need.code, message: `cannot move to ${to}: the report is ${status}`, messageVi: need.vi, reportStatus: status });
    }
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

  /** The cycle's state folded from its stream (404 when it does not exist). */
  async state(cycleId: string): Promise<OpenedCycleState> {
    return (await this.stateAndVersion(cycleId)).state;
  }

  /** State and stream version (the ETag) from one read of the stream. */
  private async stateAndVersion(cycleId: string): Promise<{ state: OpenedCycleState; version: number }> {
    const events = await this.store.readStream(`cycle-${cycleId}`);
    const state = foldStream(cycleDecider, events);
    if (state.status === 'not_opened') throw cycleNotFound(cycleId);
    return { state, version: events.length };
  }

  private async workflowStatus(cycleId: string): Promise<WorkflowStatusDto | null> {
    try {
      const s = await this.temporal.workflow.getHandle(cycleId).query(cycleStatusQuery);
      return { phase: s.phase, nextTimerAt: s.nextTimerAt, nextReminderAt: s.nextReminderAt, submissionClosesAt: s.submissionClosesAt };
    } catch {
      return null;
    }
  }

  /** The previous cycle a comparison is made with: same template, same issuer (422 PREVIOUS_CYCLE_MISMATCH). */
  private async requirePreviousCycle(previousCycleId: string, templateId: string, issuerId: string): Promise<void> {
    const previous = await this.state(previousCycleId).catch((err) => {
      if (!(err instanceof NotFoundException)) throw err;
      throw new UnprocessableEntityException({ statusCode: 422, error: 'PREVIOUS_CYCLE_NOT_FOUND', message: `previousCycleId ${previousCycleId} is not a cycle`, messageVi: 'Không tìm thấy kỳ báo cáo trước để so sánh.' });
    });
    if (previous.templateId !== templateId || previous.issuingBody.unitId !== issuerId) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'PREVIOUS_CYCLE_MISMATCH',
        message: `previous cycle ${previousCycleId} uses template ${previous.templateId} of issuer ${previous.issuingBody.unitId}, not ${templateId} of ${issuerId}`,
        messageVi: 'Kỳ báo cáo trước phải cùng mẫu báo cáo và cùng cơ quan ban hành.' });
    }
  }

  private async requireActiveUnits(unitIds: string[], from: string, to: string): Promise<void> {
    await this.projector.catchUpToNow();
    requireAllActive(unitIds, await orgUnitQueries.activeDuring(this.db.manager, unitIds, from, to));
  }

}
