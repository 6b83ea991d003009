import { decimalsOf, shiftDecimal, subtractExact, sumExact } from './exact-decimal';

describe('sumExact', () => {
  it("adds money in triệu đồng to the đồng: 002's four sources are 744,30456 triệu, not 744,3045599999…", () => {
    const parts = [24, 480, 119.963, 120.34156];
    expect(parts.reduce((a, b) => a + b, 0)).not.toBe(744.30456); // what a naive float sum gives
    expect(sumExact(parts)).toBe(744.30456);
  });

  it.each<[number[], number]>([
    [[], 0],
    [[0.1, 0.2], 0.3],
    [[7, 8], 15],
    [[350, 220], 570],
    [[100, 92, 85], 277],
    [[1.5, -0.25], 1.25],
    [[0.1 + 0.2, 0.7], 1], // 0.30000000000000004 is read as 0.3
  ])('%j → %p', (values, expected) => {
    expect(sumExact(values)).toBe(expected);
  });

  it('refuses NaN and Infinity', () => {
    expect(() => sumExact([1, Number.NaN])).toThrow(RangeError);
    expect(() => sumExact([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('subtractExact', () => {
  it('862,796456 − 744,30456 = 118,491896 exactly', () => {
    expect(subtractExact(862.796456, 744.30456)).toBe(118.491896);
  });

  it('is negative when b > a', () => {
    expect(subtractExact(97, 107)).toBe(-10);
  });
});

describe('shiftDecimal and decimalsOf', () => {
  it('shift on the decimal string', () => {
    expect(shiftDecimal(862.796456, 6)).toBe(862796456);
    expect(shiftDecimal(1.005, 2)).toBe(100.5);
  });

  it('count decimals as written', () => {
    expect([decimalsOf(12), decimalsOf(119.963), decimalsOf(0.1 + 0.2), decimalsOf(1e-7)]).toEqual([0, 3, 1, 7]);
  });
});

describe('sumExact on counts', () => {
  it('adds integers as the BigInt route does, signed, up to 2^53 and past it', () => {
    expect(sumExact([3, -5, 2])).toBe(0);
    expect(Object.is(sumExact([-0, 0]), 0)).toBe(true);
    expect(sumExact([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(sumExact(Array.from({ length: 20_000 }, (_, i) => i))).toBe((20_000 * 19_999) / 2);
    // Past 2^53 in magnitude (or at 10^15 and above, rounded to 15 digits as written) the exact route decides.
    expect(sumExact([1e15, 1])).toBe(1e15 + 1);
    expect(sumExact([4503599627370496, 1])).toBe(4503599627370501);
    expect(sumExact([1, 2.5])).toBe(3.5);
  });
});
