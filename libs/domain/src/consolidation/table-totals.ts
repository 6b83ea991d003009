import type { TableColumn } from '../templates/report-template';
import { sumExact } from './exact-decimal';

/**
 * The total of a table column over `rows` (each a row's cells): the exact sum of a 'sum' column; for a percent
 * column with a `total` rule, the weighted mean (Σ value × weight / Σ weight) or the ratio of two count columns
 * (Σ numerator / Σ denominator × 100), rounded to one decimal; undefined when the template says no total or no
 * row gives what the rule needs.
 */
export function columnTotal(col: TableColumn, rows: readonly Readonly<Record<string, number>>[]): number | undefined {
  const has = (r: Readonly<Record<string, number>>, ...codes: string[]) =>
    codes.every((c) => typeof r[c] === 'number' && Number.isFinite(r[c]));
  if (col.aggregation === 'sum') {
    const values = rows.filter((r) => has(r, col.code)).map((r) => r[col.code]);
    return values.length ? sumExact(values) : undefined;
  }
  const rule = col.total;
  if (!rule) return undefined;
  if (rule.kind === 'weighted') {
    const used = rows.filter((r) => has(r, col.code, rule.by));
    const weight = used.reduce((s, r) => s + r[rule.by], 0);
    return weight > 0 ? round1(used.reduce((s, r) => s + r[col.code] * r[rule.by], 0) / weight) : undefined;
  }
  const used = rows.filter((r) => has(r, rule.numerator, rule.denominator));
  const denominator = used.reduce((s, r) => s + r[rule.denominator], 0);
  return denominator > 0 ? round1((used.reduce((s, r) => s + r[rule.numerator], 0) / denominator) * 100) : undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
