import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { addCalendarDays, vietnamMidnightUtc } from '@kybaocao/domain/calendar';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { AppConfig } from '@kybaocao/config/config';
import { CommandHandler, stableEventId } from '@kybaocao/persistence/event-store/command-handler';
import type { reportingCycle } from '../../../../workflows/reporting-cycle/reporting-cycle.workflow';
import { WORKFLOW_TYPE } from '../../../../workflows/reporting-cycle/reporting-cycle.messages';
import { Actor, metadataOf } from '../common/actor';
import { TemporalClient } from '../temporal/temporal.module';
import { CycleDto } from './cycle.dto';
import { OpenCycleDto } from './cycle-open.dto';
import { requireNd09Deadline } from './cycle-rules';
import { CyclesService } from './cycles.service';

/** The window closes when the deadline day ends in Vietnam: midnight (UTC+7) starting the next day. */
const submissionClosesAt = (deadline: string): string => vietnamMidnightUtc(addCalendarDays(deadline, 1)).toISOString();

/** Opening a cycle (POST /cycles): the checks of the plan, CycleOpened, and the start of the cycle's workflow. */
@Injectable()
export class OpenCycle {
  constructor(
    private readonly commands: CommandHandler,
    private readonly temporal: TemporalClient,
    private readonly config: AppConfig,
    private readonly cycles: CyclesService,
  ) {}

  /** Records CycleOpened, then starts the cycle's workflow (id = cycle id). A retry with the same key is a no-op. */
  async execute(dto: OpenCycleDto, actor: Actor, idempotencyKey?: string): Promise<CycleDto> {
    // An idempotency key is the caller's: two users (or two installations) using the same key open two cycles.
    const cycleId = idempotencyKey ? stableEventId('cycle', `${actor.userId}\u0000${idempotencyKey}`, 0) : randomUUID();
    const template = await this.cycles.templates.forOpening(dto.templateId ?? 'dan-van-annual');
    if (template.document?.scheme === 'state') requireNd09Deadline(dto.period, dto.milestones.submissionDeadline);
    if (dto.previousCycleId) await this.requirePreviousCycle(dto.previousCycleId, template.id, dto.issuingBody.unitId);
    await this.cycles.requireActiveUnits(
      dto.units.map((u) => u.unitId),
      dto.period.dataFrom,
      dto.period.dataTo,
    );
    await this.commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      {
        type: 'OpenCycle',
        data: {
          cycleId,
          templateId: template.id,
          templateVersion: template.version,
          period: dto.period,
          issuingBody: dto.issuingBody,
          ...(dto.signer ? { signer: dto.signer as any } : {}),
          coordinatorId: actor.userId,
          milestones: dto.milestones,
          units: dto.units,
          ...(dto.previousCycleId ? { previousCycleId: dto.previousCycleId } : {}),
          ...(dto.targets ? { targets: dto.targets } : {}),
        },
      },
      { metadata: metadataOf(actor), now: new Date(), idempotencyKey: idempotencyKey ? `open:${idempotencyKey}` : undefined },
    );
    try {
      await this.temporal.workflow.start<typeof reportingCycle>(WORKFLOW_TYPE, {
        workflowId: cycleId,
        taskQueue: this.config.temporal.taskQueue,
        args: [
          {
            cycleId,
            coordinatorId: actor.userId,
            submissionClosesAt: submissionClosesAt(dto.milestones.submissionDeadline),
            startCollecting: dto.startCollecting ?? true,
            ...(dto.reminderPolicy ? { reminderPolicy: dto.reminderPolicy } : {}),
          },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return this.cycles.get(cycleId, actor);
  }

  /** The previous cycle a comparison is made with: same template, same issuer (422 PREVIOUS_CYCLE_MISMATCH). */
  private async requirePreviousCycle(previousCycleId: string, templateId: string, issuerId: string): Promise<void> {
    const previous = await this.cycles.cycleHead(previousCycleId).catch((err) => {
      if (!(err instanceof NotFoundException)) throw err;
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'PREVIOUS_CYCLE_NOT_FOUND',
        message: `previousCycleId ${previousCycleId} is not a cycle`,
        messageVi: 'Không tìm thấy kỳ báo cáo trước để so sánh.',
      });
    });
    if (previous.templateId !== templateId || previous.issuingBody.unitId !== issuerId) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'PREVIOUS_CYCLE_MISMATCH',
        message: `previous cycle ${previousCycleId} uses template ${previous.templateId} of issuer ${previous.issuingBody.unitId}, not ${templateId} of ${issuerId}`,
        messageVi: 'Kỳ báo cáo trước phải cùng mẫu báo cáo và cùng cơ quan ban hành.',
      });
    }
  }
}
