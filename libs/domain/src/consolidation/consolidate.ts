import { invalid } from '../shared/domain-error';
import { nfc, requireNonBlank } from '../shared/text';
import { checkFigures } from '../templates/figure-check';
import {
  isRatioValue,
  isTableValue,
  QUALIFIER_LABELS_VI,
  QUALIFIERS,
  scalarOf,
  unitKindsOfSection,
  type FigureValue,
  type Indicator,
  type Qualifier,
  type ReportTemplate,
  type TableValue,
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
  OTHER_QUALIFIER,
  qualifierAt,
  numberColumnOf,
  RATIO,
  SCALAR,
  ColumnBuilder,
  unitAt,
  type IndicatorColumns,
} from './columns';
import { subtractExact, sumExact } from './exact-decimal';
import { columnTotal } from './table-totals';
import { combineQualifierCounts, isApproximate, type QualifierCounts } from './qualifier-precedence';

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
      const value = columns.values[i];
      if (isTableValue(value) && value.cells) rows[unitAt(columns, i).unitId] = { ...value.cells };
    }
    return { rows };
  }
  for (const row of spec.rows ?? []) {
    const cells: Record<string, number> = {};
    // Each unit's cells of this row; a percent column follows the template's total rule across units.
    const unitRows: Record<string, number>[] = [];
    for (let n = 0; n < count; n++) {
      const value = columns.values[pick ? pick[n] : n];
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

/**
 * The total of some of an indicator's parts (a footnote's subtotal per kind of unit: `pick`, indexes into its
 * columns), by the same rule as the total (its findings are the total's: not made again).
 */
export function subtotalOf(indicator: Indicator, columns: IndicatorColumns, pick: ArrayLike<number>): FigureValue | undefined {
  return totalOf(indicator, columns, undefined, pick);
}

function totalOf(
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
  const all = columns.values;
  const values: number[] = [];
  // How many parts carry each qualifier (counted over every part when one has one: as combineQualifiers counts).
  const counts: QualifierCounts = { tren: 0, gan: 0, uoc_dat: 0, luy_ke: 0, parts: 0 };
  const read = numberColumnOf(columns);
  const codes = read?.qualifierCodes;
  if (read === undefined) {
    for (let n = 0; n < count; n++) {
      const value = all[pick ? pick[n] : n];
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
      if (pred(codes === undefined ? all[i].qualifier : qualifierAt(columns, codes, i))) ids.push(unitAt(columns, i).unitId);
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
      const value = all[i];
      if (!isRatioValue(value)) continue;
      numerators.push(value.numerator);
      denominators.push(value.denominator);
    }
    return { numerator: sumExact(numerators), denominator: sumExact(denominators), ...qualifier };
  }
  return { value: sumExact(values), ...qualifier };
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
