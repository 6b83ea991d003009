import { QUALIFIERS, type FigureValue, type Qualifier, type ScalarValue } from '../templates/report-template';
import type { ConsolidatedIndicator, FigurePart, Provenance } from './consolidation.model';

/**
 * An indicator's per-unit figures as columns: what every per-unit reader of a consolidation (totals, subtotals
 * per kind, coverage, footnotes, the source table, the annex of units) reads, without one part object per unit
 * and indicator. At 20,000 units × 40 indicators the part objects were 800,000 allocations that lived through
 * the request and were copied by every scavenge; columns are typed arrays (off the heap): the units' ranks and the
 * numbers and qualifiers of their values, the value objects themselves kept only where the numbers cannot give them
 * back (tables, odd shapes).
 *
 * Part i is the unit `units[rank[i]]` with the value `valueAt(columns, i)`, in the report's unit order (ranks ascending).
 * `ConsolidatedIndicator.parts` is still there, made from the columns when first read (partsOf).
 */
export interface PartUnit extends Provenance {
  unitName: string;
  unitKind: string;
}

export interface IndicatorColumns {
  /** The units the ranks index: the consolidation's contributing units (its submissions, in report order). */
  readonly units: readonly PartUnit[];
  /** Per part, the index of its unit in `units`, ascending. */
  readonly rank: Int32Array;
  /**
   * Per part, its value object when the columns keep one (read it with valueAt): a table, a value with fields the
   * numbers do not give back in the same order, or every part of columns made from parts. Undefined when none is
   * kept: a plain scalar or x/y is read back from its numbers, so the 800,000 figure objects of a national draft
   * die young with the rows they were parsed from instead of living through the request.
   */
  readonly kept: readonly (FigureValue | undefined)[] | undefined;
}

/** The columns consolidate made, by indicator. */
const ATTACHED = new WeakMap<object, IndicatorColumns>();
/** Columns made from a parts array (an indicator built by hand, or a copy), by that array. */
const FROM_PARTS = new WeakMap<object, IndicatorColumns>();

/** Attaches the columns consolidate made to their indicator (not an enumerable property: they are not data). */
export function attachColumns(ci: ConsolidatedIndicator, columns: IndicatorColumns): void {
  ATTACHED.set(ci, columns);
}

/** Forgets the attached columns (the indicator's parts were replaced: they are the data now). */
export function detachColumns(ci: ConsolidatedIndicator): void {
  ATTACHED.delete(ci);
}

/**
 * The columns of `ci`: those consolidate attached, else made from its parts (an indicator built by hand, or a
 * copy of one: each part is then its own unit), once per parts array (again if it grew since).
 */
export function columnsOf(ci: ConsolidatedIndicator): IndicatorColumns {
  const attached = ATTACHED.get(ci);
  if (attached !== undefined) return attached;
  const parts = ci.parts;
  let columns = FROM_PARTS.get(parts);
  if (columns === undefined || columns.rank.length !== parts.length) {
    const rank = new Int32Array(parts.length);
    const kept = new Array<FigureValue>(parts.length);
    for (let i = 0; i < parts.length; i++) {
      rank[i] = i;
      kept[i] = parts[i].value;
    }
    columns = { units: parts, rank, kept };
    FROM_PARTS.set(parts, columns);
  }
  return columns;
}

/** How many units reported the indicator (its number of parts), without making the parts. */
export function partCount(ci: ConsolidatedIndicator): number {
  return columnsOf(ci).rank.length;
}

/** The unit of part i. */
export function unitAt(columns: IndicatorColumns, i: number): PartUnit {
  return columns.units[columns.rank[i]];
}

/**
 * The value of part i: the kept object, else one made from its numbers with the fields in the order a submission
 * writes them ({ value[, qualifier] } or { numerator, denominator[, qualifier] }: only such values are not kept).
 */
export function valueAt(columns: IndicatorColumns, i: number): FigureValue {
  const kept = columns.kept?.[i];
  if (kept !== undefined) return kept;
  const { numbers } = STORED.get(columns)!;
  const c = numbers.qualifierCodes === undefined ? 0 : numbers.qualifierCodes[i];
  if (numbers.shape[i] === RATIO) {
    return c === 0
      ? { numerator: numbers.a[i], denominator: numbers.b[i] }
      : { numerator: numbers.a[i], denominator: numbers.b[i], qualifier: QUALIFIERS[c - 1] };
  }
  return c === 0 ? { value: numbers.a[i] } : { value: numbers.a[i], qualifier: QUALIFIERS[c - 1] };
}

/** Part i as a part object (its fields in the order consolidate always wrote them). */
export function partAt(columns: IndicatorColumns, i: number): FigurePart {
  const u = unitAt(columns, i);
  return {
    unitId: u.unitId,
    unitName: u.unitName,
    unitKind: u.unitKind,
    value: valueAt(columns, i),
    sourceEventId: u.sourceEventId,
    sourcePosition: u.sourcePosition,
  };
}

/** Every part as an object, in order: for the few readers that need a per-unit list (and the public shape). */
export function partsOf(columns: IndicatorColumns): FigurePart[] {
  const out = new Array<FigurePart>(columns.rank.length);
  for (let i = 0; i < out.length; i++) out[i] = partAt(columns, i);
  return out;
}

/** The source of every part, in order. */
export function provenanceOf(columns: IndicatorColumns): Provenance[] {
  const out = new Array<Provenance>(columns.rank.length);
  for (let i = 0; i < out.length; i++) {
    const { unitId, sourceEventId, sourcePosition } = unitAt(columns, i);
    out[i] = { unitId, sourceEventId, sourcePosition };
  }
  return out;
}

/** A part's shape in a NumberColumn: a scalar with a number, a ratio of two numbers, or anything else (a table …). */
export const SCALAR = 1;
export const RATIO = 2;
/** In a ColumnBuilder only: a part with no number (a table …); 0 there is a slot with no part. */
const OTHER = 3;

/**
 * An indicator's numbers, read once from its values (each part's figure object is read where it is found, not again
 * by every total, subtotal per kind, coverage and footnote: at 20,000 units those re-reads were cache misses).
 */
export interface NumberColumn {
  /** Per part: SCALAR, RATIO, or 0 for anything else (no number to add: scalarOf gives undefined, not a ratio). */
  readonly shape: Uint8Array;
  /** Per part: its scalar (SCALAR) or numerator (RATIO). */
  readonly a: Float64Array;
  /** Per part: its denominator (RATIO). */
  readonly b: Float64Array;
  /** Per part, its qualifier as a code (qualifierAt); undefined when no part has one. */
  readonly qualifierCodes: Uint8Array | undefined;
}

/** Qualifier codes: 0 none, 1 + its index in QUALIFIERS, OTHER_QUALIFIER for anything else (read from the value). */
export const OTHER_QUALIFIER = QUALIFIERS.length + 1;

export function qualifierCodeOf(q: unknown): number {
  if (q === undefined) return 0;
  const k = (QUALIFIERS as readonly unknown[]).indexOf(q);
  return k < 0 ? OTHER_QUALIFIER : k + 1;
}

/** The qualifier of part i from its code. */
export function qualifierAt(columns: IndicatorColumns, codes: Uint8Array | undefined, i: number): Qualifier | undefined {
  const c = codes === undefined ? 0 : codes[i];
  return c === 0 ? undefined : c === OTHER_QUALIFIER ? valueAt(columns, i).qualifier : QUALIFIERS[c - 1];
}

/** The fields of a value that valueAt makes again (in this order), by shape; a qualifier may follow. */
const SCALAR_FIELDS = ['value', 'qualifier'];
const RATIO_FIELDS = ['numerator', 'denominator', 'qualifier'];

/**
 * Whether valueAt gives `value` back as it is (the same fields in the same order, numbers, a known qualifier or
 * none, a plain object): then the columns need not keep it.
 */
function madeAgain(value: object, fields: readonly string[], numbers: number, code: number): boolean {
  if (code === OTHER_QUALIFIER || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let k = 0;
  for (const key in value) if (key !== fields[k++]) return false;
  return k === numbers + (code === 0 ? 0 : 1);
}

/**
 * Builds an indicator's columns from values set by slot (a unit's place in the cycle, in any order), its numbers read
 * from each value as it is set. `capacity`: the number of slots. finish lists the parts in slot order.
 */
export class ColumnBuilder {
  private readonly shape: Uint8Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private codes: Uint8Array | undefined;
  private kept: (FigureValue | undefined)[] | undefined;
  private regular = true;

  constructor(private readonly capacity: number) {
    this.shape = new Uint8Array(capacity);
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
  }

  /** The value of the unit in `slot` (set once per slot). */
  set(slot: number, value: FigureValue): void {
    const code = qualifierCodeOf(value.qualifier);
    if (code !== 0) (this.codes ??= new Uint8Array(this.capacity))[slot] = code;
    // As isRatioValue, isTableValue and scalarOf read a value (a number that is not a number: the values are read then).
    let keep = true;
    if ('numerator' in value) {
      const { numerator, denominator } = value;
      const numbers = typeof numerator === 'number' && typeof denominator === 'number';
      if (!numbers) this.regular = false;
      this.shape[slot] = RATIO;
      this.a[slot] = numerator;
      this.b[slot] = denominator;
      keep = !numbers || !madeAgain(value, RATIO_FIELDS, 2, code);
    } else if ('cells' in value || 'rows' in value || (value as ScalarValue).value === undefined) {
      this.shape[slot] = OTHER;
    } else {
      const v = (value as ScalarValue).value as unknown;
      const number = typeof v === 'number';
      if (!number) this.regular = false;
      this.shape[slot] = SCALAR;
      this.a[slot] = v as number;
      keep = !number || !madeAgain(value, SCALAR_FIELDS, 1, code);
    }
    if (keep) (this.kept ??= new Array<FigureValue | undefined>(this.capacity).fill(undefined))[slot] = value;
  }

  /**
   * The value { value: a[, qualifier] } (SCALAR) or { numerator: a, denominator: b } (RATIO) in `slot`, given by its
   * numbers (a unit's figures read as numbers: no object is made): what set does with such a value. `qualifier`: a
   * known qualifier's code (qualifierCodeOf), or 0. An x/y value with a qualifier, or an unknown one, goes through set
   * (its object is kept).
   */
  setNumbers(slot: number, shape: typeof SCALAR | typeof RATIO, a: number, b: number, qualifier: number): void {
    if (qualifier !== 0) {
      if (qualifier === OTHER_QUALIFIER || shape === RATIO)
        throw new RangeError('a qualified x/y or an unknown qualifier is set as a value');
      (this.codes ??= new Uint8Array(this.capacity))[slot] = qualifier;
    }
    this.shape[slot] = shape;
    this.a[slot] = a;
    if (shape === RATIO) this.b[slot] = b;
  }

  /** The columns: `slots[r]` is the slot of the unit `units[r]`, ascending (a slot with no value is no part). */
  finish(units: readonly PartUnit[], slots: ArrayLike<number>): IndicatorColumns {
    let n = 0;
    for (let r = 0; r < slots.length; r++) if (this.shape[slots[r]] !== 0) n++;
    const rank = new Int32Array(n);
    const shape = new Uint8Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const codes = this.codes === undefined ? undefined : new Uint8Array(n);
    const kept = this.kept === undefined ? undefined : new Array<FigureValue | undefined>(n);
    for (let r = 0, i = 0; r < slots.length; r++) {
      const slot = slots[r];
      const s = this.shape[slot];
      if (s === 0) continue;
      rank[i] = r;
      shape[i] = s === OTHER ? 0 : s;
      a[i] = this.a[slot];
      b[i] = this.b[slot];
      if (codes !== undefined) codes[i] = this.codes![slot];
      if (kept !== undefined) kept[i] = this.kept![slot];
      i++;
    }
    const columns: IndicatorColumns = { units, rank, kept };
    STORED.set(columns, { numbers: { shape, a, b, qualifierCodes: codes }, regular: this.regular });
    return columns;
  }
}

/** The numbers of columns a ColumnBuilder made; `regular`: every scalar, numerator and denominator is a number. */
const STORED = new WeakMap<IndicatorColumns, { numbers: NumberColumn; regular: boolean }>();

/**
 * The numbers of `columns` (read from its values the first time for columns made from parts); undefined when a
 * scalar, numerator or denominator is not a number: the caller then reads the values themselves (valueAt).
 */
export function numberColumnOf(columns: IndicatorColumns): NumberColumn | undefined {
  let stored = STORED.get(columns);
  if (stored === undefined) {
    const count = columns.rank.length;
    const builder = new ColumnBuilder(count);
    const slots = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      builder.set(i, columns.kept![i]!);
      slots[i] = i;
    }
    stored = STORED.get(builder.finish(columns.units, slots))!;
    STORED.set(columns, stored);
  }
  return stored.regular ? stored.numbers : undefined;
}

/** The kinds of a list of units: each unit's kind as a small number, and the kinds by number. */
export interface UnitKindIndex {
  readonly kinds: readonly string[];
  readonly kindOf: Int32Array;
}

const KIND_INDEXES = new WeakMap<readonly PartUnit[], UnitKindIndex>();

/** The kind index of `units` (the columns' units), made once per list: grouping parts by kind reads numbers. */
export function unitKindIndexOf(units: readonly PartUnit[]): UnitKindIndex {
  let index = KIND_INDEXES.get(units);
  if (index === undefined || index.kindOf.length !== units.length) {
    const numbers = new Map<string, number>();
    const kindOf = new Int32Array(units.length);
    for (let r = 0; r < units.length; r++) {
      const kind = units[r].unitKind;
      let n = numbers.get(kind);
      if (n === undefined) numbers.set(kind, (n = numbers.size));
      kindOf[r] = n;
    }
    index = { kinds: [...numbers.keys()], kindOf };
    KIND_INDEXES.set(units, index);
  }
  return index;
}
