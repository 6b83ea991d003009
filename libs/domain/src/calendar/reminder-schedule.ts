import { DomainError } from '../shared/domain-error';
import type { IsoDate } from '../shared/iso-date';
import { requireDate, vietnamLocalTime } from './calendar-date';
import { addWorkingDays, type HolidayCalendar } from './holiday-calendar';

/**
 * When to remind a unit of its deadline. Offsets count working days from the unit's own effective deadline
 * (after any extension): D-3 is three working days before it, D+1 the first working day after it. D0 is the
 * deadline day itself even when it is not a working day.
 */
export interface ReminderPolicy {
  /** Working days before the deadline, e.g. [3, 1] → D-3, D-1. */
  before: readonly number[];
  /** Remind on the deadline day (D0). */
  onDay: boolean;
  /** Working days after the deadline while still missing, e.g. [1, 3] → D+1, D+3. */
  overdue: readonly number[];
  /** Hour of the day, Vietnam local time (0-23), at which reminders go out. */
  sendAtHour: number;
  /** Minute of that hour (0-59): reminders at 07:30, say. */
  sendAtMinute: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  before: Object.freeze([3, 1]),
  onDay: true,
  overdue: Object.freeze([1, 3]),
  sendAtHour: 8,
  sendAtMinute: 0,
});

export type ReminderKind = 'before' | 'on-day' | 'overdue';
export type ReminderKey = `D-${number}` | 'D0' | `D+${number}`;

export interface ReminderPoint {
  key: ReminderKey;
  kind: ReminderKind;
  /** The day the reminder goes out. */
  date: IsoDate;
  /** The instant it goes out: `sendAtHour` on `date` in Vietnam. */
  at: Date;
}

/** 422 REMINDER_POLICY_INVALID: offsets that are not positive integers, an hour outside 0-23 or a minute outside 0-59. */
export class InvalidReminderPolicyError extends DomainError {
  constructor(field: string, problem: string) {
    super({
      code: 'REMINDER_POLICY_INVALID',
      message: `reminder policy: ${field}: ${problem}`,
      messageVi: `Cấu hình nhắc hạn không hợp lệ (${field}).`,
      httpStatus: 422,
      details: { field },
    });
  }
}

/**
 * The reminder points for a unit whose deadline is `deadline`, ordered by `at`. Fields missing from `policy`
 * take their value from DEFAULT_REMINDER_POLICY; an offset listed twice yields one point.
 */
export function reminderSchedule(cal: HolidayCalendar, deadline: IsoDate, policy: Partial<ReminderPolicy> = {}): ReminderPoint[] {
  requireDate(deadline, 'deadline');
  const before = policy.before ?? DEFAULT_REMINDER_POLICY.before;
  const onDay = policy.onDay ?? DEFAULT_REMINDER_POLICY.onDay;
  const overdue = policy.overdue ?? DEFAULT_REMINDER_POLICY.overdue;
  const sendAtHour = policy.sendAtHour ?? DEFAULT_REMINDER_POLICY.sendAtHour;
  const sendAtMinute = policy.sendAtMinute ?? DEFAULT_REMINDER_POLICY.sendAtMinute;
  if (!Number.isInteger(sendAtHour) || sendAtHour < 0 || sendAtHour > 23) {
    throw new InvalidReminderPolicyError('sendAtHour', `must be an integer 0-23, got ${sendAtHour}`);
  }
  if (!Number.isInteger(sendAtMinute) || sendAtMinute < 0 || sendAtMinute > 59) {
    throw new InvalidReminderPolicyError('sendAtMinute', `must be an integer 0-59, got ${sendAtMinute}`);
  }
  const point = (key: ReminderKey, kind: ReminderKind, date: IsoDate): ReminderPoint => ({
    key,
    kind,
    date,
    at: vietnamLocalTime(date, sendAtHour, sendAtMinute),
  });

  const points = [
    ...offsets(before, 'before').map((n) => point(`D-${n}`, 'before', addWorkingDays(cal, deadline, -n))),
    ...(onDay ? [point('D0', 'on-day', deadline)] : []),
    ...offsets(overdue, 'overdue').map((n) => point(`D+${n}`, 'overdue', addWorkingDays(cal, deadline, n))),
  ];
  return points.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first point strictly after `now`, or undefined when all have passed. */
export function nextReminderPoint(points: readonly ReminderPoint[], now: Date): ReminderPoint | undefined {
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs)) throw new RangeError(`now must be a valid Date, got ${String(now)}`);
  return points
    .filter((p) => p.at.getTime() > nowMs)
    .reduce<ReminderPoint | undefined>((first, p) => (first === undefined || p.at.getTime() < first.at.getTime() ? p : first), undefined);
}

function offsets(values: readonly number[], field: 'before' | 'overdue'): number[] {
  if (!Array.isArray(values)) throw new InvalidReminderPolicyError(field, 'must be an array of working-day offsets');
  values.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) {
      throw new InvalidReminderPolicyError(`${field}[${i}]`, `must be a positive integer (D0 is the onDay flag), got ${n}`);
    }
  });
  return [...new Set(values)];
}
