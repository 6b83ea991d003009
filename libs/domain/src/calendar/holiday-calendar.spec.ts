import { catchDomainError } from '../shared/domain-error';
import { addCalendarDays, InvalidDateError } from './calendar-date';
import {
  addWorkingDays,
  InvalidHolidayCalendarError,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  parseHolidayCalendar,
  previousWorkingDayOnOrBefore,
  workingDaysBetween,
  type HolidayCalendar,
} from './holiday-calendar';
import data from './holidays-vn.json';

// 30/4-1/5 2025 as announced: Wednesday 30/4 and Thursday 1/5 off, Friday 2/5 swapped for Saturday 26/4.
//   Sat 26/4 work | Sun 27 | Mon 28 work | Tue 29 work | Wed 30 off | Thu 1/5 off | Fri 2/5 off | Sat 3 | Sun 4 | Mon 5/5 work
const april2025: HolidayCalendar = {
  name: '30/4-1/5 2025',
  holidays: [
    { date: '2025-04-30', name: 'Ngày Chiến thắng' },
    { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi' },
  ],
  extraWorkingDays: [{ date: '2025-04-26', name: 'Làm bù' }],
};
const noHolidays: HolidayCalendar = { name: 'weekends only', holidays: [] };

describe('isWorkingDay', () => {
  it.each([
    ['2025-04-29', true, 'an ordinary Tuesday'],
    ['2025-04-30', false, 'a holiday on a Wednesday'],
    ['2025-05-02', false, 'a swapped day off'],
    ['2025-05-03', false, 'a Saturday'],
    ['2025-04-27', false, 'a Sunday'],
    ['2025-04-26', true, 'the make-up Saturday'],
    ['2025-05-05', true, 'the Monday after'],
  ])('%s is a working day: %p (%s)', (date, expected) => {
    expect(isWorkingDay(april2025, date)).toBe(expected);
  });

  it('refuses an impossible date', () => {
    expect(() => isWorkingDay(april2025, '2025-02-29')).toThrow(InvalidDateError);
  });
});

describe('addWorkingDays', () => {
  describe('given a working day before a holiday block', () => {
    it.each([
      [1, '2025-05-05'],
      [2, '2025-05-06'],
    ])('when adding %p, lands after the block on %s', (n, expected) => {
      expect(addWorkingDays(april2025, '2025-04-29', n)).toBe(expected);
    });
  });

  describe('given a working day after a holiday block', () => {
    it.each([
      [-1, '2025-04-29'],
      [-2, '2025-04-28'],
      [-3, '2025-04-26'], // the make-up Saturday counts
      [-4, '2025-04-25'],
    ])('when adding %p, lands on %s', (n, expected) => {
      expect(addWorkingDays(april2025, '2025-05-05', n)).toBe(expected);
    });
  });

  describe('given a day that is not a working day', () => {
    it('+1 is the first working day after it and -1 the last one before it', () => {
      expect(addWorkingDays(april2025, '2025-05-03', 1)).toBe('2025-05-05');
      expect(addWorkingDays(april2025, '2025-05-03', -1)).toBe('2025-04-29');
    });

    it('0 is the next working day', () => {
      expect(addWorkingDays(april2025, '2025-04-30', 0)).toBe('2025-05-05');
    });
  });

  it('given a working day, 0 returns it', () => {
    expect(addWorkingDays(april2025, '2025-04-29', 0)).toBe('2025-04-29');
  });

  it('given no holidays, skips the weekend only', () => {
    expect(addWorkingDays(noHolidays, '2025-06-13', 1)).toBe('2025-06-16');
    expect(addWorkingDays(noHolidays, '2025-06-16', -1)).toBe('2025-06-13');
    expect(addWorkingDays(noHolidays, '2025-06-02', 10)).toBe('2025-06-16');
  });

  it('refuses a fractional n and an impossible date', () => {
    expect(() => addWorkingDays(april2025, '2025-04-29', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(april2025, '2025-04-31', 1)).toThrow(InvalidDateError);
  });

  it('given a calendar without a working day for more than a year, fails instead of looping', () => {
    const allOff: HolidayCalendar = {
      name: 'broken',
      holidays: Array.from({ length: 400 }, (_, i) => ({ date: addCalendarDays('2025-01-01', i), name: 'x' })),
    };
    expect(() => addWorkingDays(allOff, '2025-01-01', 1)).toThrow('no working day within 366 days');
  });
});

describe('nextWorkingDayOnOrAfter / previousWorkingDayOnOrBefore', () => {
  it('keep a working day and move off a non-working one', () => {
    expect(nextWorkingDayOnOrAfter(april2025, '2025-04-28')).toBe('2025-04-28');
    expect(nextWorkingDayOnOrAfter(april2025, '2025-04-27')).toBe('2025-04-28');
    expect(nextWorkingDayOnOrAfter(april2025, '2025-04-30')).toBe('2025-05-05');
    expect(previousWorkingDayOnOrBefore(april2025, '2025-05-04')).toBe('2025-04-29');
    expect(previousWorkingDayOnOrBefore(april2025, '2025-04-27')).toBe('2025-04-26');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween(april2025, '2025-04-29', '2025-05-05')).toBe(1);
    // 26 (make-up Saturday), 28, 29, 5/5
    expect(workingDaysBetween(april2025, '2025-04-25', '2025-05-05')).toBe(4);
  });

  it('does not count `from` but counts `to`', () => {
    expect(workingDaysBetween(april2025, '2025-04-30', '2025-05-05')).toBe(1); // from a holiday to a working day
    expect(workingDaysBetween(april2025, '2025-04-29', '2025-04-30')).toBe(0); // from a working day to a holiday
    expect(workingDaysBetween(april2025, '2025-04-28', '2025-04-29')).toBe(1);
  });

  it('is negative when `to` is before `from`, and 0 on the same day', () => {
    expect(workingDaysBetween(april2025, '2025-05-05', '2025-04-30')).toBe(-1);
    expect(workingDaysBetween(april2025, '2025-05-05', '2025-04-25')).toBe(-4);
    expect(workingDaysBetween(april2025, '2025-04-30', '2025-04-30')).toBe(0);
  });

  it.each([-6, -3, -1, 1, 2, 5, 6])('given a working day, undoes addWorkingDays(%p)', (n) => {
    const to = addWorkingDays(april2025, '2025-04-29', n);
    expect(workingDaysBetween(april2025, '2025-04-29', to)).toBe(n);
  });
});

describe('parseHolidayCalendar', () => {
  const valid = () => ({
    name: ' Thử ',
    source: 'test',
    holidays: [
      { date: '2025-09-02', name: 'Quo\u0302\u0301c kha\u0301nh' }, // decomposed: must come out NFC
      { date: '2025-09-01', name: 'Quốc khánh' },
    ],
    extraWorkingDays: [{ date: '2025-08-23', name: 'Làm bù' }],
  });

  it('given good data, returns it trimmed, in NFC and sorted by date', () => {
    expect(parseHolidayCalendar(valid())).toEqual({
      name: 'Thử',
      source: 'test',
      holidays: [
        { date: '2025-09-01', name: 'Quốc khánh' },
        { date: '2025-09-02', name: 'Qu\u1ed1c kh\u00e1nh' },
      ],
      extraWorkingDays: [{ date: '2025-08-23', name: 'Làm bù' }],
    });
  });

  it('given no extra working days, leaves the field out', () => {
    const { extraWorkingDays: _, ...rest } = valid();
    expect(parseHolidayCalendar(rest)).not.toHaveProperty('extraWorkingDays');
  });

  const broken: [string, unknown, string][] = [
    ['not an object', [], '$'],
    ['a blank name', { ...valid(), name: '  ' }, 'name'],
    ['a source that is not text', { ...valid(), source: 42 }, 'source'],
    ['no holidays array', { ...valid(), holidays: undefined }, 'holidays'],
    ['a holiday that is not an object', { ...valid(), holidays: ['2025-09-02'] }, 'holidays[0]'],
    [
      'an impossible date',
      {
        ...valid(),
        holidays: [
          { date: '2025-09-02', name: 'x' },
          { date: '2024-02-30', name: 'x' },
        ],
      },
      'holidays[1].date',
    ],
    [
      'a date listed twice',
      {
        ...valid(),
        holidays: [
          { date: '2025-09-02', name: 'x' },
          { date: '2025-09-02', name: 'y' },
        ],
      },
      'holidays[1].date',
    ],
    ['a holiday without a name', { ...valid(), holidays: [{ date: '2025-09-02' }] }, 'holidays[0].name'],
    ['extra working days that are not an array', { ...valid(), extraWorkingDays: {} }, 'extraWorkingDays'],
    [
      'an extra working day on a weekday',
      { ...valid(), extraWorkingDays: [{ date: '2025-08-22', name: 'x' }] },
      'extraWorkingDays[0].date',
    ],
    [
      'an extra working day that is also a holiday',
      { ...valid(), holidays: [{ date: '2025-08-23', name: 'x' }], extraWorkingDays: [{ date: '2025-08-23', name: 'y' }] },
      'extraWorkingDays[0].date',
    ],
  ];
  it.each(broken)('given %s, throws InvalidHolidayCalendarError at %s', (_, json, path) => {
    const error = catchDomainError(() => parseHolidayCalendar(json));
    expect(error).toBeInstanceOf(InvalidHolidayCalendarError);
    expect([error.code, error.httpStatus, error.details?.path]).toEqual(['HOLIDAY_CALENDAR_INVALID', 422, path]);
  });
});

describe('the Vietnam calendar in holidays-vn.json', () => {
  const vn = parseHolidayCalendar(data);
  const off = (date: string) => !isWorkingDay(vn, date);

  it('parses and says where its data come from', () => {
    expect(vn.source).toMatch(/Bộ luật Lao động 2019/);
  });

  it.each(['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'])('lunar new year %s is a day off', (date) => {
    expect(off(date)).toBe(true);
  });

  it('Tết Bính Ngọ 2026 closes Monday 16/2 to Friday 20/2, so the next working day after Friday 13/2 is Monday 23/2', () => {
    expect(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].every(off)).toBe(true);
    expect(addWorkingDays(vn, '2026-02-13', 1)).toBe('2026-02-23');
  });

  it.each(['2024-04-18', '2025-04-07', '2026-04-27', '2027-04-16'])('Giỗ Tổ Hùng Vương (or its compensatory day) %s is off', (date) => {
    expect(off(date)).toBe(true);
  });

  it.each([
    ['2024-04-29', '2024-05-04'],
    ['2025-05-02', '2025-04-26'],
    ['2026-01-02', '2026-01-10'],
    ['2026-08-31', '2026-08-22'],
  ])('the swapped day %s is off and the Saturday %s is worked', (swappedOff, madeUp) => {
    expect(off(swappedOff)).toBe(true);
    expect(isWorkingDay(vn, madeUp)).toBe(true);
  });

  it.each([2024, 2025, 2026, 2027])('Quốc khánh %p: 2/9 and exactly one adjacent day are off', (year) => {
    expect(off(`${year}-09-02`)).toBe(true);
    const adjacentHolidays = vn.holidays.filter((d) => d.date === `${year}-09-01` || d.date === `${year}-09-03`);
    expect(adjacentHolidays).toHaveLength(1);
  });

  it.each([2024, 2025, 2026, 2027])('%p costs public servants exactly 11 working days net (Labour Code Art. 112)', (year) => {
    let lost = 0;
    for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addCalendarDays(date, 1)) {
      if (isWorkingDay(noHolidays, date) !== isWorkingDay(vn, date)) lost += isWorkingDay(vn, date) ? -1 : 1;
    }
    expect(lost).toBe(11);
  });
});
