import { invalid } from './domain-error';

/** A calendar date as 'YYYY-MM-DD' (no time, no zone). Lexicographic order is chronological order. */
export type IsoDate = string;

/** An instant as ISO 8601 with an explicit offset: '2023-12-20T09:30:00+07:00' or '…Z'. */
export type IsoInstant = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year (no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function isIsoInstant(value: unknown): value is IsoInstant {
  return typeof value === 'string' && INSTANT_PATTERN.test(value) && Number.isFinite(Date.parse(value));
}

/** Returns the date or throws 422 INVALID_DATE naming the field. */
export function requireIsoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value)) {
    throw invalid(
      'INVALID_DATE',
      `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      `Ngày không hợp lệ (${field}): cần theo dạng NNNN-TT-NN.`,
      { field, value },
    );
  }
  return value;
}

/** Returns the instant or throws 422 INVALID_INSTANT naming the field. */
export function requireIsoInstant(value: unknown, field: string): IsoInstant {
  if (!isIsoInstant(value)) {
    throw invalid(
      'INVALID_INSTANT',
      `${field} must be an ISO 8601 instant with offset, got ${JSON.stringify(value)}`,
      `Thời điểm không hợp lệ (${field}).`,
      { field, value },
    );
  }
  return value;
}

/** Negative, zero or positive, like a comparator. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Epoch milliseconds of the last millisecond of `date` in Vietnam (23:59:59.999 UTC+7). */
export function vietnamEndOfDayUtcMs(date: IsoDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`not an IsoDate: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 16, 59, 59, 999);
}

/** The Vietnam calendar date of an instant. */
export function vietnamDateOf(instant: IsoInstant): IsoDate {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new Error(`not an IsoInstant: ${instant}`);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export interface Lateness {
  late: boolean;
  /** Calendar days (Vietnam time) after the deadline day; 0 when on time. */
  daysLate: number;
}

/**
 * Timeliness of `at` against a deadline date, which means the end of that day in Vietnam.
 * One millisecond after midnight following the deadline is 1 day late; the whole next day is 1 day late.
 */
export function latenessAgainst(at: IsoInstant, deadline: IsoDate): Lateness {
  const atMs = Date.parse(at);
  if (!Number.isFinite(atMs)) throw new Error(`not an IsoInstant: ${at}`);
  const overMs = atMs - vietnamEndOfDayUtcMs(deadline);
  if (overMs <= 0) return { late: false, daysLate: 0 };
  return { late: true, daysLate: Math.ceil(overMs / DAY_MS) };
}
