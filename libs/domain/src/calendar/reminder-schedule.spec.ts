import { catchDomainError } from '../shared/domain-error';
import { InvalidDateError } from './calendar-date';
import { parseHolidayCalendar } from './holiday-calendar';
import data from './holidays-vn.json';
import {
  DEFAULT_REMINDER_POLICY,
  InvalidReminderPolicyError,
  nextReminderPoint,
  reminderSchedule,
  type ReminderPoint,
} from './reminder-schedule';

const vn = parseHolidayCalendar(data);
/** 08:00 in Vietnam is 01:00 UTC the same day. */
const at8 = (date: string) => new Date(`${date}T01:00:00.000Z`);
const summary = (points: ReminderPoint[]) => points.map((p) => [p.key, p.kind, p.date]);

describe('DEFAULT_REMINDER_POLICY', () => {
  it('reminds 3 and 1 working days before, on the day, and 1 and 3 working days after, at 08:00', () => {
    expect(DEFAULT_REMINDER_POLICY).toEqual({ before: [3, 1], onDay: true, overdue: [1, 3], sendAtHour: 8, sendAtMinute: 0 });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY.before)).toBe(true);
  });
});

describe('reminderSchedule', () => {
  describe('given a deadline on an ordinary Monday (16/6/2025)', () => {
    it('counts working days around it and sends at 08:00 Vietnam time', () => {
      expect(reminderSchedule(vn, '2025-06-16')).toEqual([
        { key: 'D-3', kind: 'before', date: '2025-06-11', at: at8('2025-06-11') },
        { key: 'D-1', kind: 'before', date: '2025-06-13', at: at8('2025-06-13') },
        { key: 'D0', kind: 'on-day', date: '2025-06-16', at: at8('2025-06-16') },
        { key: 'D+1', kind: 'overdue', date: '2025-06-17', at: at8('2025-06-17') },
        { key: 'D+3', kind: 'overdue', date: '2025-06-19', at: at8('2025-06-19') },
      ]);
    });
  });

  describe('given a deadline right after Tết 2026 (Tuesday 24/2)', () => {
    it('jumps over the Tết break when counting back', () => {
      expect(summary(reminderSchedule(vn, '2026-02-24'))).toEqual([
        ['D-3', 'before', '2026-02-12'],
        ['D-1', 'before', '2026-02-23'],
        ['D0', 'on-day', '2026-02-24'],
        ['D+1', 'overdue', '2026-02-25'],
        ['D+3', 'overdue', '2026-02-27'],
      ]);
    });
  });

  describe('given a deadline on a swapped day off (Friday 2/5/2025)', () => {
    it('keeps D0 on the deadline date and counts the make-up Saturday 26/4 as a working day', () => {
      expect(summary(reminderSchedule(vn, '2025-05-02'))).toEqual([
        ['D-3', 'before', '2025-04-26'],
        ['D-1', 'before', '2025-04-29'],
        ['D0', 'on-day', '2025-05-02'],
        ['D+1', 'overdue', '2025-05-05'],
        ['D+3', 'overdue', '2025-05-07'],
      ]);
    });
  });

  describe('given a deadline on a Saturday (14/6/2025)', () => {
    it('still reminds on the Saturday, and D+1 is the Monday', () => {
      expect(summary(reminderSchedule(vn, '2025-06-14'))).toEqual([
        ['D-3', 'before', '2025-06-11'],
        ['D-1', 'before', '2025-06-13'],
        ['D0', 'on-day', '2025-06-14'],
        ['D+1', 'overdue', '2025-06-16'],
        ['D+3', 'overdue', '2025-06-18'],
      ]);
    });
  });

  describe('given a custom policy', () => {
    it('orders the points by time whatever the order of the offsets, and drops an offset listed twice', () => {
      expect(summary(reminderSchedule(vn, '2025-06-16', { before: [1, 5, 1], onDay: false, overdue: [] }))).toEqual([
        ['D-5', 'before', '2025-06-09'],
        ['D-1', 'before', '2025-06-13'],
      ]);
    });

    it('sends at midnight Vietnam time, which is 17:00 UTC the day before, keeping the Vietnam date', () => {
      const [d0] = reminderSchedule(vn, '2025-06-16', { before: [], overdue: [], sendAtHour: 0 });
      expect([d0.key, d0.date, d0.at.toISOString()]).toEqual(['D0', '2025-06-16', '2025-06-15T17:00:00.000Z']);
    });

    it('sends at a minute of the hour (07:30 Vietnam is 00:30 UTC)', () => {
      const [d0] = reminderSchedule(vn, '2025-06-16', { before: [], overdue: [], sendAtHour: 7, sendAtMinute: 30 });
      expect(d0.at.toISOString()).toBe('2025-06-16T00:30:00.000Z');
    });

    it('takes missing or undefined fields from the default policy', () => {
      const points = reminderSchedule(vn, '2025-06-16', { sendAtHour: 14, before: undefined });
      expect(points.map((p) => p.key)).toEqual(['D-3', 'D-1', 'D0', 'D+1', 'D+3']);
      expect(points[0].at.toISOString()).toBe('2025-06-11T07:00:00.000Z');
    });
  });

  describe('given an invalid policy', () => {
    it.each([
      [{ before: [0] }, 'before[0]'],
      [{ before: [3, 1.5] }, 'before[1]'],
      [{ overdue: [-1] }, 'overdue[0]'],
      [{ sendAtHour: 24 }, 'sendAtHour'],
      [{ sendAtHour: 7.5 }, 'sendAtHour'],
      [{ sendAtMinute: 60 }, 'sendAtMinute'],
      [{ sendAtMinute: 1.5 }, 'sendAtMinute'],
    ])('%p is refused with REMINDER_POLICY_INVALID on %s', (policy, field) => {
      const error = catchDomainError(() => reminderSchedule(vn, '2025-06-16', policy));
      expect(error).toBeInstanceOf(InvalidReminderPolicyError);
      expect([error.code, error.httpStatus, error.details?.field]).toEqual(['REMINDER_POLICY_INVALID', 422, field]);
    });
  });

  it('given an impossible deadline, throws InvalidDateError', () => {
    expect(() => reminderSchedule(vn, '2025-06-31')).toThrow(InvalidDateError);
  });
});

describe('nextReminderPoint', () => {
  const points = reminderSchedule(vn, '2025-06-16');

  it.each([
    ['2025-06-01T00:00:00.000Z', 'D-3'],
    ['2025-06-11T00:59:59.999Z', 'D-3'],
    ['2025-06-11T01:00:00.000Z', 'D-1'], // a point at exactly `now` has been sent
    ['2025-06-16T08:00:00.000Z', 'D+1'],
  ])('at %s the next point is %s', (now, key) => {
    expect(nextReminderPoint(points, new Date(now))?.key).toBe(key);
  });

  it('after the last point, there is none', () => {
    expect(nextReminderPoint(points, new Date('2025-06-19T01:00:00.000Z'))).toBeUndefined();
  });

  it('does not rely on the points being sorted', () => {
    expect(nextReminderPoint([...points].reverse(), new Date('2025-06-12T00:00:00.000Z'))?.key).toBe('D-1');
  });

  it('refuses an invalid now', () => {
    expect(() => nextReminderPoint(points, new Date('nope'))).toThrow(RangeError);
  });
});
