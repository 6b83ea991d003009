import type { DomainCommand } from '../shared/decider';
import type { IsoDate, IsoInstant } from '../shared/iso-date';
import type { Figures, ReportTemplate } from '../templates/report-template';
import type { LowerCycleSource, Narrative, ReturnReason, SubmissionContent } from './submission.model';

interface StreamKey {
  cycleId: string;
  unitId: string;
}

export type SaveDraft = DomainCommand<
  'SaveDraft',
  StreamKey & {
    figures: Figures;
    narrative: Narrative;
    /** With `unitKind`: figures for sections the unit's kind does not answer are refused. */
    template?: ReportTemplate;
    /** The unit's kind (DANG_UY_XA, HND …); the template's sections may be limited to some kinds. */
    unitKind?: string;
  }
>;

export type Submit = DomainCommand<
  'Submit',
  StreamKey & {
    now: IsoInstant;
    /** The unit's deadline after extensions, read by the caller from the cycle (effectiveDeadline). */
    effectiveDeadline: IsoDate;
    /** The cycle's template: figures are checked against it. */
    template: ReportTemplate;
    /** What to submit; by default the saved draft. */
    content?: SubmissionContent;
    /** Set when the content is a lower-level cycle's consolidated result. */
    source?: LowerCycleSource;
    /** The unit's kind: figures for sections it does not answer are refused. */
    unitKind?: string;
  }
>;

export type ReturnSubmission = DomainCommand<
  'ReturnSubmission',
  StreamKey & {
    reasons: ReturnReason[];
    /** The version the reviewer read; rejected when a newer one exists. */
    version?: number;
  }
>;

export type ApproveSubmission = DomainCommand<
  'ApproveSubmission',
  StreamKey & {
    /** The version the reviewer read; rejected when a newer one exists. */
    version?: number;
  }
>;

/** Approval is final for the unit; the coordinator may still correct the approved content, with a reason. */
export type CorrectSubmission = DomainCommand<
  'CorrectSubmission',
  StreamKey & {
    now: IsoInstant;
    template: ReportTemplate;
    figures: Figures;
    narrative: Narrative;
    reason: string;
  }
>;

export type SubmissionCommand = SaveDraft | Submit | ReturnSubmission | ApproveSubmission | CorrectSubmission;
