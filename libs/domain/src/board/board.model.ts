import type { IsoDate, IsoInstant } from '../shared/iso-date';

/** Statuses of a unit's submission as the board read model keeps them (same values as SubmissionStatus). */
export const BOARD_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/**
 * Statuses in which the unit's part is in the reviewers' hands or accepted: these count as "submitted"
 * (đã nộp). A returned unit must submit again, so it counts as not submitted — the same rule as the reminder
 * activities, which keep reminding returned units, so the board and the reminder e-mails give the same count.
 */
export const SUBMITTED_STATUSES: readonly BoardStatus[] = ['submitted', 'resubmitted', 'approved'];

/** One assigned (or formerly assigned) unit of a cycle, as the caller reads it from the read models. */
export interface BoardUnitRow {
  unitId: string;
  /** Canonical name (NFC). */
  unitName: string;
  /** Kind code ('HLHPN', 'DANG_UY_XA' …; open catalogue). */
  unitKind: string;
  /** Administrative level as data ('huyen', 'xa' …). */
  level: string;
  status: BoardStatus;
  /** The unit's own deadline after every extension. */
  effectiveDeadline: IsoDate;
  /** The unit's FIRST submission; null while it never submitted. */
  submittedAt: IsoInstant | null;
  /**
   * Lateness recorded when the unit submitted (against the deadline of that moment). Used only when
   * `submittedAt` is missing from a submitted row; otherwise lateness is recomputed against the effective
   * deadline, so an extension granted after a submission counts.
   */
  late: boolean | null;
  activeFrom: IsoDate;
  /** Last day the unit exists (inclusive); absent or null while it exists. */
  activeTo?: IsoDate | null;
  /** False once the coordinator unassigned the unit from the cycle. */
  assigned: boolean;
}

/** The data period of the cycle (inclusive). */
export interface BoardPeriod {
  dataFrom: IsoDate;
  dataTo: IsoDate;
}

/** Why a unit of the board does not count in the denominators. */
export type NotExpectedReason = 'not_assigned' | 'closed_before_period_end' | 'opened_after_period_end';

/**
 * - on_time: first submission at or before the end (Vietnam time) of the effective deadline;
 * - late: first submission after it;
 * - overdue: expected, never submitted, and the effective deadline has passed as of `now`;
 * - not_due: expected, never submitted, the deadline has not passed yet;
 * - not_expected: never submitted and not expected to (unassigned, or not in existence at the period's end).
 */
export const TIMELINESS = ['on_time', 'late', 'overdue', 'not_due', 'not_expected'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export interface BoardUnit extends BoardUnitRow {
  /** Counts in the denominators: assigned AND in existence on the last day of the data period. */
  expected: boolean;
  notExpectedReason: NotExpectedReason | null;
  /** Status is submitted, resubmitted or approved (see SUBMITTED_STATUSES). */
  submitted: boolean;
  timeliness: Timeliness;
  /**
   * Calendar days (Vietnam time) after the effective deadline: of the first submission when the unit
   * submitted late; as of `now` when it is overdue; 0 otherwise. Null only when a submitted row has no
   * `submittedAt` (then `late` decides the timeliness and the number of days is unknown).
   */
  daysLate: number | null;
}

/** count / of, e.g. 5/8 = 62,5 %. `ratio` and `percent` are null when nothing is expected (0/0). */
export interface Rate {
  count: number;
  of: number;
  ratio: number | null;
  /** formatPercentVi(ratio): '62,5%'. */
  percent: string | null;
}

/** Counts over the expected units of a group (or of the whole cycle). */
export interface BoardTotals {
  expected: number;
  /** Expected units whose status is submitted, resubmitted or approved. */
  submitted: number;
  /** Expected units that are submitted and whose first submission was on time. */
  onTime: number;
  /** Expected units that are submitted and whose first submission was late. */
  submittedLate: number;
  /** Expected units not submitted (not_started, draft or returned). */
  pending: number;
  /** Expected units never submitted whose deadline has passed. */
  overdue: number;
  /** Expected units currently returned for revision. */
  returned: number;
  /** Expected units approved. */
  approved: number;
  /** submitted / expected. */
  completeness: Rate;
  /** onTime / expected. */
  timeliness: Rate;
}

export interface BoardGroup extends BoardTotals {
  /** Kind code or level. */
  key: string;
  /** Vietnamese label (kind label from UNIT_KINDS; the level as given). */
  label: string;
}

export interface BoardStatistics {
  period: BoardPeriod;
  /** The instant the statistics were computed for. */
  now: IsoInstant;
  /** Every row, with its derived fields, in Vietnamese name order. */
  units: BoardUnit[];
  overall: BoardTotals;
  /** One group per kind among the expected units, in Vietnamese order of the label. */
  byKind: BoardGroup[];
  /** One group per level among the expected units, in the caller's level order, else in Vietnamese order. */
  byLevel: BoardGroup[];
  /** Units that submitted although they are not expected (closed before the period's end, unassigned). */
  submittedNotExpected: number;
}
