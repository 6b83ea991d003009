import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CycleActivities } from '../../activities/cycle/cycle.activities';
import type { ReminderActivities } from '../../activities/reminders/reminders.activities';
import { CYCLE_PHASES, type CyclePhase } from '../../libs/domain/src/cycle/cycle.model';
import { phaseRule, type Decision } from '../../libs/domain/src/permissions/permissions';
import {
  advancePhaseUpdate,
  closeSubmissionWindowUpdate,
  CycleStatus,
  cycleStatusQuery,
  deadlinesChangedSignal,
  ReportingCycleInput,
  reportSignedUpdate,
} from './reporting-cycle.messages';

const cycle = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const reminders = proxyActivities<ReminderActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** Reminder instants fetched per activity call: history grows with rounds, never with units. */
const PLAN_BATCH = 20;
/** Reminder rounds kept in the status (the full record is in the notifications table). */
const KEEP_ROUNDS = 50;

/**
 * One workflow per cycle (workflow id = cycle id). It owns the cycle's clock: the submission window,
 * reminders before and after each unit's deadline, and the phase changes people ask for. The cycle's rules
 * live in the domain decider, which the activities run against the event store (the one audit trail).
 * Submissions are recorded by the API and never signalled here one by one; the workflow holds no per-unit
 * state, so its history does not grow with the number of units.
 */
export async function reportingCycle(input: ReportingCycleInput): Promise<CycleStatus> {
  let phase: CyclePhase = input.resume?.phase ?? 'planned';
  const phaseHistory: CycleStatus['phaseHistory'] = [...(input.resume?.phaseHistory ?? [])];
  let remindersDoneUpTo = input.resume?.remindersDoneUpTo ?? new Date(Date.now()).toISOString();
  const reminderRounds: CycleStatus['reminderRounds'] = [...(input.resume?.reminderRounds ?? [])];
  let nextTimerAt: string | null = null;
  let nextReminderAt: string | null = null;
  let replan = true;
  /** The phase an in-flight change is moving to: changes are serialised, validators judge against it. */
  let inFlight: CyclePhase | null = null;
  const settled = () => inFlight ?? phase;
  const status = (): CycleStatus => ({
    cycleId: input.cycleId,
    phase,
    submissionClosesAt: input.submissionClosesAt,
    nextTimerAt,
    nextReminderAt,
    reminderRounds: [...reminderRounds],
    phaseHistory: [...phaseHistory],
  });

  // The update validators judge with the domain's phase rule (libs/domain/src/permissions): one home for
  // "which phase allows what"; the roles were checked by the API before the update was sent.
  const refuse = (decision: Decision) => {
    if (!decision.allowed) throw ApplicationFailure.nonRetryable(decision.message, decision.code);
  };
  const checkClose = (current: CyclePhase) => refuse(phaseRule('cycle.close-submissions', { cycleStatus: current }));
  const checkAdvance = (current: CyclePhase, to: CyclePhase) => refuse(phaseRule('cycle.advance', { cycleStatus: current, to }));
  /** A report is signed in the signing phase; once past it, a retried sign-off has nothing left to move. */
  const pastSigning = (current: CyclePhase) => CYCLE_PHASES.indexOf(current) > CYCLE_PHASES.indexOf('signing');
  const checkSigned = (current: CyclePhase) => {
    if (!pastSigning(current)) refuse(phaseRule('report.sign', { cycleStatus: current }));
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
    change(
      'reviewing',
      by.kind === 'coordinator' ? by.userId : 'system:deadline',
      () => checkClose(phase),
      (key) => cycle.closeSubmissionWindow({ cycleId: input.cycleId, by, at: new Date(Date.now()).toISOString(), idempotencyKey: key }),
    );
  const advance = (to: CyclePhase, actorId: string) =>
    change(
      to,
      actorId,
      () => checkAdvance(phase, to),
      (key) => cycle.advanceCyclePhase({ cycleId: input.cycleId, to, actorId, idempotencyKey: key }),
    );

  // Plan → submissions: at once, or when the coordinator launches the cycle. Started before the handlers are
  // registered, because setHandler dispatches updates that arrived with the start: they must see the launch.
  const launched =
    phase !== 'planned'
      ? Promise.resolve()
      : input.startCollecting
        ? advance('collecting', input.coordinatorId)
        : condition(() => phase !== 'planned');

  setHandler(cycleStatusQuery, status);
  setHandler(
    closeSubmissionWindowUpdate,
    async ({ actorId }) => {
      await closeWindow({ kind: 'coordinator', userId: actorId });
      return status();
    },
    { validator: (_req) => checkClose(settled()) },
  );
  setHandler(
    advancePhaseUpdate,
    async ({ to, actorId }) => {
      await advance(to, actorId);
      return status();
    },
    { validator: ({ to }) => checkAdvance(settled(), to) },
  );
  setHandler(
    reportSignedUpdate,
    async ({ actorId }) => {
      while (inFlight !== null) await condition(() => inFlight === null);
      if (phase === 'signing') await advance('distributing', actorId);
      return status();
    },
    { validator: (_req) => checkSigned(settled()) },
  );
  setHandler(deadlinesChangedSignal, () => {
    replan = true;
  });

  // Reminders run beside the phases while units can still submit (overdue reminders go on during review).
  const remindersActive = () => phase === 'planned' || phase === 'collecting' || phase === 'reviewing';
  const reminderLoop = async () => {
    let plan: string[] = [];
    while (remindersActive()) {
      if (replan) {
        replan = false;
        plan = await reminders.reminderPlan({
          cycleId: input.cycleId,
          policy: input.reminderPolicy ?? {},
          after: remindersDoneUpTo,
          limit: PLAN_BATCH,
        });
      }
      nextReminderAt = plan[0] ?? null;
      if (!nextReminderAt) {
        await condition(() => replan || !remindersActive());
        continue;
      }
      const wait = Date.parse(nextReminderAt) - Date.now();
      if (wait > 0 && (await condition(() => replan || !remindersActive(), wait))) continue;
      if (!remindersActive()) break;
      const sent = await reminders.sendDueReminders({ cycleId: input.cycleId, policy: input.reminderPolicy ?? {}, dueAt: nextReminderAt });
      reminderRounds.push({ dueAt: sent.dueAt, unitsDue: sent.unitsDue });
      if (reminderRounds.length > KEEP_ROUNDS) reminderRounds.shift();
      remindersDoneUpTo = nextReminderAt;
      plan.shift();
      if (plan.length === 0) replan = true;
    }
    nextReminderAt = null;
  };
  const remindersDone = reminderLoop();

  await launched;

  // Submission window: closes at the deadline, or earlier when the coordinator says so.
  if (phase === 'collecting') {
    nextTimerAt = input.submissionClosesAt;
    const untilDeadline = Math.max(0, Date.parse(input.submissionClosesAt) - Date.now());
    const closedByCoordinator = await condition(() => phase !== 'collecting', untilDeadline);
    nextTimerAt = null;
    if (!closedByCoordinator) {
      while (inFlight !== null) await condition(() => inFlight === null);
      if (phase === 'collecting') await closeWindow({ kind: 'deadline' });
    }
  }

  // After review, the cycle's steps, each ended by people (the waits are conditions, not timers: nothing in
  // history depends on how they are written):
  //   reviewing    → commenting:   the reviewer sends the draft report to Thường trực (advancePhase);
  //   commenting   → signing:      Thường trực's comments are resolved, the draft goes to the BTV (advancePhase);
  //   signing      → distributing: the BTV's signature on the report (reportSigned) — the workflow moves on;
  //   distributing → closed:       the clerk has numbered and sent it (advancePhase).
  // A long cycle starts a fresh history when Temporal suggests it, and resumes at its step.
  const historyFull = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.maxHistoryEvents !== undefined && workflowInfo().historyLength >= input.maxHistoryEvents);
  for (const step of ['reviewing', 'commenting', 'signing', 'distributing'] as const) {
    await condition(() => (phase !== step || historyFull()) && inFlight === null);
    if (historyFull()) break;
  }
  if (phase !== 'closed') {
    await condition(allHandlersFinished);
    await continueAsNew<typeof reportingCycle>({ ...input, resume: { phase, phaseHistory, remindersDoneUpTo, reminderRounds } });
  }
  await remindersDone;
  return status();
}
