/**
 * Exact arithmetic on decimal figures as written. Money is entered in triệu đồng with up to 6 decimals
 * (862.796456 = 862.796.456 đồng); adding such numbers as binary floats drifts (0.1 + 0.2), and a total that
 * is off by one đồng is exactly the kind of error consolidation exists to remove. Values are scaled to
 * integers on their decimal string, added as BigInt and scaled back, so 24 + 480 + 119.963 + 120.34156 is
 * 744.30456 and not 744.3045599999999.
 */

/** Most decimals a figure may carry (10^-10 of a triệu đồng is far below one đồng). */
const MAX_DECIMALS = 10;
const SIGNIFICANT_DIGITS = 15;

/** Sum of `values`, exact on the values as written (each rounded to 15 significant digits first). */
export function sumExact(values: readonly number[]): number {
  if (values.length === 0) return 0;
  for (const v of values) requireFinite(v);
  // Counts (the common case): integers that scale to themselves, whose magnitudes add up below 2^53, add exactly
  // as numbers: the same sum as the BigInt route, without it.
  let sum = 0;
  let magnitude = 0;
  for (const v of values) {
    if (!Number.isInteger(v) || Math.abs(v) >= EXACT_INTEGER_BELOW) {
      magnitude = Infinity;
      break;
    }
    sum += v;
    magnitude += Math.abs(v);
  }
  if (magnitude <= Number.MAX_SAFE_INTEGER) return sum === 0 ? 0 : sum;
  const decimals = Math.max(...values.map(decimalsOf));
  const total = values.reduce((acc, v) => acc + scaled(v, decimals), 0n);
  return unscale(total, decimals);
}

/** a − b, exact on the values as written. */
export function subtractExact(a: number, b: number): number {
  return sumExact([a, -b]);
}

/** value × 10^places on the decimal string: shiftDecimal(862.796456, 6) === 862796456. */
export function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Number of decimals of `n` as written with 15 significant digits (0.1 + 0.2 → 1). */
export function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0; // what the string route gives for every integer, without building strings
  const [mantissa, exponent = '0'] = String(Number(Math.abs(n).toPrecision(SIGNIFICANT_DIGITS))).split('e');
  const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fractionDigits - Number(exponent)));
}

/** Below this an integer is exact at 15 significant digits: it scales to itself. */
const EXACT_INTEGER_BELOW = 1e15;

function scaled(value: number, decimals: number): bigint {
  if (decimals === 0 && Number.isInteger(value) && Math.abs(value) < EXACT_INTEGER_BELOW) return BigInt(value === 0 ? 0 : value);
  const clean = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  const shifted = Math.round(Math.abs(shiftDecimal(clean, decimals)));
  if (!Number.isSafeInteger(shifted)) throw new RangeError(`${value} is too large to add exactly with ${decimals} decimals`);
  return BigInt(Math.sign(value) < 0 ? -shifted : shifted);
}

function unscale(total: bigint, decimals: number): number {
  return Number(`${total.toString()}e-${decimals}`);
}

function requireFinite(value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`a figure must be a finite number, got ${value}`);
}
