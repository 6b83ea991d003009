import { invalid } from '../shared/domain-error';
import { nfc, requireNonBlank } from '../shared/text';
import { checkFigures } from '../templates/figure-check';
import {
  isRatioValue,
  isTableValue,
  QUALIFIER_LABELS_VI,
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
import { subtractExact, sumExact } from './exact-decimal';
import { columnTotal } from './table-totals';
import { combineQualifiers, isApproximate } from './qualifier-precedence';

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

  const indicators = template.indicators.map((indicator): ConsolidatedIndicator => {
    const parts: FigurePart[] = [];
    const code = indicator.code;
    // A code that names a property every object inherits ('constructor') must be an own property of the figures.
    const inherited = code in Object.prototype;
    for (let k = 0; k < submissions.length; k++) {
      const s = submissions[k];
      const value = usable[k][code];
      if (value === undefined || (inherited && !Object.prototype.hasOwnProperty.call(usable[k], code))) continue;
      // The submission's own figure, not a copy (800,000 copies at 20,000 units × 40): nothing here or after writes to it.
      parts.push({
        unitId: s.unitId,
        unitName: s.unitName,
        unitKind: s.unitKind,
        value,
        sourceEventId: s.sourceEventId,
        sourcePosition: s.sourcePosition,
      });
    }
    const result = withProvenance({ indicator, parts });
    // Yes/no: every unit the section applies to answers (no answer counts as no); x/y: the units that gave theirs.
    // Only yes/no and x/y-with-coverage indicators have a population (not made for the others: 20,000 units each).
    const population = (): ApprovedSubmission[] => {
      if (indicator.valueType !== 'ratio') return populationOf(submissions, unitKindsOfSection(template, indicator.sectionCode));
      const reporting = new Set(parts.map((p) => p.unitId));
      return submissions.filter((s) => reporting.has(s.unitId));
    };
    const coverage = coverageOf(indicator, parts, population);
    if (coverage) result.coverage = coverage;
    const total =
      indicator.valueType === 'boolean'
        ? coverage!.total > 0
          ? { numerator: coverage!.covered.length, denominator: coverage!.total }
          : undefined
        : totalOf(indicator, parts, findings);
    if (total === undefined) return result;
    result.total = total;
    const comparison = compareWithPrevious(indicator, total, input);
    if (comparison) result.comparison = comparison;
    const plan = progressAgainstPlan(indicator, total, input.targets);
    if (plan) result.plan = plan;
    return result;
  });

  findings.push(...changeFindings(template, indicators));
  const units: ConsolidatedUnit[] = submissions.map(({ unitId, unitName, unitKind }) => ({ unitId, unitName, unitKind }));
  return { templateId: template.id, templateVersion: template.version, units, indicators, findings };
}

/**
 * `provenance` (the source of every part, in the same order) made from the parts when first read, not for every
 * indicator up front: each part carries its source already (FigurePart extends Provenance), and the draft reads the
 * parts, so at 20,000 units × 40 the 800,000 extra objects were made for nobody.
 */
function withProvenance(ci: Omit<ConsolidatedIndicator, 'provenance'>): ConsolidatedIndicator {
  let provenance: Provenance[] | undefined;
  return Object.defineProperty(ci, 'provenance', {
    enumerable: true,
    configurable: true,
    get: () => (provenance ??= ci.parts.map(({ unitId, sourceEventId, sourcePosition }) => ({ unitId, sourceEventId, sourcePosition }))),
    set: (value: Provenance[]) => (provenance = value),
  }) as ConsolidatedIndicator;
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
 * The indicators by code and each indicator's parts by unit, indexed once per array (wording looks them up once
 * per unit and placeholder: a scan each time made the draft quadratic in the number of units). The first entry
 * of a key wins, as `find` did; an array that grew since is indexed again.
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

/** One unit's part of a consolidated indicator (undefined when the unit did not report it). */
export function partOfUnit(ci: ConsolidatedIndicator, unitId: string): FigurePart | undefined {
  return indexOf(ci.parts, (p) => p.unitId).get(unitId);
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
    return {
      ...s,
      unitId,
      unitName: requireNonBlank(s.unitName, 'unitName', 'Tên đơn vị'),
      unitKind: requireNonBlank(s.unitKind, 'unitKind', 'Loại đơn vị'),
    };
  });
  const rank = new Map<string, number>();
  unitOrder.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i); // the first mention counts: [a, b, a] orders a before b
  });
  const position = (id: string) => rank.get(id) ?? Number.POSITIVE_INFINITY;
  return cleaned.sort((a, b) => position(a.unitId) - position(b.unitId) || codePointCompare(a.unitId, b.unitId));
}

/**
 * Who answered yes (boolean) or reached the whole of their x/y (ratio with coverage wording), among the
 * contributing units the indicator applies to; a unit that did not answer counts as not reached.
 */
function coverageOf(
  indicator: Indicator,
  parts: readonly FigurePart[],
  populationOf: () => readonly ApprovedSubmission[],
): ConsolidatedIndicator['coverage'] {
  if (indicator.valueType !== 'boolean' && !(indicator.valueType === 'ratio' && indicator.coverage)) return undefined;
  const population = populationOf();
  const reached = new Set(
    parts
      .filter((p) =>
        isRatioValue(p.value) ? p.value.denominator > 0 && p.value.numerator >= p.value.denominator : scalarOf(p.value) === 1,
      )
      .map((p) => p.unitId),
  );
  const unit = ({ unitId, unitName, unitKind }: ApprovedSubmission) => ({ unitId, unitName, unitKind });
  return {
    covered: population.filter((s) => reached.has(s.unitId)).map(unit),
    missing: population.filter((s) => !reached.has(s.unitId)).map(unit),
    total: population.length,
  };
}

/** Sum of table values: per row, per column whose aggregation is 'sum'; rowSource 'units' keeps one row per unit (keyed by unit id). */
function tableTotal(indicator: Indicator, parts: readonly FigurePart[]): TableValue {
  const spec = indicator.table!;
  const rows: Record<string, Record<string, number>> = {};
  if (spec.rowSource === 'units') {
    for (const p of parts) if (isTableValue(p.value) && p.value.cells) rows[p.unitId] = { ...p.value.cells };
    return { rows };
  }
  for (const row of spec.rows ?? []) {
    const cells: Record<string, number> = {};
    // Each unit's cells of this row; a percent column follows the template's total rule across units.
    const unitRows = parts
      .map((p) => (isTableValue(p.value) ? p.value.rows?.[row.code] : undefined))
      .filter((r): r is Record<string, number> => r !== undefined);
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

/** The submissions of units a section applies to (sectionAppliesTo, its kinds looked up once, not per unit). */
function populationOf(submissions: readonly ApprovedSubmission[], kinds: readonly string[] | undefined): ApprovedSubmission[] {
  if (kinds === undefined) return [...submissions];
  const applies = new Set(kinds);
  return submissions.filter((s) => applies.has(s.unitKind));
}

/** The total of some of an indicator's parts (a footnote's subtotal per kind of unit), by the same rule as the total. */
export function subtotalOf(indicator: Indicator, parts: readonly FigurePart[]): FigureValue | undefined {
  return totalOf(indicator, parts, []);
}

function totalOf(indicator: Indicator, parts: readonly FigurePart[], findings: ConsolidationFinding[]): FigureValue | undefined {
  if (indicator.aggregation === 'none' || parts.length === 0) return undefined;
  if (indicator.valueType === 'table') return tableTotal(indicator, parts);
  // One pass over the parts (each read once: this runs for every indicator and every kind's subtotal of 20,000
  // units): the qualifiers, kept only when a part has one (none at all combine as no parts do), and the scalars.
  let qualifiers: (Qualifier | undefined)[] | undefined;
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = parts[i].value;
    if (value.qualifier !== undefined) (qualifiers ??= new Array<Qualifier | undefined>(parts.length).fill(undefined))[i] = value.qualifier;
    const v = scalarOf(value);
    if (v !== undefined) values.push(v);
  }
  const combined = combineQualifiers(qualifiers ?? []);
  const unitsWith = (pred: (q: Qualifier | undefined) => boolean) => parts.filter((p) => pred(p.value.qualifier)).map((p) => p.unitId);
  if (combined.mixedBounds) {
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
  if (combined.mixedCumulative) {
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
    const ratios = parts.map((p) => p.value).filter(isRatioValue);
    return {
      numerator: sumExact(ratios.map((r) => r.numerator)),
      denominator: sumExact(ratios.map((r) => r.denominator)),
      ...qualifier,
    };
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
