import { invalid } from '../shared/domain-error';
import { nfc, requireNonBlank } from '../shared/text';
import { checkFigures } from '../templates/figure-check';
import {
  isRatioValue,
  isTableValue,
  scalarOf,
  unitKindsOfSection,
  type FigureValue,
  type Indicator,
  type ReportTemplate,
} from '../templates/report-template';
import type {
  ApprovedSubmission,
  ConsolidatedIndicator,
  ConsolidatedUnit,
  Consolidation,
  ConsolidationFinding,
  ConsolidationInput,
  FigurePart,
  PlanProgress,
  PreviousComparison,
  Provenance,
} from './consolidation.model';
import {
  attachColumns,
  columnsOf,
  detachColumns,
  partAt,
  partsOf,
  provenanceOf as provenanceOfColumns,
  numberColumnOf,
  RATIO,
  SCALAR,
  ColumnBuilder,
  unitAt,
  type IndicatorColumns,
} from './columns';
import { totalOf } from './column-totals';
import { subtractExact } from './exact-decimal';
import { isApproximate } from './qualifier-precedence';

const DEFAULT_PREVIOUS_LABEL = 'cùng kỳ';

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
  const { template } = input;
  rejectUnknownCodes(input, new Set(template.indicators.map((i) => i.code)));
  const submissions = orderSubmissions(input.submissions, input.unitOrder ?? []);
  const findings: ConsolidationFinding[] = [];
  // Per submission (same index), its usable figures by code.
  const usable: Readonly<Record<string, FigureValue>>[] = [];

  for (const s of submissions) {
    const violations = checkFigures(template, s.figures);
    if (violations.length === 0) {
      usable.push(s.figures);
      continue;
    }
    const unusable = new Set(violations.filter((v) => v.source === 'figure').flatMap((v) => v.indicatorCodes));
    for (const violation of violations) {
      findings.push({
        kind: 'violation',
        violation,
        unitId: s.unitId,
        unitName: s.unitName,
        sourceEventId: s.sourceEventId,
        excludedFromTotals: violation.source === 'figure',
      });
    }
    usable.push(unusable.size === 0 ? s.figures : Object.fromEntries(Object.entries(s.figures).filter(([code]) => !unusable.has(code))));
  }

  // The parts as columns (see columns.ts): each unit's figures read once, code by code, into per-indicator ranks and values.
  const columns = columnsOfSubmissions(template.indicators, submissions, usable);
  // The contributing units, in report order; coverage lists the same objects (read-only), not copies per indicator.
  const units: ConsolidatedUnit[] = submissions.map(({ unitId, unitName, unitKind }) => ({ unitId, unitName, unitKind }));
  const indicators = template.indicators.map((indicator, j): ConsolidatedIndicator => {
    const result = withParts(indicator, columns[j]);
    const coverage = coverageOf(template, indicator, columns[j], units);
    if (coverage) result.coverage = coverage;
    const total =
      indicator.valueType === 'boolean'
        ? coverage!.total > 0
          ? { numerator: coverage!.covered.length, denominator: coverage!.total }
          : undefined
        : totalOf(indicator, columns[j], findings);
    if (total === undefined) return result;
    result.total = total;
    const comparison = compareWithPrevious(indicator, total, input);
    if (comparison) result.comparison = comparison;
    const plan = progressAgainstPlan(indicator, total, input.targets);
    if (plan) result.plan = plan;
    return result;
  });

  findings.push(...changeFindings(template, indicators));
  return { templateId: template.id, templateVersion: template.version, units, indicators, findings };
}

/**
 * Per indicator, the ranks of the submissions that reported it and their values, in report order. A code that names
 * a property every object inherits ('constructor') must be an own property of the figures.
 */
function columnsOfSubmissions(
  indicators: readonly Indicator[],
  submissions: readonly ApprovedSubmission[],
  usable: readonly Readonly<Record<string, FigureValue>>[],
): IndicatorColumns[] {
  // Each figure found by walking the unit's own keys (a for-in over an object reads its values by the key cache: faster
  // than 40 lookups by name), the codes to their indicators by a map; a code the template lists twice fills both.
  const indexesOf = new Map<string, number[]>();
  indicators.forEach((indicator, j) => {
    const list = indexesOf.get(indicator.code);
    if (list === undefined) indexesOf.set(indicator.code, [j]);
    else list.push(j);
  });
  // A code that names a property every object inherits ('constructor') must be an own property of the figures.
  const inherited = new Set(indicators.map((i) => i.code).filter((code) => code in Object.prototype));
  const builders = indicators.map(() => new ColumnBuilder(submissions.length));
  for (let k = 0; k < submissions.length; k++) {
    const figures = usable[k];
    for (const code in figures) {
      const value = figures[code];
      const indexes = indexesOf.get(code);
      if (value === undefined || indexes === undefined || (inherited.has(code) && !Object.prototype.hasOwnProperty.call(figures, code)))
        continue;
      for (let x = 0; x < indexes.length; x++) builders[indexes[x]].add(k, value);
    }
  }
  return builders.map((b) => b.finish(submissions));
}

/**
 * The indicator with its columns attached, and `parts` and `provenance` (the source of every part, in the same
 * order) made from them when first read, not up front: the draft reads the columns, so at 20,000 units × 40 the
 * 800,000 part objects (and as many sources) were made for nobody. Both read, spread and compare as plain arrays.
 */
function withParts(indicator: Indicator, columns: IndicatorColumns): ConsolidatedIndicator {
  let parts: FigurePart[] | undefined;
  let provenance: Provenance[] | undefined;
  const ci = { indicator } as ConsolidatedIndicator;
  Object.defineProperty(ci, 'parts', {
    enumerable: true,
    configurable: true,
    get: () => (parts ??= partsOf(columns)),
    set: (value: FigurePart[]) => {
      parts = value;
      detachColumns(ci);
    },
  });
  Object.defineProperty(ci, 'provenance', {
    enumerable: true,
    configurable: true,
    get: () => (provenance ??= provenanceOfColumns(columns)),
    set: (value: Provenance[]) => (provenance = value),
  });
  attachColumns(ci, columns);
  return ci;
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
  const cleaned = submissions.map((s) => {
    const unitId = requireNonBlank(s.unitId, 'unitId', 'Mã đơn vị');
    if (seen.has(unitId)) {
      throw invalid(
        'CONSOLIDATION_DUPLICATE_UNIT',
        `unit ${unitId} has more than one approved submission`,
        `Đơn vị "${nfc(s.unitName)}" có nhiều hơn một báo cáo đã duyệt trong kỳ.`,
        { unitId },
      );
    }
    seen.add(unitId);
    const unitName = requireNonBlank(s.unitName, 'unitName', 'Tên đơn vị');
    const unitKind = requireNonBlank(s.unitKind, 'unitKind', 'Loại đơn vị');
    // A copy only when cleaning changed something (nothing writes to either).
    return unitId === s.unitId && unitName === s.unitName && unitKind === s.unitKind ? s : { ...s, unitId, unitName, unitKind };
  });
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

/**
 * Who answered yes (boolean) or reached the whole of their x/y (ratio with coverage wording), among the
 * contributing units the indicator applies to; a unit that did not answer counts as not reached. Yes/no: every
 * unit the section applies to answers (no answer counts as no); x/y: the units that gave theirs.
 */
function coverageOf(
  template: ReportTemplate,
  indicator: Indicator,
  columns: IndicatorColumns,
  units: readonly ConsolidatedUnit[],
): ConsolidatedIndicator['coverage'] {
  if (indicator.valueType !== 'boolean' && !(indicator.valueType === 'ratio' && indicator.coverage)) return undefined;
  const { rank, values } = columns;
  // By rank: 1 = reported, 2 = reported and reached.
  const state = new Uint8Array(units.length);
  const read = numberColumnOf(columns);
  for (let i = 0; i < rank.length; i++) {
    let reached: boolean;
    if (read === undefined) {
      const v = values[i];
      reached = isRatioValue(v) ? v.denominator > 0 && v.numerator >= v.denominator : scalarOf(v) === 1;
    } else {
      const shape = read.shape[i];
      reached = shape === RATIO ? read.b[i] > 0 && read.a[i] >= read.b[i] : shape === SCALAR && read.a[i] === 1;
    }
    state[rank[i]] = reached ? 2 : 1;
  }
  const kinds = indicator.valueType === 'ratio' ? undefined : unitKindsOfSection(template, indicator.sectionCode);
  const applies = kinds === undefined ? undefined : new Set(kinds);
  const covered: ConsolidatedUnit[] = [];
  const missing: ConsolidatedUnit[] = [];
  for (let k = 0; k < units.length; k++) {
    const unit = units[k];
    if (indicator.valueType === 'ratio' ? state[k] === 0 : applies !== undefined && !applies.has(unit.unitKind)) continue;
    (state[k] === 2 ? covered : missing).push(unit);
  }
  return { covered, missing, total: covered.length + missing.length };
}

/** Template rules 'change_vs_previous': a total that moved more than the threshold against the previous period. */
function changeFindings(template: ReportTemplate, indicators: readonly ConsolidatedIndicator[]): ConsolidationFinding[] {
  const findings: ConsolidationFinding[] = [];
  for (const rule of template.rules) {
    if (rule.kind !== 'change_vs_previous') continue;
    const ci = indicators.find((c) => c.indicator.code === rule.indicator);
    const ratio = ci?.comparison?.ratio;
    if (ratio === undefined) continue;
    const changePercent = Math.round((ratio - 1) * 1000) / 10;
    if (Math.abs(changePercent) > rule.thresholdPercent) {
      findings.push({
        kind: 'change',
        code: rule.code,
        severity: rule.severity,
        indicatorCode: rule.indicator,
        changePercent,
        messageVi: rule.messageVi,
      });
    }
  }
  return findings;
}

/** Comparison of a scalar total with the previous period. Ratio indicators are not compared (see docs). */
function compareWithPrevious(indicator: Indicator, total: FigureValue, input: ConsolidationInput): PreviousComparison | undefined {
  const previous = input.previous?.totals[indicator.code];
  if (previous === undefined || isRatioValue(total) || isTableValue(total)) return undefined;
  if (isRatioValue(previous) || isTableValue(previous) || typeof previous.value !== 'number' || !Number.isFinite(previous.value)) {
    throw invalid(
      'PREVIOUS_TOTAL_WRONG_TYPE',
      `previous total of ${indicator.code} must be { value: number }`,
      `Số liệu kỳ trước của chỉ tiêu "${indicator.name}" phải là một số.`,
      { indicatorCode: indicator.code },
    );
  }
  const comparison: PreviousComparison = {
    label: nfc(input.previous?.label ?? DEFAULT_PREVIOUS_LABEL),
    previous: copyFigure(previous),
    difference: subtractExact(total.value, previous.value),
    approximate: isApproximate(total.qualifier) || isApproximate(previous.qualifier),
  };
  if (previous.value !== 0) comparison.ratio = total.value / previous.value;
  return comparison;
}

function progressAgainstPlan(
  indicator: Indicator,
  total: FigureValue,
  targets: Readonly<Record<string, number>> | undefined,
): PlanProgress | undefined {
  const target = targets?.[indicator.code];
  if (target === undefined || isRatioValue(total) || isTableValue(total)) return undefined;
  if (typeof target !== 'number' || !Number.isFinite(target) || target < 0) {
    throw invalid(
      'TARGET_INVALID',
      `target of ${indicator.code} must be a non-negative number, got ${String(target)}`,
      `Chỉ tiêu kế hoạch của "${indicator.name}" phải là số không âm.`,
      { indicatorCode: indicator.code },
    );
  }
  const plan: PlanProgress = { target, approximate: isApproximate(total.qualifier) };
  if (target !== 0) plan.ratio = total.value / target;
  return plan;
}

function rejectUnknownCodes(input: ConsolidationInput, known: ReadonlySet<string>): void {
  const check = (codes: string[], code: string, what: string, whatVi: string) => {
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw invalid(
        code,
        `${what} for indicators not in the template: ${unknown.join(', ')}`,
        `${whatVi} có chỉ tiêu không có trong mẫu báo cáo: ${unknown.join(', ')}.`,
        { indicatorCodes: unknown },
      );
    }
  };
  check(Object.keys(input.previous?.totals ?? {}), 'PREVIOUS_UNKNOWN_INDICATOR', 'previous totals', 'Số liệu kỳ trước');
  check(Object.keys(input.targets ?? {}), 'TARGET_UNKNOWN_INDICATOR', 'targets', 'Kế hoạch');
}

function copyFigure(value: FigureValue): FigureValue {
  return { ...value };
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export { subtotalOf } from './column-totals';
