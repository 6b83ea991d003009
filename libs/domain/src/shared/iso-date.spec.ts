import { catchDomainError } from './domain-error';
import {
  compareIsoDates,
  isIsoDate,
  isIsoInstant,
  latenessAgainst,
  requireIsoDate,
  requireIsoInstant,
  vietnamDateOf,
  vietnamEndOfDayUtcMs,
} from './iso-date';

describe('isIsoDate', () => {
  it.each(['2023-12-14', '2024-02-29', '2000-01-01'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(['2023-02-29', '2023-13-01', '2023-1-5', '14/12/2023', '2023-12-14T00:00:00Z', '', 20231214])('rejects %p', (d) =>
    expect(isIsoDate(d)).toBe(false),
  );
});

describe('isIsoInstant', () => {
  it.each(['2023-12-20T09:30:00+07:00', '2023-12-20T02:30:00Z', '2023-12-20T02:30:00.123Z', '2023-12-20T02:30Z'])('accepts %s', (i) =>
    expect(isIsoInstant(i)).toBe(true),
  );
  it.each(['2023-12-20T09:30:00', '2023-12-20', 'yesterday', '2023-12-40T09:30:00Z'])('rejects %p (no offset or not a time)', (i) =>
    expect(isIsoInstant(i)).toBe(false),
  );
});

describe('requireIsoDate / requireIsoInstant', () => {
  it('return valid values', () => {
    expect(requireIsoDate('2023-12-14', 'dataTo')).toBe('2023-12-14');
    expect(requireIsoInstant('2023-12-20T09:30:00+07:00', 'now')).toBe('2023-12-20T09:30:00+07:00');
  });

  it('reject with 422 INVALID_DATE / INVALID_INSTANT naming the field', () => {
    const dateError = catchDomainError(() => requireIsoDate('2023-02-30', 'dataTo'));
    expect([dateError.code, dateError.httpStatus, dateError.details?.field]).toEqual(['INVALID_DATE', 422, 'dataTo']);
    const instantError = catchDomainError(() => requireIsoInstant('2023-12-20 09:30', 'now'));
    expect([instantError.code, instantError.httpStatus, instantError.details?.field]).toEqual(['INVALID_INSTANT', 422, 'now']);
  });
});

describe('compareIsoDates', () => {
  it('orders chronologically', () => {
    expect(compareIsoDates('2023-12-14', '2023-12-15')).toBe(-1);
    expect(compareIsoDates('2024-01-01', '2023-12-31')).toBe(1);
    expect(compareIsoDates('2023-12-14', '2023-12-14')).toBe(0);
  });
});

describe('Vietnam time', () => {
  it('the end of a deadline day is 16:59:59.999 UTC that day', () => {
    expect(vietnamEndOfDayUtcMs('2023-12-20')).toBe(Date.UTC(2023, 11, 20, 16, 59, 59, 999));
    expect(new Date(vietnamEndOfDayUtcMs('2023-12-20')).toISOString()).toBe('2023-12-20T16:59:59.999Z');
  });

  it('the Vietnam date of an instant rolls over at 17:00 UTC', () => {
    expect(vietnamDateOf('2023-12-20T16:59:59.999Z')).toBe('2023-12-20');
    expect(vietnamDateOf('2023-12-20T17:00:00Z')).toBe('2023-12-21');
    expect(vietnamDateOf('2023-12-31T23:30:00+07:00')).toBe('2023-12-31');
  });
});

describe('latenessAgainst (deadline 2023-12-18, end of day in Vietnam)', () => {
  it.each([
    ['2023-12-15T08:00:00+07:00', false, 0],
    ['2023-12-18T23:59:59.999+07:00', false, 0],
    ['2023-12-18T16:59:59.999Z', false, 0],
    ['2023-12-19T00:00:00.000+07:00', true, 1],
    ['2023-12-18T17:00:00Z', true, 1],
    ['2023-12-19T23:59:59.999+07:00', true, 1],
    ['2023-12-20T00:00:00+07:00', true, 2],
    ['2023-12-20T09:00:00+07:00', true, 2],
    ['2024-01-02T10:00:00+07:00', true, 15],
  ])('submitted at %s → late %p, %p day(s)', (at, late, daysLate) => {
    expect(latenessAgainst(at, '2023-12-18')).toEqual({ late, daysLate });
  });
});
