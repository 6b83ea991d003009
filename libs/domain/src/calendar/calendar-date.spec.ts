import { catchDomainError } from '../shared/domain-error';
import {
  addCalendarDays,
  calendarDaysBetween,
  compareDates,
  dayOfWeek,
  endOfDayInVietnam,
  InvalidDateError,
  isoDateInVietnam,
  isWeekend,
  requireDate,
  vietnamLocalTime,
  vietnamMidnightUtc,
} from './calendar-date';

describe('requireDate', () => {
  it.each(['2024-02-29', '2023-12-14', '2000-01-01'])('given the real day %s, returns it', (date) => {
    expect(requireDate(date)).toBe(date);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-2-5', '05/02/2024', '2024-02-05T00:00:00Z', '', 20240205, null])(
    'given %p, throws InvalidDateError (422 INVALID_DATE) naming the field',
    (value) => {
      const error = catchDomainError(() => requireDate(value, 'dataTo'));
      expect(error).toBeInstanceOf(InvalidDateError);
      expect([error.code, error.httpStatus, error.details?.field]).toEqual(['INVALID_DATE', 422, 'dataTo']);
    },
  );
});

describe('addCalendarDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2024-03-10', 0, '2024-03-10'],
  ])('given %s, when adding %p days, then %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addCalendarDays('2024-03-10', 1.5)).toThrow(RangeError);
  });

  it('refuses to leave the years 0100-9999', () => {
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('refuses an impossible date', () => {
    expect(() => addCalendarDays('2024-02-30', 1)).toThrow(InvalidDateError);
  });
});

describe('compareDates and calendarDaysBetween', () => {
  it('order chronologically across months and years', () => {
    expect(compareDates('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareDates('2025-06-14', '2025-06-14')).toBe(0);
  });

  it('count signed calendar days, leap day included', () => {
    expect(calendarDaysBetween('2024-02-10', '2024-03-01')).toBe(20);
    expect(calendarDaysBetween('2024-03-01', '2024-02-10')).toBe(-20);
    expect(calendarDaysBetween('2024-12-15', '2025-12-14')).toBe(364);
  });

  it('reject an impossible date on either side', () => {
    expect(() => compareDates('2024-02-30', '2024-03-01')).toThrow(InvalidDateError);
    expect(() => calendarDaysBetween('2024-03-01', '2023-02-29')).toThrow(InvalidDateError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2024-09-02', 1],
    ['2026-02-17', 2],
    ['2025-01-29', 3],
    ['2024-04-18', 4],
    ['2024-02-09', 5],
    ['2024-05-04', 6],
    ['2025-02-02', 7],
  ])('%s is ISO weekday %p', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('marks Saturday and Sunday as the weekend', () => {
    expect(['2025-06-13', '2025-06-14', '2025-06-15', '2025-06-16'].map(isWeekend)).toEqual([false, true, true, false]);
  });

  describe('when the machine runs in a time zone west of UTC', () => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'America/Los_Angeles';
    });
    afterAll(() => {
      process.env.TZ = saved;
    });

    it('still gives the weekday of the calendar day, not of a shifted instant', () => {
      expect(dayOfWeek('2026-02-17')).toBe(2);
      expect(addCalendarDays('2024-03-09', 1)).toBe('2024-03-10'); // US daylight saving starts that night
    });
  });
});

describe('Vietnam time (UTC+7, no daylight saving)', () => {
  it('given an instant, the Vietnam date rolls over at 17:00 UTC', () => {
    expect(isoDateInVietnam(new Date('2023-12-20T16:59:59.999Z'))).toBe('2023-12-20');
    expect(isoDateInVietnam(new Date('2023-12-20T17:00:00.000Z'))).toBe('2023-12-21');
    expect(isoDateInVietnam(new Date('2023-12-31T17:30:00.000Z'))).toBe('2024-01-01');
  });

  it('given an invalid Date, throws InvalidDateError naming the instant', () => {
    const error = catchDomainError(() => isoDateInVietnam(new Date('not a date')));
    expect(error).toBeInstanceOf(InvalidDateError);
    expect(error.details?.field).toBe('instant');
  });

  it('midnight in Vietnam is 17:00 UTC the day before', () => {
    expect(vietnamMidnightUtc('2024-01-01').toISOString()).toBe('2023-12-31T17:00:00.000Z');
  });

  it('the end of a day in Vietnam is 16:59:59.999 UTC that day, and one millisecond later is the next day', () => {
    const end = endOfDayInVietnam('2023-12-20');
    expect(end.toISOString()).toBe('2023-12-20T16:59:59.999Z');
    expect(isoDateInVietnam(end)).toBe('2023-12-20');
    expect(isoDateInVietnam(new Date(end.getTime() + 1))).toBe('2023-12-21');
  });

  it('a local hour maps to UTC seven hours earlier', () => {
    expect(vietnamLocalTime('2025-06-16', 8).toISOString()).toBe('2025-06-16T01:00:00.000Z');
    expect(vietnamLocalTime('2025-06-16', 0).toISOString()).toBe('2025-06-15T17:00:00.000Z');
    expect(vietnamLocalTime('2025-06-16', 23, 30).toISOString()).toBe('2025-06-16T16:30:00.000Z');
  });

  it.each([
    [24, 0],
    [-1, 0],
    [7.5, 0],
    [8, 60],
  ])('refuses hour %p minute %p', (hour, minute) => {
    expect(() => vietnamLocalTime('2025-06-16', hour, minute)).toThrow(RangeError);
  });
});
