import { QUALIFIERS, type FigureValue, type Qualifier, type ScalarValue } from '../templates/report-template';
import type { ConsolidatedIndicator, FigurePart, Provenance } from './consolidation.model';

/**
 * An indicator's per-unit figures as columns: what every per-unit reader of a consolidation (totals, subtotals
 * per kind, coverage, footnotes, the source table, the annex of units) reads, without one part object per unit
 * and indicator. At 20,000 units × 40 indicators the part objects were 800,000 allocations that lived through
 * the request and were copied by every scavenge; columns are one rank array (off the heap) and one array of the
 * submissions' own figure objects per indicator.
 *
 * Part i is the unit `units[rank[i]]` with the value `values[i]`, in the report's unit order (ranks ascending).
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
  /** Per part, its value (the submission's own figure object: read-only). */
  readonly values: readonly FigureValue[];
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
    const values = new Array<FigureValue>(parts.length);
    for (let i = 0; i < parts.length; i++) {
      rank[i] = i;
      values[i] = parts[i].value;
    }
    columns = { units: parts, rank, values };
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

/** Part i as a part object (its fields in the order consolidate always wrote them). */
export function partAt(columns: IndicatorColumns, i: number): FigurePart {
  const u = unitAt(columns, i);
  return {
    unitId: u.unitId,
    unitName: u.unitName,
    unitKind: u.unitKind,
    value: columns.values[i],
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

function qualifierCode(q: unknown): number {
  if (q === undefined) return 0;
  const k = (QUALIFIERS as readonly unknown[]).indexOf(q);
  return k < 0 ? OTHER_QUALIFIER : k + 1;
}

/** The qualifier of part i from its code. */
export function qualifierAt(columns: IndicatorColumns, codes: Uint8Array | undefined, i: number): Qualifier | undefined {
  const c = codes === undefined ? 0 : codes[i];
  return c === 0 ? undefined : c === OTHER_QUALIFIER ? columns.values[i].qualifier : QUALIFIERS[c - 1];
}

/**
 * Builds an indicator's columns part by part (ranks ascending), its numbers read from each value as it is added.
 * `capacity`: the most parts it may take (the number of submissions).
 */
export class ColumnBuilder {
  private readonly rank: Int32Array;
  private readonly values: FigureValue[] = [];
  private readonly shape: Uint8Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private codes: Uint8Array | undefined;
  private regular = true;
  private count = 0;

  constructor(private readonly capacity: number) {
    this.rank = new Int32Array(capacity);
    this.shape = new Uint8Array(capacity);
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
  }

  add(rank: number, value: FigureValue): void {
    const i = this.count++;
    this.rank[i] = rank;
    this.values.push(value);
    if (value.qualifier !== undefined) (this.codes ??= new Uint8Array(this.capacity))[i] = qualifierCode(value.qualifier);
    // As isRatioValue, isTableValue and scalarOf read a value (a number that is not a number: the values are read then).
    if ('numerator' in value) {
      const { numerator, denominator } = value;
      if (typeof numerator !== 'number' || typeof denominator !== 'number') this.regular = false;
      this.shape[i] = RATIO;
      this.a[i] = numerator;
      this.b[i] = denominator;
    } else if (!('cells' in value || 'rows' in value)) {
      const v = (value as ScalarValue).value as unknown;
      if (v === undefined) return;
      if (typeof v !== 'number') this.regular = false;
      this.shape[i] = SCALAR;
      this.a[i] = v as number;
    }
  }

  finish(units: readonly PartUnit[]): IndicatorColumns {
    const n = this.count;
    const columns: IndicatorColumns = { units, rank: this.rank.slice(0, n), values: this.values };
    NUMBERS.set(
      columns,
      this.regular
        ? { shape: this.shape.slice(0, n), a: this.a.slice(0, n), b: this.b.slice(0, n), qualifierCodes: this.codes?.slice(0, n) }
        : null,
    );
    return columns;
  }
}

/** Null when a scalar, numerator or denominator is not a number: the caller then reads the values themselves. */
const NUMBERS = new WeakMap<IndicatorColumns, NumberColumn | null>();

/** The numbers of `columns` (read from its values the first time for columns not made by a ColumnBuilder). */
export function numberColumnOf(columns: IndicatorColumns): NumberColumn | undefined {
  let column = NUMBERS.get(columns);
  if (column === undefined) {
    const builder = new ColumnBuilder(columns.rank.length);
    columns.values.forEach((value, i) => builder.add(i, value));
    column = NUMBERS.get(builder.finish(columns.units)) ?? null;
    NUMBERS.set(columns, column);
  }
  return column ?? undefined;
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
