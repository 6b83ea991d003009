import type { DomainEvent } from '../shared/decider';
import type { IsoDate, IsoInstant } from '../shared/iso-date';
import type { Violation } from '../templates/figure-check';
import type { Figures } from '../templates/report-template';
import type { Narrative, ReturnReason, LowerCycleSource } from './submission.model';

interface StreamKey {
  cycleId: string;
  unitId: string;
}

export type SubmissionDraftSaved = DomainEvent<'SubmissionDraftSaved', StreamKey & { figures: Figures; narrative: Narrative }>;

export type SubmissionSubmitted = DomainEvent<
  'SubmissionSubmitted',
  StreamKey & {
    version: number;
    /** True when submitted again after a return. */
    resubmission: boolean;
    submittedAt: IsoInstant;
    deadline: IsoDate;
    late: boolean;
    /** Calendar days after the deadline day (Vietnam time); 0 when on time. */
    daysLate: number;
    templateId: string;
    templateVersion: number;
    figures: Figures;
    narrative: Narrative;
    warnings: Violation[];
    /** The lower-level cycle the figures come from (roll-up). */
    source?: LowerCycleSource;
  }
>;

export type SubmissionReturned = DomainEvent<'SubmissionReturned', StreamKey & { version: number; reasons: ReturnReason[] }>;

export type SubmissionApproved = DomainEvent<'SubmissionApproved', StreamKey & { version: number }>;

export type SubmissionCorrected = DomainEvent<
  'SubmissionCorrected',
  StreamKey & {
    version: number;
    correctsVersion: number;
    correctedAt: IsoInstant;
    reason: string;
    templateId: string;
    templateVersion: number;
    figures: Figures;
    narrative: Narrative;
    warnings: Violation[];
  }
>;

export type SubmissionEvent = SubmissionDraftSaved | SubmissionSubmitted | SubmissionReturned | SubmissionApproved | SubmissionCorrected;
