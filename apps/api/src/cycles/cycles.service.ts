import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addCalendarDays, HolidayCalendar, ReportingPeriod, validateDeadline, vietnamMidnightUtc } from '../../../../libs/domain/src/calendar';
import { loadHolidayCalendar } from '../../../../activities/holiday-calendar.loader';
import { cycleDecider, CycleState, OpenedCycleState } from '../../../../libs/domain/src/cycle';
import { AppConfig } from '../../../../libs/config/src/config';
import { CommandHandler, stableEventId } from '../../../../libs/persistence/src/event-store/command-handler';
import { EventStore } from '../../../../libs/persistence/src/event-store/event-store';
import { cycleBoardQueries } from '../../../../libs/persistence/src/projections/cycle-board/cycle-board.projection';
import { Projector } from '../../../../libs/persistence/src/projections/projector';
import type { reportingCycle } from '../../../../workflows/reporting-cycle/reporting-cycle.workflow';
import {
  advancePhaseUpdate, closeSubmissionWindowUpdate, cycleStatusQuery, deadlinesChangedSignal, WORKFLOW_TYPE,
} from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { forbidden } from '../auth/guards';
import type { Role } from '../auth/roles';
import { Actor, hasRole, metadataOf } from '../common/actor';
import { TemporalClient } from '../temporal/temporal.module';
import { TemplateStore } from '../templates/template-store';
import { reportStatusOf } from '../reports/report-stream';
import { AdvancePhaseDto, AssignUnitsDto, CycleDto, ExtendDeadlineDto, OpenCycleDto, WorkflowStatusDto } from './cycles.dto';


/** Who may move a cycle into each phase. */
export const PHASE_ROLES: Record<AdvancePhaseDto['to'], Role[]> = {
  collecting: ['coordinator'],
  commenting: ['reviewer'],
  signing: ['coordinator'],
  distributing: ['signer'],
  closed: ['clerk'],
};

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

  async get(cycleId: string, actor: Actor): Promise<CycleDto> {
    const { state, version } = await this.stateAndVersion(cycleId);
    requireCycleReader(actor, state);
    await this.projector.catchUpToNow();
    const units = await cycleBoardQueries.unitsOfCycle(this.db.manager, cycleId);
    return {
      id: cycleId,
      version,
      status: state.status,
      workflow: await this.workflowStatus(cycleId),
      templateId: state.templateId,
      period: state.period as CycleDto['period'],
      issuingBody: state.issuingBody,
      milestones: state.milestones,
      expectedCount: units.length,
      submittedCount: units.filter((u) => u.currentVersion !== null).length,
      units,
    };
  }

  async closeSubmissions(cycleId: string, actor: Actor): Promise<CycleDto> {
    await this.state(cycleId);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(closeSubmissionWindowUpdate, { args: [{ actorId: actor.userId }] });
    return this.get(cycleId, actor);
  }

  async advance(cycleId: string, dto: AdvancePhaseDto, actor: Actor): Promise<CycleDto> {
    const state = await this.state(cycleId);
    if (!hasRole(actor, ...PHASE_ROLES[dto.to])) throw forbidden(`moving a cycle to ${dto.to} requires one of the roles: ${PHASE_ROLES[dto.to].join(', ')}`);
    await this.requireReportReady(state, dto.to);
    await this.temporal.workflow.getHandle(cycleId).executeUpdate(advancePhaseUpdate, { args: [{ to: dto.to, actorId: actor.userId }] });
    return this.get(cycleId, actor);
  }

  /** Assigns more units while the cycle is planned or collecting; the workflow re-plans its reminders. */
  async assignUnits(cycleId: string, dto: AssignUnitsDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.state(cycleId);
    if (state.coordinatorId !== actor.userId) throw forbidden('only the coordinator of this cycle assigns units', 'Chỉ người điều phối kỳ báo cáo mới được giao thêm đơn vị.');
    await this.requireActiveUnits(dto.units.map((u) => u.unitId), state.period.dataFrom, state.period.dataTo);
    await this.commands.handle(cycleDecider, `cycle-${cycleId}`, { type: 'AssignUnits', data: { units: dto.units } },
      { metadata: metadataOf(actor), now: new Date(), expectedVersion });
    await this.temporal.workflow.getHandle(cycleId).signal(deadlinesChangedSignal);
    return this.get(cycleId, actor);
  }

  /** Records the extension, then tells the workflow (one coarse signal) so it re-plans its reminders. */
  async extendDeadline(cycleId: string, unitId: string, dto: ExtendDeadlineDto, actor: Actor, expectedVersion?: number): Promise<CycleDto> {
    const state = await this.state(cycleId);
    if (state.coordinatorId !== actor.userId) throw forbidden('only the coordinator of this cycle extends deadlines', 'Chỉ người điều phối kỳ báo cáo mới được gia hạn.');
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
      const approved = new Set(await cycleBoardQueries.approvedUnitIds(this.db.manager, cycleId));
      if (state.assignedUnits.some((u) => !approved.has(u.unitId))) return;
    }
    const status = await reportStatusOf(this.store, cycleId);
    if (!need.statuses.includes(status)) {
      throw new ConflictException({ statusCode: 409, error: need.code, message: `cannot move to ${to}: the report is ${status}`, messageVi: need.vi, reportStatus: status });
    }
  }

  /** The cycle's state folded from its stream (404 when it does not exist). */
  async state(cycleId: string): Promise<OpenedCycleState> {
    return (await this.stateAndVersion(cycleId)).state;
  }

  /** State and stream version (the ETag) from one read of the stream. */
  private async stateAndVersion(cycleId: string): Promise<{ state: OpenedCycleState; version: number }> {
    const events = await this.store.readStream(`cycle-${cycleId}`);
    const state = events.reduce<CycleState>((s, e) => cycleDecider.evolve(s, { type: e.type, data: e.data } as any), cycleDecider.initialState());
    if (state.status === 'not_opened') {
      throw new NotFoundException({ statusCode: 404, error: 'CYCLE_NOT_FOUND', message: `cycle ${cycleId} does not exist`, messageVi: 'Không tìm thấy kỳ báo cáo.' });
    }
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
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM org_units WHERE id = ANY($1) AND active_from <= $3 AND (active_to IS NULL OR active_to >= $2)`, [unitIds, from, to]);
    const found = new Set(rows.map((r) => r.id));
    const missing = unitIds.filter((id) => !found.has(id));
    if (missing.length) {
      throw new UnprocessableEntityException({
        statusCode: 422, error: 'UNITS_UNKNOWN_OR_INACTIVE', message: `units unknown or not active during the period: ${missing.join(', ')}`,
        messageVi: `Đơn vị không tồn tại hoặc không hoạt động trong kỳ: ${missing.join(', ')}`, unitIds: missing,
      });
    }
  }
}

/**
 * Nghị định 09/2019/NĐ-CP for state-format reports: the submission deadline leaves at least one working day
 * after the data cut-off (periodic kinds); a thematic or ad-hoc report takes the requester's deadline, not
 * before the cut-off. 422 DEADLINE_TOO_EARLY naming the earliest date allowed.
 */
function requireNd09Deadline(period: OpenCycleDto['period'], deadline: string): void {
  const kind = period.kind === 'annual' ? 'year' : period.kind;
  const error = validateDeadline(holidays(), { ...period, kind, year: period.year ?? Number(period.dataTo.slice(0, 4)) } as ReportingPeriod, deadline);
  if (error) throw new UnprocessableEntityException({ statusCode: 422, error: error.code, message: error.message, messageVi: error.messageVi, ...error.details });
}

let calendar: HolidayCalendar | undefined;
/** The holiday calendar (HOLIDAYS_FILE or the bundled one), read once. */
export function holidays(): HolidayCalendar {
  calendar ??= loadHolidayCalendar();
  return calendar;
}

/** Everyone in the office reads every cycle; a reporter only the cycles one of their units is assigned to. */
export function requireCycleReader(actor: Actor, state: OpenedCycleState): void {
  if (hasRole(actor, 'admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk')) return;
  if (hasRole(actor, 'reporter') && state.assignedUnits.some((u) => actor.user.unitIds.includes(u.unitId))) return;
  throw forbidden('none of your units is assigned to this cycle', 'Đơn vị của bạn không tham gia kỳ báo cáo này.');
}
