import { catchDomainError } from '../shared/domain-error';
import { InvalidDateError } from './calendar-date';
import { parseHolidayCalendar, type HolidayCalendar } from './holiday-calendar';
import data from './holidays-vn.json';
import {
  customPeriod,
  DeadlineTooEarlyError,
  defaultSubmissionDeadline,
  earliestAllowedDeadline,
  InvalidPeriodError,
  requireValidDeadline,
  standardPeriod,
  validateDeadline,
  type CustomPeriodInput,
  type StandardPeriodKind,
} from './reporting-period';

const vn = parseHolidayCalendar(data);

describe("standardPeriod (Nghị định 09/2019/NĐ-CP: 15th of the previous period's last month → 14th)", () => {
  it.each<[StandardPeriodKind, number | undefined, string, string, string]>([
    ['year', undefined, 'Năm 2025', '2024-12-15', '2025-12-14'],
    ['six-month', undefined, '6 tháng đầu năm 2025', '2024-12-15', '2025-06-14'],
    ['nine-month', undefined, '9 tháng năm 2025', '2024-12-15', '2025-09-14'],
    ['quarter', 1, 'Quý I năm 2025', '2024-12-15', '2025-03-14'],
    ['quarter', 2, 'Quý II năm 2025', '2025-03-15', '2025-06-14'],
    ['quarter', 3, 'Quý III năm 2025', '2025-06-15', '2025-09-14'],
    ['quarter', 4, 'Quý IV năm 2025', '2025-09-15', '2025-12-14'],
  ])('%s %p of 2025 is "%s", data from %s to %s', (kind, index, label, dataFrom, dataTo) => {
    expect(standardPeriod(kind, 2025, index)).toEqual({
      kind,
      year: 2025,
      ...(index === undefined ? {} : { index }),
      label,
      dataFrom,
      dataTo,
    });
  });

  it('given a year after a leap year, still starts on 15/12 of the previous year', () => {
    expect(standardPeriod('quarter', 2025, 1).dataFrom).toBe('2024-12-15');
    expect(standardPeriod('year', 2024).dataFrom).toBe('2023-12-15');
  });

  const invalid: [string, () => unknown, string][] = [
    ['a quarter without an index', () => standardPeriod('quarter', 2025), 'index'],
    ['quarter 5', () => standardPeriod('quarter', 2025, 5), 'index'],
    ['quarter 0', () => standardPeriod('quarter', 2025, 0), 'index'],
    ['quarter 2.5', () => standardPeriod('quarter', 2025, 2.5), 'index'],
    ['an index on a yearly period', () => standardPeriod('year', 2025, 1), 'index'],
    ['a fractional year', () => standardPeriod('year', 2025.5), 'year'],
    ['a thematic kind', () => standardPeriod('thematic' as StandardPeriodKind, 2025), 'kind'],
  ];
  it.each(invalid)('given %s, throws InvalidPeriodError naming the field', (_, run, field) => {
    const error = catchDomainError(run);
    expect(error).toBeInstanceOf(InvalidPeriodError);
    expect([error.code, error.httpStatus, error.details?.field]).toEqual(['PERIOD_INVALID', 422, field]);
  });
});

describe('customPeriod', () => {
  const input = (extra: Partial<CustomPeriodInput> = {}): CustomPeriodInput => ({
    kind: 'thematic',
    title: '  Kết quả thực hiện dân chủ ở cơ sở ',
    dataFrom: '2024-01-01',
    dataTo: '2024-04-30',
    requestedBy: { reference: 'Công văn số 1257/SNV-XDCQ&TCBM', date: '2024-04-26', issuer: 'Sở Nội vụ' },
    ...extra,
  });

  it('given a thematic request, uses its title as the label and the year of the cut-off', () => {
    expect(customPeriod(input())).toEqual({
      kind: 'thematic',
      year: 2024,
      label: 'Kết quả thực hiện dân chủ ở cơ sở',
      dataFrom: '2024-01-01',
      dataTo: '2024-04-30',
      requestedBy: { reference: 'Công văn số 1257/SNV-XDCQ&TCBM', date: '2024-04-26', issuer: 'Sở Nội vụ' },
    });
  });

  it('given an ad-hoc request of a single day and no requesting document, accepts it', () => {
    const period = customPeriod(input({ kind: 'ad-hoc', dataFrom: '2025-12-31', dataTo: '2025-12-31', requestedBy: undefined }));
    expect([period.kind, period.year, period.dataFrom, period.dataTo]).toEqual(['ad-hoc', 2025, '2025-12-31', '2025-12-31']);
    expect(period).not.toHaveProperty('requestedBy');
  });

  it('given a data window that ends before it starts, throws InvalidPeriodError on dataTo', () => {
    const error = catchDomainError(() => customPeriod(input({ dataFrom: '2024-05-01', dataTo: '2024-04-30' })));
    expect(error).toBeInstanceOf(InvalidPeriodError);
    expect(error.details?.field).toBe('dataTo');
  });

  it('given a periodic kind, throws InvalidPeriodError on kind', () => {
    const error = catchDomainError(() => customPeriod(input({ kind: 'quarter' as CustomPeriodInput['kind'] })));
    expect([error.code, error.details?.field]).toEqual(['PERIOD_INVALID', 'kind']);
  });

  it('given an impossible date, throws InvalidDateError naming it', () => {
    const error = catchDomainError(() => customPeriod(input({ dataFrom: '2024-02-30' })));
    expect(error).toBeInstanceOf(InvalidDateError);
    expect(error.details?.field).toBe('dataFrom');
    expect(
      catchDomainError(() => customPeriod(input({ requestedBy: { ...input().requestedBy!, date: '2024-04-31' } }))).details?.field,
    ).toBe('requestedBy.date');
  });

  it.each([
    ['title', { title: ' ' }],
    ['requestedBy.reference', { requestedBy: { reference: '', date: '2024-04-26', issuer: 'Sở Nội vụ' } }],
    ['requestedBy.issuer', { requestedBy: { reference: 'Công văn số 1257/SNV-XDCQ&TCBM', date: '2024-04-26', issuer: '  ' } }],
  ])('given a blank %s, throws FIELD_REQUIRED', (field, extra) => {
    const error = catchDomainError(() => customPeriod(input(extra)));
    expect([error.code, error.details?.field]).toEqual(['FIELD_REQUIRED', field]);
  });
});

describe('defaultSubmissionDeadline', () => {
  it('given a cut-off on a Saturday (14/6/2025), is the next Monday', () => {
    expect(defaultSubmissionDeadline(vn, standardPeriod('quarter', 2025, 2))).toBe('2025-06-16');
  });

  it('given a cut-off on a Sunday (14/12/2025), is the next Monday', () => {
    expect(defaultSubmissionDeadline(vn, standardPeriod('year', 2025))).toBe('2025-12-15');
  });

  it('given a cut-off on a Friday (14/6/2024), is the next Monday', () => {
    expect(defaultSubmissionDeadline(vn, standardPeriod('six-month', 2024))).toBe('2024-06-17');
  });

  it('given 3 working days, is the third working day after the cut-off', () => {
    expect(defaultSubmissionDeadline(vn, standardPeriod('quarter', 2025, 2), 3)).toBe('2025-06-18');
  });

  it('given a holiday right after the cut-off, skips it', () => {
    const cal: HolidayCalendar = { name: 'test', holidays: [{ date: '2025-09-15', name: 'test holiday' }] };
    // cut-off Sunday 14/9/2025, Monday 15/9 off
    expect(defaultSubmissionDeadline(cal, standardPeriod('quarter', 2025, 3))).toBe('2025-09-16');
  });

  it.each([0, -1, 1.5])('refuses %p working days', (n) => {
    expect(() => defaultSubmissionDeadline(vn, standardPeriod('year', 2025), n)).toThrow(RangeError);
  });
});

describe('validateDeadline', () => {
  describe('given a periodic report whose data run to Saturday 14/6/2025', () => {
    const q2 = standardPeriod('quarter', 2025, 2);

    it('the earliest allowed deadline is Monday 16/6', () => {
      expect(earliestAllowedDeadline(vn, q2)).toBe('2025-06-16');
    });

    it.each(['2025-06-16', '2025-06-17', '2025-07-01'])('accepts %s', (deadline) => {
      expect(validateDeadline(vn, q2, deadline)).toBeUndefined();
      expect(requireValidDeadline(vn, q2, deadline)).toBe(deadline);
    });

    it.each(['2025-06-15', '2025-06-14', '2025-06-13'])('returns DeadlineTooEarlyError for %s', (deadline) => {
      const error = validateDeadline(vn, q2, deadline);
      expect(error).toBeInstanceOf(DeadlineTooEarlyError);
      expect(error?.details).toEqual({ field: 'deadline', deadline, dataTo: '2025-06-14', earliest: '2025-06-16' });
    });

    it('requireValidDeadline throws it with a Vietnamese message', () => {
      const error = catchDomainError(() => requireValidDeadline(vn, q2, '2025-06-15'));
      expect(error).toBeInstanceOf(DeadlineTooEarlyError);
      expect([error.code, error.httpStatus]).toEqual(['DEADLINE_TOO_EARLY', 422]);
      expect(error.messageVi).toBe('Hạn nộp 15/6/2025 quá sớm: số liệu tính đến ngày 14/6/2025, hạn nộp sớm nhất là ngày 16/6/2025.');
    });
  });

  describe('given a thematic report, where the requester sets the deadline', () => {
    const thematic = customPeriod({ kind: 'thematic', title: 'Chuyên đề', dataFrom: '2024-01-01', dataTo: '2024-04-30' });

    it('accepts the cut-off day itself, even a holiday', () => {
      expect(validateDeadline(vn, thematic, '2024-04-30')).toBeUndefined();
    });

    it('refuses a deadline before the cut-off', () => {
      expect(validateDeadline(vn, thematic, '2024-04-29')?.details).toEqual({
        field: 'deadline',
        deadline: '2024-04-29',
        dataTo: '2024-04-30',
        earliest: '2024-04-30',
      });
    });
  });

  it('refuses an impossible deadline date', () => {
    expect(() => validateDeadline(vn, standardPeriod('year', 2025), '2025-12-32')).toThrow(InvalidDateError);
  });
});
