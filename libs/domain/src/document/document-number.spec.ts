import { catchDomainError } from '../shared/domain-error';
import { documentNumberText, documentTypeName, nextNumber, recordIssued, registerCovers, type NumberRegister } from './document-number';

describe('documentNumberText', () => {
  it.each<[Parameters<typeof documentNumberText>[0], string]>([
    [{ scheme: 'party', number: 456, typeCode: 'BC', bodySymbol: 'HU' }, 'Số 456-BC/HU'],
    [{ scheme: 'party', number: 5, typeCode: 'BC', bodySymbol: 'HU' }, 'Số 05-BC/HU'],
    [{ scheme: 'party', number: 12, typeCode: 'KH', bodySymbol: 'ThU' }, 'Số 12-KH/ThU'],
    [{ scheme: 'party', typeCode: 'BC', bodySymbol: 'HU' }, 'Số    -BC/HU'],
    [{ scheme: 'state', number: 481, typeCode: 'BC', bodySymbol: 'MTTQ-BTT' }, 'Số: 481/BC-MTTQ-BTT'],
    [{ scheme: 'state', number: 7, typeCode: 'BC', bodySymbol: 'UBND' }, 'Số: 07/BC-UBND'],
    [{ scheme: 'state', typeCode: 'BC', bodySymbol: 'UBND' }, 'Số: /BC-UBND'],
  ])('%j → %p', (n, expected) => {
    expect(documentNumberText(n)).toBe(expected);
  });

  it.each([['MTTQ - BTT'], ['HU/'], [' ']])('refuses the symbol %p', (bodySymbol) => {
    const code = catchDomainError(() => documentNumberText({ scheme: 'state', typeCode: 'BC', bodySymbol })).code;
    expect(['DOCUMENT_SYMBOL_INVALID', 'FIELD_REQUIRED']).toContain(code);
  });

  it.each([0, -1, 2.5])('refuses the number %p', (number) => {
    expect(catchDomainError(() => documentNumberText({ scheme: 'party', number, typeCode: 'BC', bodySymbol: 'HU' })).code).toBe(
      'DOCUMENT_NUMBER_INVALID',
    );
  });
});

describe('documentTypeName', () => {
  it('names BC "BÁO CÁO" and refuses an unknown code', () => {
    expect(documentTypeName('BC')).toBe('BÁO CÁO');
    expect(catchDomainError(() => documentTypeName('XX')).code).toBe('DOCUMENT_TYPE_UNKNOWN');
  });
});

describe('state numbering: from 01 on 1 January, unique in the year', () => {
  const y2023: NumberRegister = { scheme: 'state', year: 2023, typeCode: 'BC', issued: [1, 2, 3, 480, 481] };
  const y2024: NumberRegister = { scheme: 'state', year: 2024, typeCode: 'BC', issued: [] };

  it('continues after the highest number issued, gaps included', () => {
    expect(nextNumber(y2023, '2023-12-31')).toBe(482);
  });

  it('across the year boundary: the old register refuses a January date, the new one starts at 01', () => {
    const error = catchDomainError(() => nextNumber(y2023, '2024-01-02'));
    expect([error.code, error.httpStatus, error.details]).toEqual([
      'NUMBER_REGISTER_PERIOD_MISMATCH',
      409,
      { date: '2024-01-02', period: 'năm 2023' },
    ]);
    expect(nextNumber(y2024, '2024-01-02')).toBe(1);
    expect(registerCovers(y2024, '2023-12-31')).toBe(false);
  });

  it('records a number once; a second time is a conflict', () => {
    const after = recordIssued(y2024, 1, '2024-01-02');
    expect(after.issued).toEqual([1]);
    expect(y2024.issued).toEqual([]); // not mutated
    expect(nextNumber(after, '2024-01-03')).toBe(2);
    const error = catchDomainError(() => recordIssued(after, 1, '2024-01-03'));
    expect([error.code, error.httpStatus, error.messageVi]).toEqual(['DOCUMENT_NUMBER_TAKEN', 409, 'Số 01 đã được cấp trong năm 2024.']);
  });

  it('refuses a register with a repeated or invalid number', () => {
    expect(catchDomainError(() => nextNumber({ ...y2023, issued: [1, 1] }, '2023-05-05')).code).toBe('NUMBER_REGISTER_INVALID');
    expect(catchDomainError(() => nextNumber({ ...y2023, issued: [0] }, '2023-05-05')).code).toBe('NUMBER_REGISTER_INVALID');
  });
});

describe('Party numbering: from 01 per document type for the whole term', () => {
  // Congress of the Đảng bộ huyện: 2020-08-20 (term 2020 - 2025); next congress 2025-07-30.
  const term2020: NumberRegister = {
    scheme: 'party',
    typeCode: 'BC',
    issued: Array.from({ length: 455 }, (_, i) => i + 1),
    term: { fromYear: 2020, toYear: 2025, startsOn: '2020-08-20', endsOn: '2025-07-29' },
  };
  const term2025: NumberRegister = {
    scheme: 'party',
    typeCode: 'BC',
    issued: [],
    term: { fromYear: 2025, toYear: 2030, startsOn: '2025-07-30' },
  };

  it('a new calendar year in the same term continues the numbers', () => {
    expect(nextNumber(term2020, '2022-12-30')).toBe(456);
    expect(nextNumber(term2020, '2023-01-03')).toBe(456);
  });

  it('across the term boundary: the old term ends on the eve of the congress, the new term starts at 01', () => {
    expect(nextNumber(term2020, '2025-07-29')).toBe(456);
    const error = catchDomainError(() => nextNumber(term2020, '2025-07-30'));
    expect([error.code, error.details]).toEqual([
      'NUMBER_REGISTER_PERIOD_MISMATCH',
      { date: '2025-07-30', period: 'nhiệm kỳ 2020 - 2025' },
    ]);
    expect(nextNumber(term2025, '2025-07-30')).toBe(1);
    expect(catchDomainError(() => nextNumber(term2025, '2025-07-29')).code).toBe('NUMBER_REGISTER_PERIOD_MISMATCH');
  });

  it('a term without dates runs from 1 January of its first year and stays open', () => {
    const open: NumberRegister = { scheme: 'party', typeCode: 'BC', issued: [1], term: { fromYear: 2020, toYear: 2025 } };
    expect(registerCovers(open, '2019-12-31')).toBe(false);
    expect(nextNumber(open, '2026-03-01')).toBe(2);
  });

  it('refuses a term that ends before it starts', () => {
    const bad: NumberRegister = { ...term2025, term: { fromYear: 2025, toYear: 2030, startsOn: '2025-07-30', endsOn: '2025-07-01' } };
    expect(catchDomainError(() => nextNumber(bad, '2025-07-30')).code).toBe('PARTY_TERM_INVALID');
  });
});
