import { invalid } from '../shared/domain-error';
import type { ApprovedSubmission, ConsolidatedIndicator, Consolidation, ConsolidationInput, FigurePart } from './consolidation.model';
import { columnsOf, partAt, unitAt, type IndicatorColumns } from './columns';
import { cleanSubmission, Consolidator } from './consolidator';

/**
 * Consolidates the approved submissions of a cycle into per-indicator totals, each with its per-unit parts
 * and the provenance of every part, plus the comparison with the previous period and progress against the
 * plan. Pure: everything it needs comes in.
 *
 * - 'sum' indicators add up exactly (see sumExact); the total's qualifier follows combineQualifiers.
 * - 'ratio' indicators (coverage x/y) add numerators and denominators: 8/9 + 5/5 = 13/14.
 * - 'none' indicators keep their parts and have no total.
 * - Every submission is re-checked with checkFigures. Violations are returned as findings for the reviewer;
 *   a figure that is unusable (wrong type, negative, fraction of a count …) is left out of the totals and its
 *   finding says so. Rule violations (warnings, or errors accepted before the rule existed) do not exclude.
 *
 * Throws 422 CONSOLIDATION_DUPLICATE_UNIT when a unit appears twice (a cycle has one approved submission
 * per unit), and 422 on previous totals or targets that do not fit the template.
 */
export function consolidate(input: ConsolidationInput): Consolidation {
  const consolidator = new Consolidator(input, input.submissions.length);
  const submissions = orderSubmissions(input.submissions, input.unitOrder ?? []);
  for (let k = 0; k < submissions.length; k++) consolidator.add(k, submissions[k]);
  return consolidator.finish();
}

/** The consolidated indicator `code`, or a 422 naming the code when the template has no such indicator. */
export function consolidatedIndicator(consolidation: Consolidation, code: string): ConsolidatedIndicator {
  const found = indexOf(consolidation.indicators, (c) => c.indicator.code).get(code);
  if (!found) {
    throw invalid(
      'INDICATOR_NOT_IN_CONSOLIDATION',
      `indicator ${code} is not in template ${consolidation.templateId}`,
      `Chỉ tiêu "${code}" không có trong mẫu báo cáo.`,
      { indicatorCode: code },
    );
  }
  return found;
}

/**
 * The indicators by code, indexed once per array (wording looks them up once per unit and placeholder: a scan each
 * time made the draft quadratic in the number of units). The first entry of a key wins, as `find` did; an array
 * that grew since is indexed again.
 */
const INDEXES = new WeakMap<readonly object[], { length: number; byKey: Map<string, unknown> }>();
function indexOf<T extends object>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  let index = INDEXES.get(items);
  if (!index || index.length !== items.length) {
    const byKey = new Map<string, T>();
    for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
    index = { length: items.length, byKey };
    INDEXES.set(items, index);
  }
  return index.byKey as Map<string, T>;
}

/** Each indicator's parts by unit id (their index in the columns), made once per columns. */
const PART_INDEXES = new WeakMap<IndicatorColumns, Map<string, number>>();

/** One unit's part of a consolidated indicator (undefined when the unit did not report it). */
export function partOfUnit(ci: ConsolidatedIndicator, unitId: string): FigurePart | undefined {
  const columns = columnsOf(ci);
  let index = PART_INDEXES.get(columns);
  if (index === undefined || index.size > columns.rank.length) {
    index = new Map<string, number>();
    for (let i = 0; i < columns.rank.length; i++) {
      const id = unitAt(columns, i).unitId;
      if (!index.has(id)) index.set(id, i);
    }
    PART_INDEXES.set(columns, index);
  }
  const i = index.get(unitId);
  return i === undefined ? undefined : partAt(columns, i);
}

function orderSubmissions(submissions: readonly ApprovedSubmission[], unitOrder: readonly string[]): ApprovedSubmission[] {
  const seen = new Set<string>();
  const cleaned = submissions.map((s) => cleanSubmission(s, seen));
  const rank = new Map<string, number>();
  unitOrder.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i); // the first mention counts: [a, b, a] orders a before b
  });
  // Each listed unit dropped in its slot (ids are distinct, so are their ranks: no sort of 20,000), the others after, by id.
  const slots: (ApprovedSubmission | undefined)[] = new Array<ApprovedSubmission | undefined>(unitOrder.length);
  const unlisted: ApprovedSubmission[] = [];
  for (const s of cleaned) {
    const r = rank.get(s.unitId);
    if (r === undefined) unlisted.push(s);
    else slots[r] = s;
  }
  const ordered: ApprovedSubmission[] = [];
  for (const s of slots) if (s !== undefined) ordered.push(s);
  for (const s of unlisted.sort((a, b) => codePointCompare(a.unitId, b.unitId))) ordered.push(s);
  return ordered;
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export { subtotalOf } from './column-totals';
