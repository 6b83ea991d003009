import { ApplicationFailure } from '@temporalio/activity';
import { cycleDecider, CycleCommand, CyclePhase } from '@kybaocao/domain/cycle';
import { DomainError } from '@kybaocao/domain/shared/domain-error';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import type { Sql } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';
import { decidableOnHead, handleOnCycleHead } from './cycle-head-command';

export interface CycleActivityDeps {
  eventStore: EventStore;
  /** Where the cycle head is read (the event store's database). */
  sql: Sql;
  /** Units of the cycle whose submission is approved (read model). */
  approvedUnitIds: (cycleId: string) => Promise<string[]>;
  now: () => Date;
}

export interface CloseSubmissionWindowInput {
  cycleId: string;
  by: { kind: 'coordinator'; userId: string } | { kind: 'deadline' };
  at: string;
  /** From the workflow: a retried or replayed activity appends its event once. */
  idempotencyKey: string;
}

export interface AdvanceCyclePhaseInput {
  cycleId: string;
  to: CyclePhase;
  actorId: string;
  idempotencyKey: string;
}

/**
 * Activities of the reporting-cycle workflow: all its I/O. They run the cycle decider against the cycle's
 * stream, so phase changes land in the same audit trail as everything else. Domain rejections are
 * non-retryable ApplicationFailures carrying the domain code and the Vietnamese message.
 */
export function createCycleActivities(deps: CycleActivityDeps) {
  const handler = new CommandHandler(deps.eventStore);
  const run = async (cycleId: string, actorId: string, key: string, command: CycleCommand) => {
    const options = {
      idempotencyKey: key,
      now: deps.now(),
      metadata: { actor: { userId: actorId, role: actorId.startsWith('system:') ? 'system' : 'workflow' }, correlationId: cycleId },
    };
    try {
      // Closing the window and most phase changes need the cycle without its units: one row, whatever their number.
      if (decidableOnHead(command)) await handleOnCycleHead(deps.eventStore, deps.sql, cycleId, command, options);
      else await handler.handle(cycleDecider, `cycle-${cycleId}`, command, options);
    } catch (err) {
      if (err instanceof DomainError) {
        throw ApplicationFailure.create({
          message: err.message,
          type: err.code,
          nonRetryable: true,
          details: [{ messageVi: err.messageVi, httpStatus: err.httpStatus, details: err.details ?? null }],
        });
      }
      throw err;
    }
  };
  return {
    async closeSubmissionWindow(input: CloseSubmissionWindowInput): Promise<void> {
      const actor = input.by.kind === 'coordinator' ? input.by.userId : 'system:deadline';
      await run(input.cycleId, actor, input.idempotencyKey, { type: 'CloseSubmissionWindow', data: { by: input.by, at: input.at } });
    },
    async advanceCyclePhase(input: AdvanceCyclePhaseInput): Promise<void> {
      const approvedUnitIds = input.to === 'commenting' ? await deps.approvedUnitIds(input.cycleId) : undefined;
      await run(input.cycleId, input.actorId, input.idempotencyKey, { type: 'AdvancePhase', data: { to: input.to, approvedUnitIds } });
    },
  };
}

export type CycleActivities = ReturnType<typeof createCycleActivities>;
