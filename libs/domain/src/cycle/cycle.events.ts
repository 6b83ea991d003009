import type { DomainEvent } from '../shared/decider';
import type { IsoDate, IsoInstant } from '../shared/iso-date';
import type { ClosedBy, CycleMilestones, CyclePeriod, CyclePhase, IssuingBody, Signer } from './cycle.model';

export interface UnitDeadline {
  unitId: string;
  baseDeadline: IsoDate;
}

export type CycleOpened = DomainEvent<
  'CycleOpened',
  {
    cycleId: string;
    templateId: string;
    templateVersion: number;
    period: CyclePeriod;
    issuingBody: IssuingBody;
    signer?: Signer;
    coordinatorId: string;
    milestones: CycleMilestones;
    units: UnitDeadline[];
    previousCycleId?: string;
    targets?: Record<string, number>;
  }
>;

export type UnitsAssigned = DomainEvent<'UnitsAssigned', { cycleId: string; units: UnitDeadline[] }>;

export type UnitUnassigned = DomainEvent<'UnitUnassigned', { cycleId: string; unitId: string; reason?: string }>;

export type UnitDeadlineExtended = DomainEvent<
  'UnitDeadlineExtended',
  {
    cycleId: string;
    unitId: string;
    previousDeadline: IsoDate;
    newDeadline: IsoDate;
    reason: string;
  }
>;

/** collecting → reviewing. `early`: closed before the end of the submission deadline day. */
export type SubmissionWindowClosed = DomainEvent<
  'SubmissionWindowClosed',
  {
    cycleId: string;
    closedBy: ClosedBy;
    closedAt: IsoInstant;
    early: boolean;
  }
>;

export type CyclePhaseAdvanced = DomainEvent<'CyclePhaseAdvanced', { cycleId: string; from: CyclePhase; to: CyclePhase }>;

export type CycleCancelled = DomainEvent<'CycleCancelled', { cycleId: string; reason: string; cancelledInStatus: CyclePhase }>;

export type CycleEvent =
  | CycleOpened
  | UnitsAssigned
  | UnitUnassigned
  | UnitDeadlineExtended
  | SubmissionWindowClosed
  | CyclePhaseAdvanced
  | CycleCancelled;
