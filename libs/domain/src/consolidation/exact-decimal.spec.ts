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

/** The string route alone (every value through decimalsOf and its decimal string, added as BigInt). */
function sumByStrings(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const decimals = Math.max(...values.map(decimalsOf));
  let total = 0n;
  for (const v of values) {
    const shifted = Math.round(Math.abs(shiftDecimal(Number(v.toPrecision(15)), decimals)));
    if (!Number.isSafeInteger(shifted)) throw new RangeError('too large');
    total += BigInt(v < 0 ? -shifted : shifted);
  }
  return Number(`${total.toString()}e-${decimals}`);
}

describe('sumExact on decimals (money as entered)', () => {
  it('gives the string route’s sum on 5,000 random sums of decimals with 0–10 places, signed, small and large', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let decimalSums = 0;
    const differ: unknown[] = [];
    for (let t = 0; t < 5_000; t++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const places = Math.floor(random() * 11);
        const digits = Math.floor(random() * 10 ** (1 + Math.floor(random() * 15)));
        const v = Number(`${random() < 0.2 ? '-' : ''}${digits}e-${places}`);
        return random() < 0.05 ? v + 0.1 * random() : v; // now and then a value with more than 15 digits
      });
      if (values.some((v) => !Number.isInteger(v))) decimalSums++;
      let expected: number | string;
      try {
        expected = sumByStrings(values);
      } catch (error) {
        expected = (error as Error).name;
      }
      let actual: number | string;
      try {
        actual = sumExact(values);
      } catch (error) {
        actual = (error as Error).name;
      }
      if (!Object.is(actual, expected === 0 ? 0 : expected)) differ.push([values, actual, expected]);
    }
    expect(differ).toEqual([]);
    expect(decimalSums).toBeGreaterThan(3_500);
  });

  it('reads a value of more than 15 digits as written to 15, as before', () => {
    expect(sumExact([0.1 + 0.2, 0.25])).toBe(0.55);
    expect(sumExact([1e-7, 0.5])).toBe(0.5000001);
    expect(sumExact([123456789.123456, 0.000001])).toBe(123456789.123457);
  });
});
