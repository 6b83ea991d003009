import { condition, proxyActivities, setHandler, uuid4, ApplicationFailure } from '@temporalio/workflow';
import type { CycleActivities } from '../../activities/cycle/cycle.activities';
import {
  advancePhaseUpdate, closeSubmissionWindowUpdate, CYCLE_PHASES, CyclePhase, CycleStatus, cycleStatusQuery,
  ReportingCycleInput,
} from './reporting-cycle.messages';

const { recordPhaseChange } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One workflow per cycle (workflow id = cycle id). It owns the cycle's clock and phase; submissions are
 * recorded by the API in the event store and never signalled here one by one.
 */
export async function reportingCycle(input: ReportingCycleInput): Promise<CycleStatus> {
  let phase = 'collecting' as CyclePhase;
  let nextTimerAt: string | null = input.submissionDeadline;
  const phaseHistory: { phase: CyclePhase; at: string }[] = [{ phase, at: new Date(Date.now()).toISOString() }];
  let closeRequestedBy: string | null = null;
  let pending: { to: CyclePhase; actorId: string } | null = null;

  const status = (): CycleStatus => ({
    cycleId: input.cycleId, phase, submissionDeadline: input.submissionDeadline, nextTimerAt, phaseHistory: [...phaseHistory],
  });

  const moveTo = async (to: CyclePhase, actorId: string) => {
    const from = phase;
    await recordPhaseChange({ cycleId: input.cycleId, from, to, actorId, eventId: uuid4() });
    phase = to;
    phaseHistory.push({ phase: to, at: new Date(Date.now()).toISOString() });
  };

  setHandler(cycleStatusQuery, status);
  setHandler(closeSubmissionWindowUpdate, async ({ actorId }) => {
    closeRequestedBy = actorId;
    await condition(() => phase !== 'collecting');
    return status();
  }, {
    validator: (_req) => {
      if (phase !== 'collecting' || closeRequestedBy) {
        throw ApplicationFailure.nonRetryable(`the submission window is not open (phase ${phase})`, 'PHASE_CONFLICT');
      }
    },
  });
  setHandler(advancePhaseUpdate, async (req) => {
    pending = req;
    await condition(() => phase === req.to);
    return status();
  }, {
    validator: ({ to }) => {
      const next = CYCLE_PHASES[CYCLE_PHASES.indexOf(phase) + 1];
      if (phase === 'collecting') {
        throw ApplicationFailure.nonRetryable('close the submission window first', 'PHASE_CONFLICT');
      }
      if (pending || to !== next) {
        throw ApplicationFailure.nonRetryable(`cannot move from ${phase} to ${to}; next is ${next ?? 'none'}`, 'PHASE_CONFLICT');
      }
    },
  });

  // Submission window: closes at the deadline or earlier when the coordinator says so.
  const untilDeadline = Math.max(0, Date.parse(input.submissionDeadline) - Date.now());
  await condition(() => closeRequestedBy !== null, untilDeadline);
  nextTimerAt = null;
  await moveTo('reviewing', closeRequestedBy ?? 'system:deadline');

  // Later phases advance on human decisions (issue #4 adds their timers and reminders).
  while (phase !== 'closed') {
    await condition(() => pending !== null);
    const req = pending!;
    await moveTo(req.to, req.actorId);
    pending = null;
  }
  return status();
}
