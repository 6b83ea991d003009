// Messages of the reporting-cycle workflow, shared by the workflow, the API (client) and tests.
// Imports only @temporalio/workflow's message definitions (safe outside a workflow) and pure domain types.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CyclePhase } from '../../libs/domain/src/cycle/cycle.model';

export type { CyclePhase };

export interface ReportingCycleInput {
  cycleId: string;
  /** ISO instant at which the submission window closes on its own (end of the deadline day, Vietnam time). */
  submissionClosesAt: string;
  coordinatorId: string;
  /** Start collecting at once; otherwise the cycle waits in 'planned' for advancePhase('collecting'). */
  startCollecting: boolean;
}

export interface CycleStatus {
  cycleId: string;
  phase: CyclePhase;
  submissionClosesAt: string;
  /** ISO instant of the next timer the workflow waits on, if any. */
  nextTimerAt: string | null;
  phaseHistory: { phase: CyclePhase; at: string; by: string }[];
}

export const cycleStatusQuery = defineQuery<CycleStatus>('cycleStatus');
/** The coordinator closes the submission window (early, or at the deadline). */
export const closeSubmissionWindowUpdate = defineUpdate<CycleStatus, [{ actorId: string }]>('closeSubmissionWindow');
/** Moves the cycle to the next phase; the validator rejects anything else before it reaches history. */
export const advancePhaseUpdate = defineUpdate<CycleStatus, [{ to: CyclePhase; actorId: string }]>('advancePhase');

export const WORKFLOW_TYPE = 'reportingCycle';
