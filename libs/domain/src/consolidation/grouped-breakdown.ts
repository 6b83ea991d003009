import { formatNumberVi } from '../format/vietnamese-format';
import { UNIT_KINDS } from '../org-units/unit-kinds';
import { nfc } from '../shared/text';
import { isRatioValue, scalarOf, type FigureValue } from '../templates/report-template';
import { subtotalOf } from './column-totals';
import { columnsOf, numberColumnOf, unitAt, unitKindIndexOf, valueAt, type IndicatorColumns } from './columns';
import type { ConsolidatedIndicator } from './consolidation.model';
import { formatFigure, type FigureFormat } from './figure-format';

/**
 * A figure's footnote at national scale. A footnote naming every contributing unit reads well for a district's
 * 13 communes and its mass organisations; for hundreds or thousands of units it is pages of names nobody reads on
 * paper. Above FOOTNOTE_UNITS_MAX units the footnote states instead how many units the figure sums, the subtotal
 * per kind of organisation (the way Vietnamese reports break a figure down: "Hội LHPN các cấp …, Hội Nông dân …")
 * and the units with the largest figures. Every unit's own figure stays one click away ("xem nguồn số liệu").
 */

/** A figure summing more units than this gets the grouped footnote; up to this many, every unit is named. */
export const FOOTNOTE_UNITS_MAX = 30;
/** How many of the largest contributors the grouped footnote names. */
export const FOOTNOTE_LARGEST = 5;

/**
 * "Tổng hợp từ 20.000 đơn vị; theo loại đơn vị: Đảng ủy xã, thị trấn (12.000 đơn vị) 3.456 buổi, Hội Nông dân
 * (2.000 đơn vị) 1.234 buổi; nhiều nhất: Xã 12 (45 buổi), Xã 7 (40 buổi)" — kinds in report order; no kind
 * breakdown when every unit is of one kind; no final full stop.
 */
export function groupedBreakdownText(ci: ConsolidatedIndicator, format?: FigureFormat): string {
  const columns = columnsOf(ci);
  const count = columns.rank.length;
  // The parts of each kind (indexes into the columns), kinds in report order (of their first part).
  const { kinds, kindOf } = unitKindIndexOf(columns.units);
  const lists: number[][] = [];
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const k = kindOf[columns.rank[i]];
    let list = lists[k];
    if (list === undefined) byKind.set(kinds[k], (lists[k] = list = []));
    list.push(i);
  }
  const clauses = [`tổng hợp từ ${formatNumberVi(count)} đơn vị`];
  if (byKind.size > 1) {
    const groups = [...byKind.entries()].map(([kind, pick]) => {
      const subtotal = subtotalOf(ci.indicator, columns, pick);
      const label = (UNIT_KINDS as Readonly<Record<string, string>>)[kind] ?? 'Đơn vị khác';
      return `${label} (${formatNumberVi(pick.length)} đơn vị)${subtotal ? ` ${formatFigure(ci.indicator, subtotal, format)}` : ''}`;
    });
    clauses.push(`theo loại đơn vị: ${groups.join(', ')}`);
  }
  const largest = largestOf(columns, FOOTNOTE_LARGEST);
  if (largest.length > 0) {
    clauses.push(
      `nhiều nhất: ${largest.map((i) => `${unitAt(columns, i).unitName} (${formatFigure(ci.indicator, valueAt(columns, i), format)})`).join(', ')}`,
    );
  }
  return nfc(clauses.join('; '));
}

/** Indexes of the `k` parts largest above zero, largest first, ties in report order: one pass, no sort of all. */
function largestOf(columns: IndicatorColumns, k: number): number[] {
  const read = numberColumnOf(columns);
  const top: { i: number; size: number }[] = [];
  for (let i = 0; i < columns.rank.length; i++) {
    // A ratio's numerator, a scalar, else nothing (0).
    const size = read === undefined ? sizeOf(valueAt(columns, i)) : read.shape[i] === 0 ? 0 : read.a[i];
    if (size <= 0 || (top.length === k && size <= top[k - 1].size)) continue;
    let at = top.length;
    while (at > 0 && top[at - 1].size < size) at--;
    top.splice(at, 0, { i, size });
    if (top.length > k) top.pop();
  }
  return top.map((x) => x.i);
}

function sizeOf(value: FigureValue): number {
  if (isRatioValue(value)) return value.numerator;
  return scalarOf(value) ?? 0;
}
