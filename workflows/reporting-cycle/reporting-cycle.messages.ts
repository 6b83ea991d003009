// Messages of the reporting-cycle workflow, shared by the workflow, the API (client) and tests.
// Imports only @temporalio/workflow's message definitions (safe outside a workflow) and pure domain types.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ReminderPolicy } from '../../libs/domain/src/calendar/reminder-schedule';
import type { CyclePhase } from '../../libs/domain/src/cycle/cycle.model';

export type { CyclePhase };

export interface ReportingCycleInput {
  cycleId: string;
  /** ISO instant at which the submission window closes on its own (end of the deadline day, Vietnam time). */
  submissionClosesAt: string;
  coordinatorId: string;
  /** Start collecting at once; otherwise the cycle waits in 'planned' for advancePhase('collecting'). */
  startCollecting: boolean;
  /** When to remind pending units (working days before / after their own deadline); defaults: D-3, D-1, D0, D+1, D+3 at 08:00. */
  reminderPolicy?: Partial<ReminderPolicy>;
  /**
   * Continue as new once a run's history passes this many events, besides when Temporal suggests it (the
   * default, with no threshold). For operators who want short histories, and for the test that exercises the
   * hand-over.
   */
  maxHistoryEvents?: number;
  /** Set by continueAsNew: where the previous run stopped. */
  resume?: ResumeState;
}

export interface ResumeState {
  phase: CyclePhase;
  phaseHistory: CycleStatus['phaseHistory'];
  /** Reminder instants up to this one (ISO) were sent. */
  remindersDoneUpTo: string;
  /** The last reminder rounds (bounded), so the status keeps them across runs. */
  reminderRounds?: CycleStatus['reminderRounds'];
}

export interface CycleStatus {
  cycleId: string;
  phase: CyclePhase;
  submissionClosesAt: string;
  /** ISO instant at which the submission window closes by itself, while it is open. */
  nextTimerAt: string | null;
  /** ISO instant of the next reminder round, if any. */
  nextReminderAt: string | null;
  /** Reminder rounds sent by this cycle (across continue-as-new runs). */
  reminderRounds: { dueAt: string; unitsDue: number }[];
  phaseHistory: { phase: CyclePhase; at: string; by: string }[];
}

export const cycleStatusQuery = defineQuery<CycleStatus>('cycleStatus');
/** The coordinator closes the submission window (early, or at the deadline). */
export const closeSubmissionWindowUpdate = defineUpdate<CycleStatus, [{ actorId: string }]>('closeSubmissionWindow');
/** Moves the cycle to the next phase; the validator rejects anything else before it reaches history. */
export const advancePhaseUpdate = defineUpdate<CycleStatus, [{ to: CyclePhase; actorId: string }]>('advancePhase');

/**
 * The BTV signed the cycle's report (recorded by the API on the report's stream): the workflow moves the cycle
 * from signing on to distribution. Accepted again once there (a retried sign-off); refused before signing.
 */
export const reportSignedUpdate = defineUpdate<CycleStatus, [{ actorId: string }]>('reportSigned');

/** Coarse message from the API: some unit's deadline changed (an extension). The workflow re-plans its reminders. */
export const deadlinesChangedSignal = defineSignal('deadlinesChanged');

export const WORKFLOW_TYPE = 'reportingCycle';
