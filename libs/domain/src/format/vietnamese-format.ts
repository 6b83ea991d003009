import { requireDate } from '../calendar/calendar-date';
import type { IsoDate } from '../shared/iso-date';
import { nfc, requireNonBlank } from '../shared/text';

/**
 * Numbers, money, percentages and dates the way Vietnamese administrative documents write them
 * ("862.796.456", "149.364,5 ha", "10,4 tỷ đồng", "ngày 06 tháng 9 năm 2023", "26/4/2024", "07-9-2021").
 *
 * No Intl: its output depends on the ICU build of the runtime, and documents must come out the same
 * everywhere. Rounding is half away from zero on the decimal value as written (1,25 → 1,3; -1,25 → -1,3),
 * not on its binary approximation.
 */
export { nfc };

const MAX_DECIMALS = 10;
/** Digits kept when no `decimals` is given: enough for any real figure, few enough to drop float noise (0.1 + 0.2). */
const SIGNIFICANT_DIGITS = 15;

export interface NumberFormatOptions {
  /** Exactly this many decimals (0-10). Omitted: as many as the value has ("149.364,5"; 12 → "12"). */
  decimals?: number;
}

/** '.' between thousands, ',' before decimals: 862796456 → '862.796.456'; 149364.5 → '149.364,5'; -1234.5 → '-1.234,5'. */
export function formatNumberVi(n: number, options: NumberFormatOptions = {}): string {
  requireFinite(n, 'n');
  // A whole number as written (every count, every table cell): what render gives, without its decimal-string work.
  if (options.decimals === undefined && n % 1 === 0 && n < 1e15 && n > -1e15) {
    return `${n < 0 ? '-' : ''}${groupThousands(String(n < 0 ? -n : n))}`;
  }
  const decimals = options.decimals ?? decimalsOf(n);
  return render(n, decimals, false);
}

export interface CountFormatOptions {
  /** Minimum number of digits; shorter counts get leading zeros. Default 2. */
  pad?: number;
}

/**
 * A count as documents write it: '04 hội nghị', '12 cuộc', '1.250 lượt người'. Zero is written '0', not '00':
 * a zero count is "không có" in prose and a bare 0 in tables, never padded.
 */
export function formatCount(n: number, options: CountFormatOptions = {}): string {
  const pad = options.pad ?? 2;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(pad) || pad < 1 || pad > 3) throw new RangeError(`pad must be 1, 2 or 3, got ${pad}`);
  if (n === 0) return '0';
  return groupThousands(String(n).padStart(pad, '0'));
}

export type MoneyUnit = 'đồng' | 'triệu đồng' | 'tỷ đồng' | 'auto';

/**
 * An amount in đồng, written in `unit`:
 * - 'đồng': rounded to the đồng, grouped ('862.796.456 đồng');
 * - 'triệu đồng' / 'tỷ đồng': divided by 10^6 / 10^9, rounded to 1 decimal, a trailing ',0' dropped
 *   ('570 triệu đồng', '10,4 tỷ đồng', '1.250 tỷ đồng');
 * - 'auto': tỷ from 1 tỷ, triệu from 1 triệu, else đồng (exact). An amount just under 1 tỷ that would show as
 *   '1.000 triệu đồng' is written '1 tỷ đồng' instead (999.960.000). There is no 'nghìn tỷ': '1.500 tỷ đồng'.
 */
export function formatMoneyVnd(amountDong: number, unit: MoneyUnit): string {
  requireFinite(amountDong, 'amountDong');
  switch (unit) {
    case 'đồng':
      return `${render(amountDong, 0, false)} đồng`;
    case 'triệu đồng':
      return `${render(shiftDecimal(amountDong, -6), 1, true)} triệu đồng`;
    case 'tỷ đồng':
      return `${render(shiftDecimal(amountDong, -9), 1, true)} tỷ đồng`;
    case 'auto': {
      const abs = Math.abs(amountDong);
      const tenthsOfTrieu = roundHalfAway(shiftDecimal(abs, -5));
      if (abs >= 1e9 || tenthsOfTrieu >= 10_000) return formatMoneyVnd(amountDong, 'tỷ đồng');
      if (abs >= 1e6) return formatMoneyVnd(amountDong, 'triệu đồng');
      return formatMoneyVnd(amountDong, 'đồng');
    }
    default:
      throw new RangeError(`unknown money unit ${JSON.stringify(unit)}`);
  }
}

/** A ratio as a percentage with up to `decimals` decimals, trailing zeros dropped: 0.983 → '98,3%'; 1 → '100%'. */
export function formatPercentVi(x: number, decimals = 1): string {
  requireFinite(x, 'x');
  return `${render(shiftDecimal(x, 2), decimals, true)}%`;
}

/** The place and date line: 'Tam Đường, ngày 06 tháng 9 năm 2023'. */
export function formatDateLine(place: string, date: IsoDate): string {
  const { day, month, year } = dateParts(date);
  return `${requireNonBlank(place, 'place', 'Địa danh')}, ngày ${day} tháng ${month} năm ${year}`;
}

/** State-style date in running text: '26/4/2024', '05/3/2020'. */
export function formatStateDate(date: IsoDate): string {
  const { day, month, year } = dateParts(date);
  return `${day}/${month}/${year}`;
}

/** Party-style date: '07-9-2021'. */
export function formatPartyDate(date: IsoDate): string {
  const { day, month, year } = dateParts(date);
  return `${day}-${month}-${year}`;
}

/** A term of office (nhiệm kỳ): '2024 - 2029'. */
export function formatTerm(fromYear: number, toYear: number): string {
  for (const [field, year] of [
    ['fromYear', fromYear],
    ['toYear', toYear],
  ] as const) {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${field} must be a 4-digit year, got ${year}`);
  }
  if (fromYear >= toYear) throw new RangeError(`a term ends after it starts, got ${fromYear} - ${toYear}`);
  return `${fromYear} - ${toYear}`;
}

/** 'x/y' of two counts: '72/72', '1.250/1.300'. */
export function formatRatio(x: number, y: number): string {
  for (const [field, value] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${field} must be a non-negative integer, got ${value}`);
  }
  return `${groupThousands(String(x))}/${groupThousands(String(y))}`;
}

/** How many of the units were reached: '13/13 xã, thị trấn'. */
export function formatCoverage(covered: number, total: number, noun: string): string {
  if (covered > total) throw new RangeError(`covered (${covered}) cannot exceed total (${total})`);
  return `${formatRatio(covered, total)} ${requireNonBlank(noun, 'noun', 'Danh từ đơn vị')}`;
}

/** True when `s` is already in Unicode NFC (the only form Vietnamese text is stored in). */
export function isNfc(s: string): boolean {
  return s === s.normalize('NFC');
}

/**
 * Day and month as administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I; Hướng dẫn
 * 36-HD/VPTW): a day below 10 and the months 1 and 2 get a leading zero, so that no digit can be added in
 * front later; other months are written without one ('06 tháng 9', '24 tháng 01').
 */
function dateParts(date: IsoDate): { day: string; month: string; year: string } {
  requireDate(date);
  const month = Number(date.slice(5, 7));
  return { day: date.slice(8, 10), month: month <= 2 ? date.slice(5, 7) : String(month), year: String(Number(date.slice(0, 4))) };
}

/** Formats |value| rounded to `decimals`, with a '-' when the rounded value is not zero. */
function render(value: number, decimals: number, trimZeros: boolean): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(`decimals must be an integer 0-${MAX_DECIMALS}, got ${decimals}`);
  }
  const scaled = roundHalfAway(shiftDecimal(Math.abs(value), decimals));
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`${value} is too large to format exactly with ${decimals} decimals`);
  const digits = String(scaled).padStart(decimals + 1, '0');
  const integerPart = groupThousands(digits.slice(0, digits.length - decimals));
  let fraction = digits.slice(digits.length - decimals);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  const sign = value < 0 && scaled !== 0 ? '-' : '';
  return fraction === '' ? `${sign}${integerPart}` : `${sign}${integerPart},${fraction}`;
}

/** value × 10^places computed on the decimal string, so 1.005 × 100 is 100.5 and not 100.49999999999999. */
function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Nearest integer, halves away from zero. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Number of decimals of `n` as written with 15 significant digits (0.1 + 0.2 → 1). */
function decimalsOf(n: number): number {
  const [mantissa, exponent = '0'] = String(Number(Math.abs(n).toPrecision(SIGNIFICANT_DIGITS))).split('e');
  const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fractionDigits - Number(exponent)));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function requireFinite(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${field} must be a finite number, got ${value}`);
}
