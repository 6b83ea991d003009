import type { FigureValue } from '../templates/report-template';
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
