import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { CycleActivities } from '../../activities/cycle/cycle.activities';
import { CyclePhase, nextPhase } from '../../libs/domain/src/cycle/cycle.model';
import {
  advancePhaseUpdate, closeSubmissionWindowUpdate, CycleStatus, cycleStatusQuery, ReportingCycleInput,
} from './reporting-cycle.messages';

const cycle = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One workflow per cycle (workflow id = cycle id). It owns the cycle's clock; the cycle's rules live in the
 * domain decider, which the activities run against the event store (the one source of the audit trail).
 * Submissions are recorded by the API and never signalled here one by one.
 */
export async function reportingCycle(input: ReportingCycleInput): Promise<CycleStatus> {
  let phase = 'planned' as CyclePhase;
  let nextTimerAt: string | null = null;
  /** The phase an in-flight change is moving to: changes are serialised, validators judge against it. */
  let inFlight: CyclePhase | null = null;
  const settled = () => inFlight ?? phase;
  const phaseHistory: CycleStatus['phaseHistory'] = [];
  const status = (): CycleStatus => ({
    cycleId: input.cycleId, phase, submissionClosesAt: input.submissionClosesAt, nextTimerAt, phaseHistory: [...phaseHistory],
  });

  const checkClose = (current: CyclePhase) => {
    if (current !== 'collecting') throw ApplicationFailure.nonRetryable(`the submission window is not open (phase ${current})`, 'CYCLE_WRONG_PHASE');
  };
  const checkAdvance = (current: CyclePhase, to: CyclePhase) => {
    if (current === 'collecting') throw ApplicationFailure.nonRetryable('close the submission window first', 'CYCLE_SUBMISSION_WINDOW_OPEN');
    const next = nextPhase(current);
    if (to !== next) throw ApplicationFailure.nonRetryable(`cannot move from ${current} to ${to}; next is ${next ?? 'none'}`, 'CYCLE_PHASE_NOT_NEXT');
  };

  /** Runs one phase change through the activity; business rejections fail the caller (an update), not the workflow. */
  const change = async (to: CyclePhase, by: string, check: () => void, run: (key: string) => Promise<void>) => {
    // Serialise changes. Waiting and claiming happen in one synchronous step after the wait, so two
    // waiters woken together cannot both claim; `check` re-validates against the phase actually reached.
    while (inFlight !== null) await condition(() => inFlight === null);
    check();
    inFlight = to;
    try {
      await run(uuid4());
      phase = to;
      phaseHistory.push({ phase: to, at: new Date(Date.now()).toISOString(), by });
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
        throw ApplicationFailure.nonRetryable(err.cause.message, err.cause.type, ...(err.cause.details ?? []));
      }
      throw err;
    } finally {
      inFlight = null;
    }
  };
  const closeWindow = (by: { kind: 'coordinator'; userId: string } | { kind: 'deadline' }) =>
    change('reviewing', by.kind === 'coordinator' ? by.userId : 'system:deadline', () => checkClose(phase), (key) =>
      cycle.closeSubmissionWindow({ cycleId: input.cycleId, by, at: new Date(Date.now()).toISOString(), idempotencyKey: key }));
  const advance = (to: CyclePhase, actorId: string) =>
    change(to, actorId, () => checkAdvance(phase, to), (key) => cycle.advanceCyclePhase({ cycleId: input.cycleId, to, actorId, idempotencyKey: key }));

  // Plan → submissions: at once, or when the coordinator launches the cycle. Started before the handlers are
  // registered, because setHandler dispatches updates that arrived with the start: they must see the launch.
  const launched = input.startCollecting ? advance('collecting', input.coordinatorId) : condition(() => phase !== 'planned');

  setHandler(cycleStatusQuery, status);
  setHandler(closeSubmissionWindowUpdate, async ({ actorId }) => {
    await closeWindow({ kind: 'coordinator', userId: actorId });
    return status();
  }, { validator: (_req) => checkClose(settled()) });
  setHandler(advancePhaseUpdate, async ({ to, actorId }) => {
    await advance(to, actorId);
    return status();
  }, { validator: ({ to }) => checkAdvance(settled(), to) });

  await launched;

  // Submission window: closes at the deadline, or earlier when the coordinator says so.
  nextTimerAt = input.submissionClosesAt;
  const untilDeadline = Math.max(0, Date.parse(input.submissionClosesAt) - Date.now());
  const closedByCoordinator = await condition(() => phase !== 'collecting', untilDeadline);
  nextTimerAt = null;
  if (!closedByCoordinator) {
    while (inFlight !== null) await condition(() => inFlight === null);
    if (phase === 'collecting') await closeWindow({ kind: 'deadline' });
  }

  // Later phases advance on people's decisions (issue #4 adds their timers and reminders).
  await condition(() => phase === 'closed' && inFlight === null);
  return status();
}
