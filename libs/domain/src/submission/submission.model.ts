import type { IsoDate, IsoInstant } from '../shared/iso-date';
import type { Figures } from '../templates/report-template';
import type { Violation } from '../templates/figure-check';

export const SUBMISSION_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Narrative text per section code of the template ('II.1' → "Công tác tuyên truyền …"). */
export type Narrative = Record<string, string>;

export interface SubmissionContent {
  figures: Figures;
  narrative: Narrative;
}

/** Every submitted (or corrected) version is kept: reviewers compare them, the audit trail needs them. */
export interface SubmissionVersion extends SubmissionContent {
  version: number;
  /** 'submission' by the unit; 'correction' by the coordinator after approval. */
  kind: 'submission' | 'correction';
  submittedAt: IsoInstant;
  /** The unit's effective deadline it was measured against (absent for corrections). */
  deadline?: IsoDate;
  late: boolean;
  daysLate: number;
  /** Warning-severity rule violations accepted with this version. */
  warnings: Violation[];
  /** Why the coordinator corrected an approved version. */
  reason?: string;
  /** The figures are the consolidated result of a lower-level cycle (communes → district): where to follow them down. */
  source?: LowerCycleSource;
}

/** A lower-level cycle whose signed report a submission takes its figures from. */
export interface LowerCycleSource {
  cycleId: string;
  /** The signed version of that cycle's report, and the event that signed it. */
  reportVersion: number;
  signedEventId: string;
  /** 'Số 05-BC/ĐU' once numbered. */
  numberText?: string;
}

export interface ReturnReason {
  /** The section the remark is about; absent for a remark on the whole submission. */
  sectionCode?: string;
  reason: string;
}

export interface ReturnRecord {
  version: number;
  reasons: ReturnReason[];
}

/** One stream per (cycle, unit). */
export interface SubmissionState {
  status: SubmissionStatus;
  /** Set by the first event of the stream. */
  cycleId?: string;
  unitId?: string;
  /** The unit's working copy: the last draft saved, or the last version submitted. */
  draft?: SubmissionContent;
  versions: SubmissionVersion[];
  returns: ReturnRecord[];
  approvedVersion?: number;
}

export function latestVersion(state: SubmissionState): SubmissionVersion | undefined {
  return state.versions[state.versions.length - 1];
}
