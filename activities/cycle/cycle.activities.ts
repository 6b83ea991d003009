import { randomUUID } from 'node:crypto';
import { EventStore } from '../../libs/persistence/src/event-store/event-store';
import type { CyclePhase } from '../../workflows/reporting-cycle/reporting-cycle.messages';

export interface CycleActivityDeps {
  eventStore: EventStore;
  now: () => Date;
}

export interface RecordPhaseChangeInput {
  cycleId: string;
  from: CyclePhase;
  to: CyclePhase;
  actorId: string;
  /** Workflow-provided key: a retried activity appends the event once. */
  eventId: string;
}

/** Activities of the reporting-cycle workflow: all its I/O. Built by the worker from Nest DI. */
export function createCycleActivities(deps: CycleActivityDeps) {
  return {
    /** Appends CyclePhaseChanged to the cycle's stream, so the audit trail has one source. Idempotent by eventId. */
    async recordPhaseChange(input: RecordPhaseChangeInput): Promise<void> {
      await deps.eventStore.appendToStream(
        `cycle-${input.cycleId}`,
        [{ eventId: input.eventId, type: 'CyclePhaseChanged', data: { cycleId: input.cycleId, from: input.from, to: input.to } }],
        {
          expectedVersion: 'any',
          now: deps.now(),
          metadata: { actor: { userId: input.actorId, role: 'workflow' }, correlationId: input.cycleId, causationId: randomUUID() },
        },
      );
    },
  };
}

export type CycleActivities = ReturnType<typeof createCycleActivities>;
