import { InvalidDateError } from '../calendar/calendar-date';
import { catchDomainError } from '../shared/domain-error';
import {
  formatCount,
  formatCoverage,
  formatDateLine,
  formatMoneyVnd,
  formatNumberVi,
  formatPartyDate,
  formatPercentVi,
  formatRatio,
  formatStateDate,
  formatTerm,
  isNfc,
  nfc,
  type MoneyUnit,
} from './vietnamese-format';

describe('formatNumberVi', () => {
  describe('given no decimals option, writes the value as it is', () => {
    it.each([
      [862796456, '862.796.456'],
      [149364.5, '149.364,5'],
      [0, '0'],
      [999, '999'],
      [1000, '1.000'],
      [-1234.5, '-1.234,5'],
      [-0, '0'],
      [1234567.891, '1.234.567,891'],
      [0.1 + 0.2, '0,3'],
      [1e-7, '0,0000001'],
      [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
    ])('%p → %s', (n, expected) => {
      expect(formatNumberVi(n)).toBe(expected);
    });
  });

  describe('given a number of decimals, rounds half away from zero and keeps trailing zeros', () => {
    it.each([
      [1234.5, 0, '1.235'],
      [-1234.5, 0, '-1.235'],
      [2.5, 0, '3'],
      [1.005, 2, '1,01'], // 1.005 is 1.00499999… in binary: round the decimal as written
      [12, 2, '12,00'],
      [149364.5, 1, '149.364,5'],
      [-0.04, 1, '0,0'],
    ])('%p with %p decimals → %s', (n, decimals, expected) => {
      expect(formatNumberVi(n, { decimals })).toBe(expected);
    });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (n) => {
    expect(() => formatNumberVi(n)).toThrow(RangeError);
  });

  it.each([-1, 11, 1.5])('refuses %p decimals', (decimals) => {
    expect(() => formatNumberVi(1, { decimals })).toThrow(RangeError);
  });

  it('refuses a number too large to write exactly', () => {
    expect(() => formatNumberVi(1e20)).toThrow(RangeError);
  });
});

describe('formatNumberVi on whole numbers', () => {
  it('writes them as the decimal route with 0 decimals does, signed, up to 10^15 and past it', () => {
    const wholes = [0, -0, 1, -1, 999, 1000, -1000, 12345, 862796456, -862796456, 1e15 - 1, -(1e15 - 1), 1e15, 4e15 + 2];
    for (let i = 0; i < 2000; i++) wholes.push(Math.round((((i * 7919) % 10007) - 5003) * 10 ** (i % 12)));
    expect(wholes.map((n) => formatNumberVi(n))).toEqual(wholes.map((n) => formatNumberVi(n, { decimals: 0 })));
    expect([formatNumberVi(-0), formatNumberVi(-1234567), formatNumberVi(1e15 - 1)]).toEqual(['0', '-1.234.567', '999.999.999.999.999']);
  });
});

describe('formatCount', () => {
  it.each([
    [4, '04'],
    [12, '12'],
    [100, '100'],
    [1250, '1.250'],
    [0, '0'],
  ])('%p → %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  it('pads to the width asked for', () => {
    expect(formatCount(4, { pad: 3 })).toBe('004');
    expect(formatCount(4, { pad: 1 })).toBe('4');
  });

  it.each([-1, 2.5, Number.NaN])('refuses %p', (n) => {
    expect(() => formatCount(n)).toThrow(RangeError);
  });
});

describe('formatMoneyVnd', () => {
  it.each<[number, MoneyUnit, string]>([
    [10_400_000_000, 'auto', '10,4 tỷ đồng'],
    [570_000_000, 'auto', '570 triệu đồng'],
    [862_796_456, 'đồng', '862.796.456 đồng'],
    [862_796_456, 'auto', '862,8 triệu đồng'],
    [862_796_456, 'tỷ đồng', '0,9 tỷ đồng'],
    [1_250_000, 'triệu đồng', '1,3 triệu đồng'],
    [1_240_000, 'triệu đồng', '1,2 triệu đồng'],
    [10_000_000_000, 'tỷ đồng', '10 tỷ đồng'],
    [1_500_000_000_000, 'auto', '1.500 tỷ đồng'],
    [1_000_000, 'auto', '1 triệu đồng'],
    [999_999, 'auto', '999.999 đồng'],
    [999_940_000, 'auto', '999,9 triệu đồng'],
    [999_960_000, 'auto', '1 tỷ đồng'],
    [0, 'auto', '0 đồng'],
    [-10_400_000_000, 'auto', '-10,4 tỷ đồng'],
    [1_234.6, 'đồng', '1.235 đồng'],
  ])('%p in %s → %s', (amount, unit, expected) => {
    expect(formatMoneyVnd(amount, unit)).toBe(expected);
  });

  it('refuses an unknown unit and a non-finite amount', () => {
    expect(() => formatMoneyVnd(1, 'USD' as MoneyUnit)).toThrow(RangeError);
    expect(() => formatMoneyVnd(Number.NaN, 'đồng')).toThrow(RangeError);
  });
});

describe('formatPercentVi', () => {
  it.each([
    [0.983, 1, '98,3%'],
    [1.452, 1, '145,2%'],
    [1, 1, '100%'],
    [0, 1, '0%'],
    [0.0125, 1, '1,3%'],
    [0.98765, 2, '98,77%'],
    [0.9805, 2, '98,05%'],
    [0.98, 2, '98%'],
    [0.5, 0, '50%'],
    [-0.05, 1, '-5%'],
  ])('%p with %p decimals → %s', (x, decimals, expected) => {
    expect(formatPercentVi(x, decimals)).toBe(expected);
  });

  it('defaults to one decimal', () => {
    expect(formatPercentVi(0.98765)).toBe('98,8%');
  });
});

describe('dates', () => {
  describe('formatDateLine', () => {
    it.each([
      ['Tam Đường', '2023-09-06', 'Tam Đường, ngày 06 tháng 9 năm 2023'],
      ['Lai Châu', '2024-12-25', 'Lai Châu, ngày 25 tháng 12 năm 2024'],
      ['Hà Nội', '2019-01-24', 'Hà Nội, ngày 24 tháng 01 năm 2019'],
      ['Hà Nội', '2024-02-05', 'Hà Nội, ngày 05 tháng 02 năm 2024'],
    ])('%s, %s → %s', (place, date, expected) => {
      expect(formatDateLine(place, date)).toBe(expected);
    });

    it('trims the place and writes it in NFC', () => {
      expect(formatDateLine(' Tam \u0110u\u031bo\u031b\u0300ng ', '2023-09-06')).toBe('Tam Đường, ngày 06 tháng 9 năm 2023');
    });

    it('refuses a blank place and an impossible date', () => {
      expect(catchDomainError(() => formatDateLine(' ', '2023-09-06')).code).toBe('FIELD_REQUIRED');
      expect(() => formatDateLine('Tam Đường', '2023-02-29')).toThrow(InvalidDateError);
    });
  });

  it.each([
    ['2024-04-26', '26/4/2024'],
    ['2020-03-05', '05/3/2020'],
    ['2019-01-24', '24/01/2019'],
  ])('formatStateDate(%s) → %s', (date, expected) => {
    expect(formatStateDate(date)).toBe(expected);
  });

  it.each([
    ['2021-09-07', '07-9-2021'],
    ['2017-02-06', '06-02-2017'],
    ['2023-11-30', '30-11-2023'],
  ])('formatPartyDate(%s) → %s', (date, expected) => {
    expect(formatPartyDate(date)).toBe(expected);
  });

  it('state and Party dates refuse an impossible date', () => {
    expect(() => formatStateDate('2024-04-31')).toThrow(InvalidDateError);
    expect(() => formatPartyDate('2021-9-7')).toThrow(InvalidDateError);
  });
});

describe('formatTerm', () => {
  it('writes a term with spaced hyphen', () => {
    expect(formatTerm(2024, 2029)).toBe('2024 - 2029');
  });

  it.each([
    [2029, 2024],
    [2024, 2024],
    [24, 29],
    [2024.5, 2029],
  ])('refuses %p - %p', (from, to) => {
    expect(() => formatTerm(from, to)).toThrow(RangeError);
  });
});

describe('formatRatio and formatCoverage', () => {
  it('write x/y with grouped thousands', () => {
    expect(formatRatio(72, 72)).toBe('72/72');
    expect(formatRatio(1250, 1300)).toBe('1.250/1.300');
    expect(formatRatio(0, 5)).toBe('0/5');
  });

  it('add the noun for coverage', () => {
    expect(formatCoverage(13, 13, 'xã, thị trấn')).toBe('13/13 xã, thị trấn');
    expect(formatCoverage(98, 104, ' khu dân cư ')).toBe('98/104 khu dân cư');
  });

  it.each([
    [-1, 2],
    [1.5, 2],
    [1, Number.NaN],
  ])('formatRatio refuses %p/%p', (x, y) => {
    expect(() => formatRatio(x, y)).toThrow(RangeError);
  });

  it('coverage refuses more covered than total, and a blank noun', () => {
    expect(() => formatCoverage(14, 13, 'xã')).toThrow(RangeError);
    expect(catchDomainError(() => formatCoverage(1, 13, '')).code).toBe('FIELD_REQUIRED');
  });
});

describe('nfc / isNfc', () => {
  const decomposed = 'Tam \u0110u\u031bo\u031b\u0300ng'; // ư and ờ typed as base letter + combining marks

  it('tells composed from decomposed text', () => {
    expect(isNfc('Tam Đường')).toBe(true);
    expect(isNfc(decomposed)).toBe(false);
    expect(isNfc('')).toBe(true);
  });

  it('composes decomposed text', () => {
    expect(nfc(decomposed)).toBe('Tam \u0110\u01b0\u1eddng');
    expect(isNfc(nfc(decomposed))).toBe(true);
  });
});
