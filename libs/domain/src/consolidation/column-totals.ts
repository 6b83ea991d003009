import {
  QUALIFIER_LABELS_VI,
  QUALIFIERS,
  isRatioValue,
  isTableValue,
  scalarOf,
  type FigureValue,
  type Indicator,
  type Qualifier,
  type TableValue,
} from '../templates/report-template';
import { numberColumnOf, OTHER_QUALIFIER, qualifierAt, RATIO, SCALAR, unitAt, valueAt, type IndicatorColumns } from './columns';
import type { ConsolidationFinding } from './consolidation.model';
import { sumExact } from './exact-decimal';
import { combineQualifierCounts, type QualifierCounts } from './qualifier-precedence';
import { columnTotal } from './table-totals';

/**
 * The totals of an indicator's columns (see columns.ts), and of some of its parts (a footnote's subtotal per kind):
 * exact sums (sumExact), x/y adding numerators and denominators, tables per row and column, and the total's qualifier
 * by combineQualifiers' rule, counted from the parts' qualifier codes.
 */

/**
 * The total of some of an indicator's parts (a footnote's subtotal per kind of unit: `pick`, indexes into its
 * columns), by the same rule as the total (its findings are the total's: not made again).
 */
export function subtotalOf(indicator: Indicator, columns: IndicatorColumns, pick: ArrayLike<number>): FigureValue | undefined {
  return totalOf(indicator, columns, undefined, pick);
}

export function totalOf(
  indicator: Indicator,
  columns: IndicatorColumns,
  findings: ConsolidationFinding[] | undefined,
  pick?: ArrayLike<number>,
): FigureValue | undefined {
  const count = pick ? pick.length : columns.rank.length;
  if (indicator.aggregation === 'none' || count === 0) return undefined;
  if (indicator.valueType === 'table') return tableTotal(indicator, columns, pick);
  // One pass over the parts (each read once: this runs for every indicator and every kind's subtotal of 20,000
  // units): the qualifiers, kept only when a part has one (none at all combine as no parts do), and the scalars.
  const values: number[] = [];
  // How many parts carry each qualifier (counted over every part when one has one: as combineQualifiers counts).
  const counts: QualifierCounts = { tren: 0, gan: 0, uoc_dat: 0, luy_ke: 0, parts: 0 };
  const read = numberColumnOf(columns);
  const codes = read?.qualifierCodes;
  if (read === undefined) {
    for (let n = 0; n < count; n++) {
      const value = valueAt(columns, pick ? pick[n] : n);
      const q = value.qualifier;
      if (q !== undefined) {
        counts.parts = count;
        if (q === 'tren' || q === 'gan' || q === 'uoc_dat' || q === 'luy_ke') counts[q]++;
      }
      const v = scalarOf(value);
      if (v !== undefined) values.push(v);
    }
  } else {
    // The numbers read once per indicator (a kind's subtotal picks from them).
    const { shape, a } = read;
    for (let n = 0; n < count; n++) {
      const i = pick ? pick[n] : n;
      if (shape[i] === SCALAR) values.push(a[i]);
      const c = codes === undefined ? 0 : codes[i];
      if (c === 0) continue;
      counts.parts = count;
      if (c !== OTHER_QUALIFIER) counts[QUALIFIERS[c - 1]]++;
    }
  }
  const combined = combineQualifierCounts(counts);
  const unitsWith = (pred: (q: Qualifier | undefined) => boolean) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const i = pick ? pick[n] : n;
      if (pred(codes === undefined ? valueAt(columns, i).qualifier : qualifierAt(columns, codes, i))) ids.push(unitAt(columns, i).unitId);
    }
    return ids;
  };
  if (findings !== undefined && combined.mixedBounds) {
    findings.push({
      kind: 'qualifier',
      code: 'QUALIFIER_BOUNDS_MIXED',
      severity: 'warning',
      indicatorCode: indicator.code,
      unitIds: unitsWith((q) => q === 'tren' || q === 'gan'),
      messageVi:
        `Chỉ tiêu "${indicator.name}": có đơn vị ghi "${QUALIFIER_LABELS_VI.tren}", có đơn vị ghi "${QUALIFIER_LABELS_VI.gan}"; ` +
        `tổng số chỉ là ước tính và được ghi "${QUALIFIER_LABELS_VI.uoc_dat}".`,
    });
  }
  if (findings !== undefined && combined.mixedCumulative) {
    findings.push({
      kind: 'qualifier',
      code: 'QUALIFIER_CUMULATIVE_MIXED',
      severity: 'warning',
      indicatorCode: indicator.code,
      unitIds: unitsWith((q) => q === 'luy_ke'),
      messageVi:
        `Chỉ tiêu "${indicator.name}": số "${QUALIFIER_LABELS_VI.luy_ke}" của một số đơn vị được cộng với số trong kỳ của ` +
        'các đơn vị khác; đề nghị kiểm tra lại.',
    });
  }
  const qualifier = combined.qualifier === undefined ? {} : { qualifier: combined.qualifier };
  if (indicator.aggregation === 'ratio') {
    const numerators: number[] = [];
    const denominators: number[] = [];
    for (let n = 0; n < count; n++) {
      const i = pick ? pick[n] : n;
      if (read !== undefined) {
        if (read.shape[i] !== RATIO) continue;
        numerators.push(read.a[i]);
        denominators.push(read.b[i]);
        continue;
      }
      const value = valueAt(columns, i);
      if (!isRatioValue(value)) continue;
      numerators.push(value.numerator);
      denominators.push(value.denominator);
    }
    return { numerator: sumExact(numerators), denominator: sumExact(denominators), ...qualifier };
  }
  return { value: sumExact(values), ...qualifier };
}

/**
 * Sum of table values: per row, per column whose aggregation is 'sum'; rowSource 'units' keeps one row per unit
 * (keyed by unit id). `pick`: the parts to add (indexes into the columns), else all.
 */
function tableTotal(indicator: Indicator, columns: IndicatorColumns, pick?: ArrayLike<number>): TableValue {
  const spec = indicator.table!;
  const rows: Record<string, Record<string, number>> = {};
  const count = pick ? pick.length : columns.rank.length;
  if (spec.rowSource === 'units') {
    for (let n = 0; n < count; n++) {
      const i = pick ? pick[n] : n;
      const value = valueAt(columns, i);
      if (isTableValue(value) && value.cells) rows[unitAt(columns, i).unitId] = { ...value.cells };
    }
    return { rows };
  }
  for (const row of spec.rows ?? []) {
    const cells: Record<string, number> = {};
    // Each unit's cells of this row; a percent column follows the template's total rule across units.
    const unitRows: Record<string, number>[] = [];
    for (let n = 0; n < count; n++) {
      const value = valueAt(columns, pick ? pick[n] : n);
      const r = isTableValue(value) ? value.rows?.[row.code] : undefined;
      if (r !== undefined) unitRows.push(r);
    }
    for (const col of spec.columns) {
      const total = columnTotal(col, unitRows);
      if (total !== undefined) cells[col.code] = total;
    }
    rows[row.code] = cells;
  }
  return { rows };
}
