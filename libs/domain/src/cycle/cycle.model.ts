import type { IsoDate, IsoInstant } from '../shared/iso-date';

/** Phases in order: plan → unit submissions → Ban Dân vận review → Thường trực comments → BTV sign-off → distribution. */
export const CYCLE_PHASES = ['planned', 'collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];
/** A cancelled cycle leaves the phase sequence for good. */
export type CycleStatus = CyclePhase | 'cancelled';

export function isCyclePhase(value: unknown): value is CyclePhase {
  return typeof value === 'string' && (CYCLE_PHASES as readonly string[]).includes(value);
}

/** The phase after `phase`, or null after 'closed'. */
export function nextPhase(phase: CyclePhase): CyclePhase | null {
  return CYCLE_PHASES[CYCLE_PHASES.indexOf(phase) + 1] ?? null;
}

/** The reporting period as the period builder computes it; the cycle only stores it. */
export interface CyclePeriod {
  /** 'annual', 'quarter', '6-month', '9-month', 'thematic', 'ad-hoc' … */
  kind: string;
  year?: number;
  index?: number;
  /** How the report names it: 'năm 2023', '6 tháng đầu năm 2024' … */
  label: string;
  /** Data cut-off window, inclusive (Nghị định 09/2019: 15/12 of the previous year → 14/12 for annual). */
  dataFrom: IsoDate;
  dataTo: IsoDate;
  /** The request from above this cycle answers, in whatever shape the caller keeps it; stored as is. */
  requestedBy?: unknown;
}

/** Who issues the report: 'Huyện ủy Tam Đường', symbol 'HU' (as in "Số 456-BC/HU"). */
export interface IssuingBody {
  unitId: string;
  name: string;
  symbol: string;
}

/** Party style 'T/M', 'K/T', 'T/L', 'TUQ'; state style 'TM.', 'KT.', 'TL.'. */
export const SIGNING_AUTHORITIES = ['T/M', 'K/T', 'T/L', 'TUQ', 'TM.', 'KT.', 'TL.'] as const;
export type SigningAuthority = (typeof SIGNING_AUTHORITIES)[number];

/** "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Nguyễn Văn A". */
export interface Signer {
  authority: SigningAuthority;
  title: string;
  name: string;
}

/** Due date of each later phase (dates, inclusive, Vietnam time). Non-decreasing in this order. */
export interface CycleMilestones {
  submissionDeadline: IsoDate;
  reviewDue: IsoDate;
  commentsDue: IsoDate;
  signOffDue: IsoDate;
  distributionDue: IsoDate;
}

export const MILESTONE_ORDER = ['submissionDeadline', 'reviewDue', 'commentsDue', 'signOffDue', 'distributionDue'] as const;

export interface DeadlineExtension {
  previousDeadline: IsoDate;
  newDeadline: IsoDate;
  reason: string;
}

export interface AssignedUnit {
  unitId: string;
  /** The unit's own deadline (by default the cycle's submission deadline; may be earlier). */
  baseDeadline: IsoDate;
  extensions: DeadlineExtension[];
}

export type ClosedBy = { kind: 'coordinator'; userId: string } | { kind: 'deadline' };

export interface OpenedCycleState {
  status: CycleStatus;
  cycleId: string;
  templateId: string;
  templateVersion: number;
  period: CyclePeriod;
  issuingBody: IssuingBody;
  signer?: Signer;
  coordinatorId: string;
  milestones: CycleMilestones;
  /** In assignment order (the order units appear in breakdowns). */
  assignedUnits: AssignedUnit[];
  /** The previous cycle of the same template and issuer: the draft compares with its totals. */
  previousCycleId?: string;
  /** Plan targets (kế hoạch) per indicator code, for "đạt …% kế hoạch". */
  targets?: Record<string, number>;
  submissionWindow?: { closedAt: IsoInstant; closedBy: ClosedBy; early: boolean };
  cancellation?: { reason: string; cancelledInStatus: CyclePhase };
}

/** One stream per cycle. */
export type CycleState = { status: 'not_opened' } | OpenedCycleState;

/** The unit's deadline after its extensions (the last one granted), or undefined when it is not assigned. */
export function effectiveDeadline(state: CycleState, unitId: string): IsoDate | undefined {
  if (state.status === 'not_opened') return undefined;
  const unit = state.assignedUnits.find((u) => u.unitId === unitId);
  if (!unit) return undefined;
  return unit.extensions.length > 0 ? unit.extensions[unit.extensions.length - 1].newDeadline : unit.baseDeadline;
}
