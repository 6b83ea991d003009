import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { allowedActions } from '@kybaocao/domain/permissions';
import { diffVersions } from '@kybaocao/domain/submission/submission.diff';
import { submissionDecider, SubmissionCommand, SubmissionState, type SubmissionContent } from '@kybaocao/domain/submission';
import type { Figures } from '@kybaocao/domain/templates';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import type { CycleHead } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { Actor, authorize, metadataOf, permissionActor } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import { RollUpReport } from '../reports/usecases';
import { ApproveSubmissionDto, ReturnSubmissionDto, SubmissionContentDto, SubmissionDto, SubmitDto } from './submissions.dto';
import type { SubmissionActionName } from './submissions.dto';
import { foldStream } from '@kybaocao/persistence/event-store/fold-stream';

export const submissionStream = (cycleId: string, unitId: string) => `submission-${cycleId}:${unitId}`;

/** Unit submissions: each one an event in the (cycle, unit) stream; nothing is signalled to the workflow. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly store: EventStore,
    private readonly cycles: CyclesService,
    private readonly rollUp: RollUpReport,
  ) {}

  async get(cycleId: string, unitId: string, actor: Actor): Promise<SubmissionDto> {
    authorize(actor, 'submission.read', { unitId });
    const [assigned, events] = await this.assignedWithStream(cycleId, unitId);
    const state = foldStream(submissionDecider, events);
    return this.toDto(assigned, unitId, state, events.length, actor);
  }

  /** What changed between two submitted versions (default: this one and the one before), figures and narrative. */
  async diff(cycleId: string, unitId: string, version: number, from: number | undefined, actor: Actor) {
    const current = await this.get(cycleId, unitId, actor);
    const pick = (n: number) => {
      const v = current.versions.find((x) => x.version === n);
      if (!v) {
        throw new NotFoundException({
          statusCode: 404,
          error: 'SUBMISSION_VERSION_NOT_FOUND',
          message: `the submission has no version ${n}`,
          messageVi: `Báo cáo của đơn vị không có phiên bản ${n}.`,
        });
      }
      return v;
    };
    const to = pick(version);
    const base = pick(from ?? version - 1);
    return {
      cycleId,
      unitId,
      from: base.version,
      to: to.version,
      ...diffVersions(base as unknown as SubmissionContent, to as unknown as SubmissionContent),
    };
  }

  saveDraft(cycleId: string, unitId: string, dto: SubmissionContentDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'submission.save-draft', { unitId });
    return this.run(cycleId, unitId, actor, opts, async (cycle, _deadline, unitKind) => {
      authorize(actor, 'submission.save-draft', { unitId, cycleStatus: cycle.status });
      return {
        type: 'SaveDraft',
        data: {
          cycleId,
          unitId,
          figures: dto.figures as Figures,
          narrative: dto.narrative,
          template: await this.cycles.templateOf(cycle),
          unitKind,
        },
      };
    });
  }

  submit(cycleId: string, unitId: string, dto: SubmitDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'submission.submit', { unitId });
    return this.run(cycleId, unitId, actor, opts, async (cycle, deadline, unitKind) => {
      authorize(actor, 'submission.submit', { unitId, cycleStatus: cycle.status });
      return {
        type: 'Submit',
        data: {
          cycleId,
          unitId,
          now: new Date().toISOString(),
          effectiveDeadline: deadline,
          unitKind,
          template: await this.cycles.templateOf(cycle),
          ...(dto.content ? { content: { figures: dto.content.figures as Figures, narrative: dto.content.narrative } } : {}),
        },
      };
    });
  }

  /** The unit's submission taken from the signed report of its own lower-level cycle (roll-up). */
  async submitFromCycle(cycleId: string, unitId: string, sourceCycleId: string, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'submission.submit', { unitId });
    const { cycle } = await this.assignedUnit(cycleId, unitId);
    const { figures, source } = await this.rollUp.execute(sourceCycleId, unitId, cycle.templateId);
    return this.run(cycleId, unitId, actor, opts, async (c, deadline) => {
      authorize(actor, 'submission.submit', { unitId, cycleStatus: c.status });
      return {
        type: 'Submit',
        data: {
          cycleId,
          unitId,
          now: new Date().toISOString(),
          effectiveDeadline: deadline,
          template: await this.cycles.templateOf(c),
          content: { figures, narrative: {} },
          source,
        },
      };
    });
  }

  returnSubmission(cycleId: string, unitId: string, dto: ReturnSubmissionDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'submission.return', { unitId });
    return this.run(cycleId, unitId, actor, opts, () => ({
      type: 'ReturnSubmission',
      data: { cycleId, unitId, reasons: dto.reasons, ...(dto.version ? { version: dto.version } : {}) },
    }));
  }

  approve(cycleId: string, unitId: string, dto: ApproveSubmissionDto, actor: Actor, opts: WriteOptions) {
    authorize(actor, 'submission.approve', { unitId });
    return this.run(cycleId, unitId, actor, opts, () => ({
      type: 'ApproveSubmission',
      data: { cycleId, unitId, ...(dto.version ? { version: dto.version } : {}) },
    }));
  }

  /** Checks the unit belongs to the cycle, builds the command from the cycle's head and the unit's deadline (read once), handles it. */
  private async run(
    cycleId: string,
    unitId: string,
    actor: Actor,
    opts: WriteOptions,
    build: (cycle: CycleHead, effectiveDeadline: string, unitKind: string | undefined) => SubmissionCommand | Promise<SubmissionCommand>,
  ): Promise<SubmissionDto> {
    const [assigned, stored] = await this.assignedWithStream(cycleId, unitId);
    // The unit's kind: a template's sections may be limited to some kinds of unit (#14).
    const command = await build(assigned.cycle, assigned.deadline, assigned.registered?.kind);
    const result = await this.commands.handle(submissionDecider, submissionStream(cycleId, unitId), command, {
      // An idempotency key is the caller's (as for cycles and reports): another user's request with the same key is a request of its own.
      metadata: metadataOf(actor, unitId),
      now: new Date(),
      expectedVersion: opts.expectedVersion,
      idempotencyKey: opts.idempotencyKey ? `${actor.userId}\u0000${opts.idempotencyKey}` : undefined,
      stored,
    });
    return this.toDto(assigned, unitId, result.state, result.version, actor);
  }

  /** The submission with what the caller sees around it: the unit, the cycle's report and phase, the deadline, what they may do. */
  private async toDto(
    { cycle, deadline, registered: unit }: AssignedUnit,
    unitId: string,
    s: SubmissionState,
    streamVersion: number,
    actor: Actor,
  ): Promise<SubmissionDto> {
    const actions = allowedActions(permissionActor(actor), 'submission', { cycleStatus: cycle.status, unitId, submissionStatus: s.status });
    return {
      cycleId: cycle.cycleId,
      unitId,
      unitName: unit?.name ?? unitId,
      ...(unit?.kind ? { unitKind: unit.kind } : {}),
      reportTitle: (await this.cycles.templateOf(cycle)).title,
      periodLabel: cycle.period.label,
      cyclePhase: cycle.status,
      deadline,
      templateId: cycle.templateId,
      templateVersion: cycle.templateVersion,
      allowedActions: actions as SubmissionActionName[],
      ...toSubmissionDto(s, streamVersion),
    };
  }

  /**
   * The unit's place in the cycle and its submission stream, read at once (one round trip for both, #16): nothing of
   * the stream is used unless the unit is assigned; a command appends only at the version read here.
   */
  private assignedWithStream(cycleId: string, unitId: string) {
    return Promise.all([this.assignedUnit(cycleId, unitId), this.store.readStream(submissionStream(cycleId, unitId))]);
  }

  /** The cycle's head, the unit's effective deadline, its name and kind: one statement, whatever the number of units (#16). */
  private async assignedUnit(cycleId: string, unitId: string): Promise<AssignedUnit> {
    const { head, unit, registered } = await this.cycles.headForUnit(cycleId, unitId);
    if (!unit) {
      throw new ConflictException({
        statusCode: 409,
        error: 'UNIT_NOT_ASSIGNED',
        message: `unit ${unitId} is not assigned to cycle ${cycleId}`,
        messageVi: 'Đơn vị không thuộc danh sách báo cáo của kỳ này.',
      });
    }
    return { cycle: head, deadline: unit.effectiveDeadline, registered };
  }
}

/** The cycle, the unit's effective deadline, and the unit as the registry names it (null: not registered). */
interface AssignedUnit {
  cycle: CycleHead;
  deadline: string;
  registered: { name: string; kind: string } | null;
}

export interface WriteOptions {
  expectedVersion?: number;
  idempotencyKey?: string;
}

function toSubmissionDto(
  s: SubmissionState,
  streamVersion: number,
): Pick<SubmissionDto, 'status' | 'streamVersion' | 'draft' | 'versions' | 'returns' | 'approvedVersion'> {
  return {
    status: s.status,
    streamVersion,
    ...(s.draft ? { draft: s.draft as SubmissionContentDto } : {}),
    versions: s.versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      submittedAt: v.submittedAt,
      late: v.late,
      daysLate: v.daysLate,
      figures: v.figures as Record<string, unknown>,
      narrative: v.narrative,
      ...(v.source ? { source: v.source } : {}),
    })),
    returns: s.returns,
    ...(s.approvedVersion ? { approvedVersion: s.approvedVersion } : {}),
  };
}
