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
  for (let i = 0; i < values.length; i++) requireFinite(values[i]);
  // Counts (the common case): integers that scale to themselves, whose magnitudes add up below 2^53, add exactly
  // as numbers: the same sum as the BigInt route, without it. (Plain arithmetic, no Number.isInteger or Math.abs
  // per value: under jest's module sandbox each such call costs ~0.2 µs, and this runs over every unit's figure.)
  let sum = 0;
  let magnitude = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const size = v < 0 ? -v : v;
    if (v % 1 !== 0 || size >= EXACT_INTEGER_BELOW) {
      magnitude = Infinity;
      break;
    }
    sum += v;
    magnitude += size;
  }
  if (magnitude <= Number.MAX_SAFE_INTEGER) return sum === 0 ? 0 : sum;
  const fast = sumOfShortDecimals(values);
  if (fast !== undefined) return fast;
  const decimals = Math.max(...values.map(decimalsOf));
  const total = values.reduce((acc, v) => acc + scaled(v, decimals), 0n);
  return unscale(total, decimals);
}

/** 10^0 … 10^MAX_DECIMALS: exact doubles. */
const POWERS = Array.from({ length: MAX_DECIMALS + 1 }, (_, k) => 10 ** k);
/** Below 2^50 an integer times 10^k rounds back to itself, with room for the error of one multiplication. */
const SHORT_BELOW = 2 ** 50;

/**
 * The same sum as the string route (decimalsOf, scaled, BigInt) without strings, when every value is a decimal of at
 * most 15 digits and MAX_DECIMALS decimals (money as entered); undefined otherwise (the caller takes the string route).
 *
 * Why it is the same: for each value v it finds the least k with m = round(v × 10^k) and m / 10^k === v. The
 * division of two exact doubles is correctly rounded, so v is the double nearest m × 10^-k: v is written with k
 * decimals, 15 digits round-trip (toPrecision(15) gives v back), and no shorter decimal does (a smaller k failed),
 * so decimalsOf(v) = k and scaled(v, d) = m × 10^(d−k). Those integers add exactly as numbers while their
 * magnitudes stay within 2^53, and total / 10^d is the double nearest the exact total, as Number('total e-d') is.
 */
function sumOfShortDecimals(values: readonly number[]): number | undefined {
  const n = values.length;
  const units = new Float64Array(n);
  const places = new Uint8Array(n);
  let decimals = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let k = 0;
    for (; k <= MAX_DECIMALS; k++) {
      // The integer nearest v × 10^k (only a candidate: the test below decides).
      const x = v * POWERS[k];
      const t = x - (x % 1);
      const m = x - t >= 0.5 ? t + 1 : t - x >= 0.5 ? t - 1 : t;
      if (m >= SHORT_BELOW || m <= -SHORT_BELOW) return undefined;
      if (m / POWERS[k] === v) {
        units[i] = m;
        break;
      }
    }
    if (k > MAX_DECIMALS || units[i] >= EXACT_INTEGER_BELOW || units[i] <= -EXACT_INTEGER_BELOW) return undefined;
    places[i] = k;
    if (k > decimals) decimals = k;
  }
  let sum = 0;
  let magnitude = 0;
  for (let i = 0; i < n; i++) {
    const term = units[i] * POWERS[decimals - places[i]];
    magnitude += term < 0 ? -term : term;
    if (magnitude > Number.MAX_SAFE_INTEGER) return undefined;
    sum += term;
  }
  const total = sum / POWERS[decimals];
  return total === 0 ? 0 : total;
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
  // v − v is 0 for every finite number, NaN for NaN and ±Infinity.
  if (typeof value !== 'number' || value - value !== 0) throw new RangeError(`a figure must be a finite number, got ${value}`);
}
