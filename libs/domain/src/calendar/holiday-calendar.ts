import { DomainError } from '../shared/domain-error';
import { isIsoDate, type IsoDate } from '../shared/iso-date';
import { nfc } from '../shared/text';
import { addCalendarDays, calendarDaysBetween, isWeekend, requireDate } from './calendar-date';

/**
 * Working days of public bodies. Holidays are data (see holidays-vn.json), never code: the government
 * announces each year which days are off and which Saturdays are worked to make up for a swapped day.
 */
export interface CalendarDay {
  date: IsoDate;
  name: string;
}

export type HolidayCalendar = {
  name: string;
  /** Where the data comes from and how certain it is. */
  source?: string;
  /** Days off on top of Saturdays and Sundays (public holidays, compensatory and swapped days off). */
  holidays: readonly CalendarDay[];
  /** Weekend days that are worked (the make-up Saturday of a swapped day off). */
  extraWorkingDays?: readonly CalendarDay[];
};

/** 422 HOLIDAY_CALENDAR_INVALID: holiday data that does not have the expected shape or has impossible dates. */
export class InvalidHolidayCalendarError extends DomainError {
  constructor(path: string, problem: string) {
    super({
      code: 'HOLIDAY_CALENDAR_INVALID',
      message: `holiday calendar: ${path}: ${problem}`,
      messageVi: `Dữ liệu lịch nghỉ lễ không hợp lệ (${path}).`,
      httpStatus: 422,
      details: { path, problem },
    });
  }
}

/** Longest run of non-working days tolerated before a calendar is considered broken (Tết is 9 days at most). */
const MAX_NON_WORKING_RUN = 366;

/** Monday to Friday and not a holiday, or a weekend day listed as an extra working day. */
export function isWorkingDay(cal: HolidayCalendar, date: IsoDate): boolean {
  requireDate(date);
  if (cal.extraWorkingDays?.some((d) => d.date === date)) return true;
  return !isWeekend(date) && !cal.holidays.some((d) => d.date === date);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDayOnOrAfter(cal: HolidayCalendar, date: IsoDate): IsoDate {
  return walkToWorkingDay(cal, date, 1);
}

/** The last working day on or before `date`. */
export function previousWorkingDayOnOrBefore(cal: HolidayCalendar, date: IsoDate): IsoDate {
  return walkToWorkingDay(cal, date, -1);
}

/**
 * Moves `n` working days from `date`: n > 0 forward, n < 0 backward; the start day itself is never counted,
 * so from a Saturday +1 is Monday and -1 is Friday. n = 0 returns `date` if it is a working day, else the
 * next working day.
 */
export function addWorkingDays(cal: HolidayCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  if (n === 0) return nextWorkingDayOnOrAfter(cal, date);
  const step = n > 0 ? 1 : -1;
  let current = requireDate(date);
  for (let remaining = Math.abs(n); remaining > 0; remaining--) {
    current = walkToWorkingDay(cal, addCalendarDays(current, step), step);
  }
  return current;
}

/**
 * Signed count of working days after `from` up to and including `to`: the `n` that addWorkingDays(from, n)
 * would need to reach `to` (when `from` and `to` are working days). Negative when `to` is before `from`.
 */
export function workingDaysBetween(cal: HolidayCalendar, from: IsoDate, to: IsoDate): number {
  const span = calendarDaysBetween(requireDate(from, 'from'), requireDate(to, 'to'));
  const [start, sign] = span >= 0 ? [from, 1] : [to, -1];
  let count = 0;
  for (let i = 1; i <= Math.abs(span); i++) {
    if (isWorkingDay(cal, addCalendarDays(start, i))) count++;
  }
  return sign * count;
}

/**
 * Checks the shape and dates of holiday data (for instance the parsed holidays-vn.json) and returns it as a
 * HolidayCalendar with names in NFC and days sorted by date. Throws InvalidHolidayCalendarError naming the
 * first offending path.
 */
export function parseHolidayCalendar(json: unknown): HolidayCalendar {
  if (!isRecord(json)) throw new InvalidHolidayCalendarError('$', 'must be an object');
  const name = requireText(json.name, 'name');
  if (json.source !== undefined && typeof json.source !== 'string') {
    throw new InvalidHolidayCalendarError('source', 'must be a string when present');
  }
  const holidays = parseDays(json.holidays, 'holidays');
  const extraWorkingDays = json.extraWorkingDays === undefined ? [] : parseDays(json.extraWorkingDays, 'extraWorkingDays');

  const holidayDates = new Set(holidays.map((d) => d.date));
  extraWorkingDays.forEach((d, i) => {
    if (!isWeekend(d.date)) {
      throw new InvalidHolidayCalendarError(`extraWorkingDays[${i}].date`, `${d.date} is a weekday, so it is a working day already`);
    }
    if (holidayDates.has(d.date)) {
      throw new InvalidHolidayCalendarError(`extraWorkingDays[${i}].date`, `${d.date} is also listed as a holiday`);
    }
  });

  return {
    name,
    ...(typeof json.source === 'string' ? { source: nfc(json.source) } : {}),
    holidays: sortByDate(holidays),
    ...(extraWorkingDays.length > 0 ? { extraWorkingDays: sortByDate(extraWorkingDays) } : {}),
  };
}

function walkToWorkingDay(cal: HolidayCalendar, date: IsoDate, step: 1 | -1): IsoDate {
  let current = requireDate(date);
  for (let i = 0; i < MAX_NON_WORKING_RUN; i++) {
    if (isWorkingDay(cal, current)) return current;
    current = addCalendarDays(current, step);
  }
  throw new Error(`calendar "${cal.name}" has no working day within ${MAX_NON_WORKING_RUN} days of ${date}`);
}

function parseDays(value: unknown, path: string): CalendarDay[] {
  if (!Array.isArray(value)) throw new InvalidHolidayCalendarError(path, 'must be an array');
  const seen = new Set<string>();
  return value.map((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(entry)) throw new InvalidHolidayCalendarError(at, 'must be an object { date, name }');
    if (!isIsoDate(entry.date)) {
      throw new InvalidHolidayCalendarError(`${at}.date`, `must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(entry.date)}`);
    }
    if (seen.has(entry.date)) throw new InvalidHolidayCalendarError(`${at}.date`, `${entry.date} is listed twice`);
    seen.add(entry.date);
    return { date: entry.date, name: requireText(entry.name, `${at}.name`) };
  });
}

function requireText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidHolidayCalendarError(path, 'must be a non-blank string');
  return nfc(value.trim());
}

function sortByDate(days: CalendarDay[]): CalendarDay[] {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
