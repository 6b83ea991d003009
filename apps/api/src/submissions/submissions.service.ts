import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { effectiveDeadline, OpenedCycleState } from '../../../../libs/domain/src/cycle';
import { diffVersions } from '../../../../libs/domain/src/submission/submission.diff';
import { submissionDecider, SubmissionCommand, SubmissionState, type SubmissionContent } from '../../../../libs/domain/src/submission';
import type { Figures } from '../../../../libs/domain/src/templates';
import { CommandHandler } from '../../../../libs/persistence/src/event-store/command-handler';
import { EventStore } from '../../../../libs/persistence/src/event-store/event-store';
import { Actor, hasRole, metadataOf, requireReporterOf } from '../common/actor';
import { CyclesService } from '../cycles/cycles.service';
import { ReportsService } from '../reports/reports.service';
import { ApproveSubmissionDto, ReturnSubmissionDto, SubmissionContentDto, SubmissionDto, SubmitDto } from './submissions.dto';

export const submissionStream = (cycleId: string, unitId: string) => `submission-${cycleId}:${unitId}`;

const OPEN_FOR_SUBMISSIONS = ['collecting', 'reviewing'];

/** Unit submissions: each one an event in the (cycle, unit) stream; nothing is signalled to the workflow. */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly commands: CommandHandler, private readonly store: EventStore, private readonly cycles: CyclesService, private readonly reports: ReportsService,
  ) {}

  async get(cycleId: string, unitId: string, actor: Actor): Promise<SubmissionDto> {
    if (!hasRole(actor, 'admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk')) requireReporterOf(actor, unitId);
    await this.assignedUnit(cycleId, unitId);
    const events = await this.store.readStream(submissionStream(cycleId, unitId));
    const state = events.reduce<SubmissionState>((s, e) => submissionDecider.evolve(s, { type: e.type, data: e.data } as any), submissionDecider.initialState());
    return toSubmissionDto(cycleId, unitId, state, events.length);
  }

  /** What changed between two submitted versions (default: this one and the one before), figures and narrative. */
  async diff(cycleId: string, unitId: string, version: number, from: number | undefined, actor: Actor) {
    const current = await this.get(cycleId, unitId, actor);
    const pick = (n: number) => {
      const v = current.versions.find((x) => x.version === n);
      if (!v) {
        throw new NotFoundException({ statusCode: 404, error: 'SUBMISSION_VERSION_NOT_FOUND', message: `the submission has no version ${n}`, messageVi: `Báo cáo của đơn vị không có phiên bản ${n}.` });
      }
      return v;
    };
    const to = pick(version);
    const base = pick(from ?? version - 1);
    return { cycleId, unitId, from: base.version, to: to.version, ...diffVersions(base as unknown as SubmissionContent, to as unknown as SubmissionContent) };
  }

  saveDraft(cycleId: string, unitId: string, dto: SubmissionContentDto, actor: Actor, opts: WriteOptions) {
    requireReporterOf(actor, unitId);
    return this.run(cycleId, unitId, actor, opts, () => ({
      type: 'SaveDraft', data: { cycleId, unitId, figures: dto.figures as Figures, narrative: dto.narrative },
    }));
  }

  submit(cycleId: string, unitId: string, dto: SubmitDto, actor: Actor, opts: WriteOptions) {
    requireReporterOf(actor, unitId);
    return this.run(cycleId, unitId, actor, opts, async (cycle) => {
      if (!OPEN_FOR_SUBMISSIONS.includes(cycle.status)) {
        throw new ConflictException({ statusCode: 409, error: 'CYCLE_NOT_ACCEPTING_SUBMISSIONS', message: `the cycle is ${cycle.status}: submissions are not accepted`, messageVi: 'Kỳ báo cáo không còn nhận báo cáo.' });
      }
      return {
        type: 'Submit',
        data: {
          cycleId, unitId, now: new Date().toISOString(), effectiveDeadline: effectiveDeadline(cycle, unitId)!,
          template: await this.cycles.templateOf(cycle),
          ...(dto.content ? { content: { figures: dto.content.figures as Figures, narrative: dto.content.narrative } } : {}),
        },
      };
    });
  }

  /** The unit's submission taken from the signed report of its own lower-level cycle (roll-up). */
  async submitFromCycle(cycleId: string, unitId: string, sourceCycleId: string, actor: Actor, opts: WriteOptions) {
    requireReporterOf(actor, unitId);
    const cycle = await this.assignedUnit(cycleId, unitId);
    const { figures, source } = await this.reports.rollUp(sourceCycleId, unitId, cycle.templateId);
    return this.run(cycleId, unitId, actor, opts, async (c) => {
      if (!OPEN_FOR_SUBMISSIONS.includes(c.status)) {
        throw new ConflictException({ statusCode: 409, error: 'CYCLE_NOT_ACCEPTING_SUBMISSIONS', message: `the cycle is ${c.status}: submissions are not accepted`, messageVi: 'Kỳ báo cáo không còn nhận báo cáo.' });
      }
      return {
        type: 'Submit',
        data: { cycleId, unitId, now: new Date().toISOString(), effectiveDeadline: effectiveDeadline(c, unitId)!, template: await this.cycles.templateOf(c), content: { figures, narrative: {} }, source },
      };
    });
  }

  returnSubmission(cycleId: string, unitId: string, dto: ReturnSubmissionDto, actor: Actor, opts: WriteOptions) {
    return this.run(cycleId, unitId, actor, opts, () => ({
      type: 'ReturnSubmission', data: { cycleId, unitId, reasons: dto.reasons, ...(dto.version ? { version: dto.version } : {}) },
    }));
  }

  approve(cycleId: string, unitId: string, dto: ApproveSubmissionDto, actor: Actor, opts: WriteOptions) {
    return this.run(cycleId, unitId, actor, opts, () => ({
      type: 'ApproveSubmission', data: { cycleId, unitId, ...(dto.version ? { version: dto.version } : {}) },
    }));
  }

  /** Checks the unit belongs to the cycle, builds the command from the cycle's state (read once), handles it. */
  private async run(cycleId: string, unitId: string, actor: Actor, opts: WriteOptions,
    build: (cycle: OpenedCycleState) => SubmissionCommand | Promise<SubmissionCommand>): Promise<SubmissionDto> {
    const command = await build(await this.assignedUnit(cycleId, unitId));
    const result = await this.commands.handle(submissionDecider, submissionStream(cycleId, unitId), command, {
      metadata: metadataOf(actor, unitId), now: new Date(), expectedVersion: opts.expectedVersion, idempotencyKey: opts.idempotencyKey,
    });
    return toSubmissionDto(cycleId, unitId, result.state, result.version);
  }

  private async assignedUnit(cycleId: string, unitId: string) {
    const cycle = await this.cycles.state(cycleId);
    if (!effectiveDeadline(cycle, unitId)) {
      throw new ConflictException({ statusCode: 409, error: 'UNIT_NOT_ASSIGNED', message: `unit ${unitId} is not assigned to cycle ${cycleId}`, messageVi: 'Đơn vị không thuộc danh sách báo cáo của kỳ này.' });
    }
    return cycle;
  }
}

export interface WriteOptions {
  expectedVersion?: number;
  idempotencyKey?: string;
}

function toSubmissionDto(cycleId: string, unitId: string, s: SubmissionState, streamVersion: number): SubmissionDto {
  return {
    cycleId, unitId, status: s.status, streamVersion,
    ...(s.draft ? { draft: s.draft as SubmissionContentDto } : {}),
    versions: s.versions.map((v) => ({ version: v.version, kind: v.kind, submittedAt: v.submittedAt, late: v.late, daysLate: v.daysLate, figures: v.figures as Record<string, unknown>, narrative: v.narrative, ...(v.source ? { source: v.source } : {}) })),
    returns: s.returns,
    ...(s.approvedVersion ? { approvedVersion: s.approvedVersion } : {}),
  };
}
