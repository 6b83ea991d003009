import { DomainError } from '../shared/domain-error';
import { isIsoDate, type IsoDate } from '../shared/iso-date';

/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. Every computation goes through UTC epoch milliseconds
 * (Date.UTC / getUTC*), so the result never depends on the machine's time zone. Instants in Vietnam are
 * derived with a fixed UTC+7 offset: Vietnam has had no daylight saving time since 1975.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** ISO weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** 422 INVALID_DATE: a value that should be a real calendar day (or a valid instant) is not. */
export class InvalidDateError extends DomainError {
  constructor(value: unknown, field = 'date') {
    super({
      code: 'INVALID_DATE',
      message: `${field} must be a real calendar date YYYY-MM-DD, got ${show(value)}`,
      messageVi: `Ngày không hợp lệ (${field}): cần là ngày có thật, theo dạng NNNN-TT-NN.`,
      httpStatus: 422,
      details: { field, value: show(value) },
    });
  }
}

/** Returns `value` when it is a real calendar day 'YYYY-MM-DD' (so not '2024-02-30'), else throws InvalidDateError. */
export function requireDate(value: unknown, field = 'date'): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value, field);
  return value;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  requireInteger(days, 'days');
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Comparator: -1 when a is earlier, 1 when later, 0 on the same day. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const [x, y] = [toUtcMs(a, 'a'), toUtcMs(b, 'b')];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Signed number of calendar days from `from` to `to` (0 on the same day, 1 for the next day). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to, 'to') - toUtcMs(from, 'from')) / DAY_MS);
}

export function dayOfWeek(date: IsoDate): DayOfWeek {
  const jsDay = new Date(toUtcMs(date)).getUTCDay(); // 0 = Sunday
  return (jsDay === 0 ? 7 : jsDay) as DayOfWeek;
}

export function isWeekend(date: IsoDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** The calendar day in Vietnam (UTC+7) at `instant`: the day rolls over at 17:00 UTC. */
export function isoDateInVietnam(instant: Date): IsoDate {
  return fromUtcMs(requireInstant(instant) + VIETNAM_OFFSET_MS);
}

/** The instant 00:00 of `date` in Vietnam, i.e. 17:00 UTC on the previous day. */
export function vietnamMidnightUtc(date: IsoDate): Date {
  return new Date(toUtcMs(date) - VIETNAM_OFFSET_MS);
}

/** The last millisecond of `date` in Vietnam (23:59:59.999 UTC+7 = 16:59:59.999 UTC that day). */
export function endOfDayInVietnam(date: IsoDate): Date {
  return new Date(toUtcMs(date) + DAY_MS - VIETNAM_OFFSET_MS - 1);
}

/** The instant `hour`:`minute` of `date` in Vietnam local time. */
export function vietnamLocalTime(date: IsoDate, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be an integer 0-23, got ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`minute must be an integer 0-59, got ${minute}`);
  return new Date(toUtcMs(date) + hour * HOUR_MS + minute * 60_000 - VIETNAM_OFFSET_MS);
}

/** Epoch milliseconds of 00:00 UTC on `date`; validates the date. */
function toUtcMs(date: IsoDate, field = 'date'): number {
  requireDate(date, field);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms).toISOString().slice(0, 10);
  // Past year 9999 (or before 0100, which isIsoDate rejects) the result is not a 'YYYY-MM-DD' date.
  if (!isIsoDate(date)) throw new RangeError(`date out of the supported range (years 0100-9999): ${new Date(ms).toISOString()}`);
  return date;
}

function requireInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidDateError(instant, 'instant');
  return ms;
}

function requireInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer, got ${value}`);
}

function show(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
