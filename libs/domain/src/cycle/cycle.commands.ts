import type { DomainCommand } from '../shared/decider';
import type { IsoDate, IsoInstant } from '../shared/iso-date';
import type { ClosedBy, CycleMilestones, CyclePeriod, CyclePhase, IssuingBody, Signer } from './cycle.model';

/** A unit asked to contribute; without `deadline` it gets the cycle's submission deadline. */
export interface UnitAssignment {
  unitId: string;
  deadline?: IsoDate;
}

export type OpenCycle = DomainCommand<
  'OpenCycle',
  {
    cycleId: string;
    templateId: string;
    templateVersion: number;
    period: CyclePeriod;
    issuingBody: IssuingBody;
    signer?: Signer;
    coordinatorId: string;
    milestones: CycleMilestones;
    units: UnitAssignment[];
    /** The previous cycle of the same template and issuer (checked by the caller, which reads both). */
    previousCycleId?: string;
    /** Plan targets per indicator code (non-negative numbers). */
    targets?: Record<string, number>;
  }
>;

export type AssignUnits = DomainCommand<'AssignUnits', { units: UnitAssignment[] }>;

export type UnassignUnit = DomainCommand<'UnassignUnit', { unitId: string; reason?: string }>;

export type ExtendUnitDeadline = DomainCommand<'ExtendUnitDeadline', { unitId: string; newDeadline: IsoDate; reason: string }>;

/** By the coordinator (early or at the deadline) or by the deadline timer itself. */
export type CloseSubmissionWindow = DomainCommand<'CloseSubmissionWindow', { by: ClosedBy; at: IsoInstant }>;

export type AdvancePhase = DomainCommand<
  'AdvancePhase',
  {
    to: CyclePhase;
    /**
     * Required for reviewing → commenting: the units whose submission is approved, read by the caller from
     * the submissions. Every assigned unit must be among them.
     */
    approvedUnitIds?: string[];
  }
>;

export type CancelCycle = DomainCommand<'CancelCycle', { reason: string }>;

export type CycleCommand = OpenCycle | AssignUnits | UnassignUnit | ExtendUnitDeadline | CloseSubmissionWindow | AdvancePhase | CancelCycle;
