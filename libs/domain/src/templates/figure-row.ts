import type { FigureValue, Figures } from './report-template';

/** A figure's kind in a FigureRow: its numbers are the row's (SCALAR: one, RATIO: two), or it is read as a value (OTHER). */
export const ROW_OTHER = 0;
export const ROW_SCALAR = 1;
export const ROW_RATIO = 2;

/**
 * The codes of a unit's figures in their order (the order JSON.parse gives its keys), with each figure's kind and
 * where its numbers start in the row: shared by every row of the same codes and kinds (most units of a cycle).
 */
export interface FigureLayout {
  readonly codes: readonly string[];
  /** Per position: ROW_SCALAR, ROW_RATIO or ROW_OTHER. */
  readonly kinds: Uint8Array;
  /** Per position: the index of its first number in a row's `numbers`. */
  readonly start: Int32Array;
  /** The position of each code. */
  readonly position: ReadonlyMap<string, number>;
}

/**
 * A unit's figures as numbers (read without making an object per figure): position i is `layout.codes[i]`, and is
 * { value: numbers[start] } (SCALAR) or { numerator: numbers[start], denominator: numbers[start + 1] } (RATIO), with
 * `qualifiers[i]` when it has one, or `others[code]` (OTHER: a table, or any value that is not one of those two).
 * A SCALAR's fields are { value, qualifier }, a RATIO's { numerator, qualifier, denominator } (the order PostgreSQL's
 * jsonb gives them back in, so the order JSON.parse gave them): figureAt makes exactly the value the figures held.
 */
export interface FigureRow {
  readonly layout: FigureLayout;
  readonly numbers: readonly number[];
  /** Per position, the qualifier as stored (any string); undefined when no figure has one. */
  readonly qualifiers: readonly (string | undefined)[] | undefined;
  readonly others: Readonly<Record<string, unknown>> | undefined;
}

/** The layout of `codes` (no code twice) with the kinds given (one per code). */
export function figureLayout(codes: readonly string[], kinds: Uint8Array): FigureLayout {
  if (kinds.length !== codes.length) throw new RangeError(`${codes.length} codes but ${kinds.length} kinds`);
  const start = new Int32Array(codes.length);
  const position = new Map<string, number>();
  for (let i = 0, at = 0; i < codes.length; i++) {
    if (position.has(codes[i])) throw new RangeError(`code ${codes[i]} twice in a layout`);
    position.set(codes[i], i);
    start[i] = at;
    at += kinds[i] === ROW_RATIO ? 2 : kinds[i] === ROW_SCALAR ? 1 : 0;
  }
  return { codes, kinds, start, position };
}

/** The value at position i, as the unit's figures held it. */
export function figureAt(row: FigureRow, i: number): FigureValue {
  const { kinds, start, codes } = row.layout;
  const kind = kinds[i];
  const q = row.qualifiers?.[i];
  const a = row.numbers[start[i]];
  if (kind === ROW_SCALAR) return (q === undefined ? { value: a } : { value: a, qualifier: q }) as FigureValue;
  if (kind === ROW_RATIO) {
    const b = row.numbers[start[i] + 1];
    return (q === undefined ? { numerator: a, denominator: b } : { numerator: a, qualifier: q, denominator: b }) as FigureValue;
  }
  return row.others![codes[i]] as FigureValue;
}

/** The row's figures as an object (keys in the row's order): what the unit submitted. */
export function figuresOfRow(row: FigureRow): Figures {
  const figures: Record<string, FigureValue> = {};
  const { codes } = row.layout;
  for (let i = 0; i < codes.length; i++) figures[codes[i]] = figureAt(row, i);
  return figures;
}
