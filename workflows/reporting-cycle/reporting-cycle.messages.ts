// Messages of the reporting-cycle workflow, shared by the workflow, the API (client) and tests.
// Imports only @temporalio/workflow's message definitions, which are safe outside a workflow.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const CYCLE_PHASES = ['collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

export interface ReportingCycleInput {
  cycleId: string;
  /** ISO instant at which the submission window closes on its own. */
  submissionDeadline: string;
  /** Who opened the cycle: recorded as actor of the workflow's own events. */
  coordinatorId: string;
}

export interface CycleStatus {
  cycleId: string;
  phase: CyclePhase;
  submissionDeadline: string;
  /** ISO instant of the next timer the workflow waits on, if any. */
  nextTimerAt: string | null;
  phaseHistory: { phase: CyclePhase; at: string }[];
}

export const cycleStatusQuery = defineQuery<CycleStatus>('cycleStatus');
/** Coordinator closes the submission window before the deadline. */
export const closeSubmissionWindowUpdate = defineUpdate<CycleStatus, [{ actorId: string }]>('closeSubmissionWindow');
/** Moves the cycle to the next phase; the validator rejects anything else before it reaches history. */
export const advancePhaseUpdate = defineUpdate<CycleStatus, [{ to: CyclePhase; actorId: string }]>('advancePhase');

export const WORKFLOW_TYPE = 'reportingCycle';
