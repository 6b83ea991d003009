import { DomainError } from '../shared/domain-error';
import type { IsoDate } from '../shared/iso-date';
import { requireNonBlank } from '../shared/text';
import { formatStateDate } from '../format/vietnamese-format';
import { compareDates, requireDate } from './calendar-date';
import { addWorkingDays, type HolidayCalendar } from './holiday-calendar';

/**
 * Reporting periods per Nghị định 09/2019/NĐ-CP (Điều 12): the data of a periodic report run from the 15th
 * of the last month of the previous period to the 14th of the last month of the period, so a period never
 * starts on the 1st. Thematic (chuyên đề) and ad-hoc (đột xuất) reports take whatever window and deadline
 * the requesting document sets.
 */
export type StandardPeriodKind = 'quarter' | 'six-month' | 'nine-month' | 'year';
export type CustomPeriodKind = 'thematic' | 'ad-hoc';
export type PeriodKind = StandardPeriodKind | CustomPeriodKind;

/** The document that asked for a thematic or ad-hoc report, e.g. Công văn số 1257/SNV-XDCQ&TCBM. */
export interface RequestingDocument {
  reference: string;
  date: IsoDate;
  issuer: string;
}

export interface ReportingPeriod {
  kind: PeriodKind;
  /** The year reported on; for thematic and ad-hoc periods the year of `dataTo`. */
  year: number;
  /** Quarter 1-4, only for kind 'quarter'. */
  index?: number;
  /** Vietnamese label: 'Quý I năm 2025', '6 tháng đầu năm 2025', '9 tháng năm 2025', 'Năm 2025', or the title. */
  label: string;
  /** First day of the data window (inclusive). */
  dataFrom: IsoDate;
  /** Data cut-off: last day of the data window (inclusive). */
  dataTo: IsoDate;
  requestedBy?: RequestingDocument;
}

export interface CustomPeriodInput {
  kind: CustomPeriodKind;
  title: string;
  dataFrom: IsoDate;
  dataTo: IsoDate;
  requestedBy?: RequestingDocument;
}

const STANDARD_KINDS: readonly string[] = ['quarter', 'six-month', 'nine-month', 'year'] satisfies StandardPeriodKind[];
const CUSTOM_KINDS: readonly string[] = ['thematic', 'ad-hoc'] satisfies CustomPeriodKind[];
const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;
/** Periods that accumulate from the start of the year (15/12 of the previous year). */
const CUMULATIVE_PERIODS: Record<Exclude<StandardPeriodKind, 'quarter'>, { label: (year: number) => string; lastMonth: number }> = {
  'six-month': { label: (year) => `6 tháng đầu năm ${year}`, lastMonth: 6 },
  'nine-month': { label: (year) => `9 tháng năm ${year}`, lastMonth: 9 },
  year: { label: (year) => `Năm ${year}`, lastMonth: 12 },
};

/** 422 PERIOD_INVALID: a period that cannot exist (quarter 5, data window ending before it starts, …). */
export class InvalidPeriodError extends DomainError {
  constructor(field: string, problem: string, problemVi: string) {
    super({
      code: 'PERIOD_INVALID',
      message: `reporting period: ${field}: ${problem}`,
      messageVi: `Kỳ báo cáo không hợp lệ: ${problemVi}`,
      httpStatus: 422,
      details: { field },
    });
  }
}

/** 422 DEADLINE_TOO_EARLY: the submission deadline leaves no working day after the data cut-off. */
export class DeadlineTooEarlyError extends DomainError {
  constructor(deadline: IsoDate, dataTo: IsoDate, earliest: IsoDate) {
    super({
      code: 'DEADLINE_TOO_EARLY',
      message: `deadline ${deadline} is too early for data up to ${dataTo}; the earliest allowed is ${earliest}`,
      messageVi: `Hạn nộp ${formatStateDate(deadline)} quá sớm: số liệu tính đến ngày ${formatStateDate(dataTo)}, hạn nộp sớm nhất là ngày ${formatStateDate(earliest)}.`,
      httpStatus: 422,
      details: { field: 'deadline', deadline, dataTo, earliest },
    });
  }
}

export function isStandardPeriodKind(kind: unknown): kind is StandardPeriodKind {
  return typeof kind === 'string' && STANDARD_KINDS.includes(kind);
}

export function isCustomPeriodKind(kind: unknown): kind is CustomPeriodKind {
  return typeof kind === 'string' && CUSTOM_KINDS.includes(kind);
}

/**
 * The data window of a periodic report of `year`:
 * - year:       15/12 (year-1) → 14/12;
 * - six-month:  15/12 (year-1) → 14/6;
 * - nine-month: 15/12 (year-1) → 14/9;
 * - quarter I 15/12 (year-1) → 14/3, II 15/3 → 14/6, III 15/6 → 14/9, IV 15/9 → 14/12.
 */
export function standardPeriod(kind: StandardPeriodKind, year: number, index?: number): ReportingPeriod {
  if (!isStandardPeriodKind(kind)) {
    throw new InvalidPeriodError(
      'kind',
      `${JSON.stringify(kind)} is not a periodic kind (quarter, six-month, nine-month, year)`,
      'loại kỳ báo cáo định kỳ không đúng.',
    );
  }
  if (!Number.isInteger(year) || year < 1001 || year > 9999) {
    throw new InvalidPeriodError('year', `must be an integer 1001-9999, got ${year}`, 'năm báo cáo không đúng.');
  }
  if (kind === 'quarter') {
    if (index === undefined || !Number.isInteger(index) || index < 1 || index > 4) {
      throw new InvalidPeriodError('index', `a quarter needs index 1-4, got ${index}`, 'quý phải từ I đến IV.');
    }
    const lastMonth = index * 3;
    return {
      kind,
      year,
      index,
      label: `Quý ${ROMAN_QUARTERS[index - 1]} năm ${year}`,
      dataFrom: index === 1 ? isoDate(year - 1, 12, 15) : isoDate(year, lastMonth - 3, 15),
      dataTo: isoDate(year, lastMonth, 14),
    };
  }
  if (index !== undefined) {
    throw new InvalidPeriodError(
      'index',
      `only a quarter takes an index, got ${index} for ${kind}`,
      'chỉ kỳ báo cáo quý mới có số thứ tự.',
    );
  }
  const { label, lastMonth } = CUMULATIVE_PERIODS[kind];
  return { kind, year, label: label(year), dataFrom: isoDate(year - 1, 12, 15), dataTo: isoDate(year, lastMonth, 14) };
}

/** A thematic or ad-hoc period: the window and the title come from the requesting document. */
export function customPeriod(input: CustomPeriodInput): ReportingPeriod {
  if (!isCustomPeriodKind(input.kind)) {
    throw new InvalidPeriodError(
      'kind',
      `${JSON.stringify(input.kind)} is not thematic or ad-hoc; use standardPeriod()`,
      'kỳ báo cáo chuyên đề hoặc đột xuất không đúng loại.',
    );
  }
  const label = requireNonBlank(input.title, 'title', 'Tên kỳ báo cáo');
  const dataFrom = requireDate(input.dataFrom, 'dataFrom');
  const dataTo = requireDate(input.dataTo, 'dataTo');
  if (compareDates(dataFrom, dataTo) > 0) {
    throw new InvalidPeriodError(
      'dataTo',
      `data window ends (${dataTo}) before it starts (${dataFrom})`,
      'ngày kết thúc số liệu trước ngày bắt đầu.',
    );
  }
  return {
    kind: input.kind,
    year: Number(dataTo.slice(0, 4)),
    label,
    dataFrom,
    dataTo,
    ...(input.requestedBy ? { requestedBy: requireRequestingDocument(input.requestedBy) } : {}),
  };
}

/**
 * The default submission deadline: `workingDaysAfterCutOff` working days after the data cut-off, so with the
 * default 1 it is the first working day after `dataTo` (cut-off Saturday 14/6 → Monday 16/6).
 */
export function defaultSubmissionDeadline(cal: HolidayCalendar, period: ReportingPeriod, workingDaysAfterCutOff = 1): IsoDate {
  if (!Number.isInteger(workingDaysAfterCutOff) || workingDaysAfterCutOff < 1) {
    throw new RangeError(`workingDaysAfterCutOff must be an integer ≥ 1, got ${workingDaysAfterCutOff}`);
  }
  return addWorkingDays(cal, period.dataTo, workingDaysAfterCutOff);
}

/**
 * The earliest deadline allowed: for periodic reports the first working day after the cut-off (at least one
 * working day to compile the data); for thematic and ad-hoc reports the cut-off day itself, since the
 * requester sets the deadline.
 */
export function earliestAllowedDeadline(cal: HolidayCalendar, period: ReportingPeriod): IsoDate {
  return isCustomPeriodKind(period.kind) ? requireDate(period.dataTo, 'dataTo') : addWorkingDays(cal, period.dataTo, 1);
}

/** The DeadlineTooEarlyError the deadline would raise, or undefined when it is allowed. */
export function validateDeadline(cal: HolidayCalendar, period: ReportingPeriod, deadline: IsoDate): DeadlineTooEarlyError | undefined {
  requireDate(deadline, 'deadline');
  const earliest = earliestAllowedDeadline(cal, period);
  return compareDates(deadline, earliest) < 0 ? new DeadlineTooEarlyError(deadline, period.dataTo, earliest) : undefined;
}

/** Returns the deadline when allowed, else throws DeadlineTooEarlyError. */
export function requireValidDeadline(cal: HolidayCalendar, period: ReportingPeriod, deadline: IsoDate): IsoDate {
  const error = validateDeadline(cal, period, deadline);
  if (error) throw error;
  return deadline;
}

function requireRequestingDocument(doc: RequestingDocument): RequestingDocument {
  return {
    reference: requireNonBlank(doc.reference, 'requestedBy.reference', 'Số, ký hiệu văn bản yêu cầu'),
    date: requireDate(doc.date, 'requestedBy.date'),
    issuer: requireNonBlank(doc.issuer, 'requestedBy.issuer', 'Cơ quan ban hành văn bản yêu cầu'),
  };
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
