import { invalid } from '../shared/domain-error';
import { nfc, requireNonBlank } from '../shared/text';
import { checkFigureRow, checkFigures, type Violation } from '../templates/figure-check';
import { figureAt, ROW_RATIO, ROW_SCALAR, type FigureLayout, type FigureRow } from '../templates/figure-row';
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
  detachColumns,
  partsOf,
  provenanceOf as provenanceOfColumns,
  numberColumnOf,
  OTHER_QUALIFIER,
  qualifierCodeOf,
  RATIO,
  SCALAR,
  ColumnBuilder,
  valueAt,
  type IndicatorColumns,
  type PartUnit,
} from './columns';
import { totalOf } from './column-totals';
import { subtractExact } from './exact-decimal';
import { isApproximate } from './qualifier-precedence';

const DEFAULT_PREVIOUS_LABEL = 'cùng kỳ';

/** What a consolidation needs besides the submissions. */
export type ConsolidatorInput = Pick<ConsolidationInput, 'template' | 'previous' | 'targets'>;

/**
 * Consolidation one submission at a time (see consolidate for the rules): each unit's figures are checked and read
 * into the indicators' columns when it is added, and not kept, so a caller reading a national cycle's approvals a
 * batch at a time never holds more than a batch of figure objects. Each submission is added to its slot (the unit's
 * place in the report's order, in any order of arrival); the report lists the units by slot.
 *
 * Throws 422 as consolidate does: previous totals or targets that do not fit the template (when made), a blank
 * unit id, name or kind, a unit added twice (CONSOLIDATION_DUPLICATE_UNIT).
 */
export class Consolidator {
  private readonly builders: ColumnBuilder[];
  /** Per code, the indexes of the indicators it fills (a code the template lists twice fills both). */
  private readonly indexesOf = new Map<string, number[]>();
  /** Codes naming a property every object inherits ('constructor'): they count only as the figures' own. */
  private readonly inherited: ReadonlySet<string>;
  /** Per slot, its unit (and the source of its figures), once added. */
  private readonly units: (PartUnit | undefined)[];
  /** Per slot, the findings of its figures (only units with some). */
  private readonly findings = new Map<number, ConsolidationFinding[]>();
  private readonly seen = new Set<string>();
  private readonly layouts = new WeakMap<FigureLayout, (readonly number[] | undefined)[]>();

  constructor(
    private readonly input: ConsolidatorInput,
    private readonly slots: number,
  ) {
    const { template } = input;
    rejectUnknownCodes(input, new Set(template.indicators.map((i) => i.code)));
    template.indicators.forEach((indicator, j) => {
      const list = this.indexesOf.get(indicator.code);
      if (list === undefined) this.indexesOf.set(indicator.code, [j]);
      else list.push(j);
    });
    this.inherited = new Set(template.indicators.map((i) => i.code).filter((code) => code in Object.prototype));
    this.builders = template.indicators.map(() => new ColumnBuilder(slots));
    this.units = new Array<PartUnit | undefined>(slots).fill(undefined);
  }

  /**
   * Adds a unit's approved submission in `slot` (0 ≤ slot < slots, each once): its figures re-checked with
   * checkFigures (violations become findings; an unusable figure is left out of the totals) and read into the columns.
   */
  add(slot: number, submission: ApprovedSubmission): void {
    const s = this.claim(slot, submission);
    const { template } = this.input;
    let figures: Readonly<Record<string, FigureValue>> = s.figures;
    const unusable = this.noteFindings(slot, s, checkFigures(template, figures));
    if (unusable !== undefined) figures = Object.fromEntries(Object.entries(figures).filter(([code]) => !unusable.has(code)));
    // Each figure found by walking the unit's own keys (a for-in over an object reads its values by the key cache:
    // faster than 40 lookups by name), the codes to their indicators by a map.
    for (const code in figures) {
      const value = figures[code];
      const indexes = this.indexesOf.get(code);
      if (value === undefined || indexes === undefined) continue;
      if (this.inherited.size > 0 && this.inherited.has(code) && !Object.prototype.hasOwnProperty.call(figures, code)) continue;
      for (let x = 0; x < indexes.length; x++) this.builders[indexes[x]].set(slot, value);
    }
    this.place(slot, s);
  }

  /**
   * add, for a submission whose figures are read as numbers (figure-row.ts): the same consolidation as add with
   * figuresOfRow(row), checked by checkFigureRow, its scalar and x/y figures read into the columns by their numbers.
   */
  addRow(slot: number, submission: Omit<ApprovedSubmission, 'figures'>, row: FigureRow): void {
    const s = this.claim(slot, submission as ApprovedSubmission);
    const unusable = this.noteFindings(slot, s, checkFigureRow(this.input.template, row));
    const { codes, kinds, start } = row.layout;
    const { numbers, qualifiers } = row;
    const indexes = this.layoutIndexes(row.layout);
    for (let i = 0; i < codes.length; i++) {
      const to = indexes[i];
      if (to === undefined || (unusable !== undefined && unusable.has(codes[i]))) continue;
      const kind = kinds[i];
      const q = qualifiers === undefined ? 0 : qualifierCodeOf(qualifiers[i]);
      const byNumbers = kind === ROW_SCALAR ? q !== OTHER_QUALIFIER : kind === ROW_RATIO && q === 0;
      if (byNumbers) {
        const a = numbers[start[i]];
        const b = kind === ROW_RATIO ? numbers[start[i] + 1] : 0;
        for (let x = 0; x < to.length; x++) this.builders[to[x]].setNumbers(slot, kind === ROW_RATIO ? RATIO : SCALAR, a, b, q);
      } else {
        const value = figureAt(row, i);
        for (let x = 0; x < to.length; x++) this.builders[to[x]].set(slot, value);
      }
    }
    this.place(slot, s);
  }

  /** The submission cleaned, once its slot is known to be free (RangeError) and its unit not added before (422). */
  private claim(slot: number, submission: ApprovedSubmission): ApprovedSubmission {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slots || this.units[slot] !== undefined) {
      throw new RangeError(`slot ${slot} is not a free slot of ${this.slots}`);
    }
    return cleanSubmission(submission, this.seen);
  }

  /** Keeps the unit's violations as its findings; the codes of its unusable figures (left out of the totals), if any. */
  private noteFindings(slot: number, s: ApprovedSubmission, violations: Violation[]): Set<string> | undefined {
    if (violations.length === 0) return undefined;
    const unusable = new Set(violations.filter((v) => v.source === 'figure').flatMap((v) => v.indicatorCodes));
    this.findings.set(
      slot,
      violations.map((violation) => ({
        kind: 'violation',
        violation,
        unitId: s.unitId,
        unitName: s.unitName,
        sourceEventId: s.sourceEventId,
        excludedFromTotals: violation.source === 'figure',
      })),
    );
    return unusable.size > 0 ? unusable : undefined;
  }

  private place(slot: number, s: Omit<ApprovedSubmission, 'figures'>): void {
    const { unitId, unitName, unitKind, sourceEventId, sourcePosition } = s;
    this.units[slot] = { unitId, unitName, unitKind, sourceEventId, sourcePosition };
  }

  /** Per position of a layout, the indexes of the indicators its code fills (undefined: none), once per layout. */
  private layoutIndexes(layout: FigureLayout): (readonly number[] | undefined)[] {
    let indexes = this.layouts.get(layout);
    if (indexes === undefined) {
      indexes = layout.codes.map((code) => this.indexesOf.get(code));
      this.layouts.set(layout, indexes);
    }
    return indexes;
  }

  /** The consolidation of the units added, listed by slot. */
  finish(): Consolidation {
    const { template } = this.input;
    const slots: number[] = [];
    const partUnits: PartUnit[] = [];
    const findings: ConsolidationFinding[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      const unit = this.units[slot];
      if (unit === undefined) continue;
      slots.push(slot);
      partUnits.push(unit);
      const found = this.findings.get(slot);
      if (found !== undefined) for (const f of found) findings.push(f);
    }
    // The contributing units, in report order; coverage lists the same objects (read-only), not copies per indicator.
    const units: ConsolidatedUnit[] = partUnits.map(({ unitId, unitName, unitKind }) => ({ unitId, unitName, unitKind }));
    const indicators = template.indicators.map((indicator, j): ConsolidatedIndicator => {
      const columns = this.builders[j].finish(partUnits, slots);
      const result = withParts(indicator, columns);
      const coverage = coverageOf(template, indicator, columns, units);
      if (coverage) result.coverage = coverage;
      const total =
        indicator.valueType === 'boolean'
          ? coverage!.total > 0
            ? { numerator: coverage!.covered.length, denominator: coverage!.total }
            : undefined
          : totalOf(indicator, columns, findings);
      if (total === undefined) return result;
      result.total = total;
      const comparison = compareWithPrevious(indicator, total, this.input);
      if (comparison) result.comparison = comparison;
      const plan = progressAgainstPlan(indicator, total, this.input.targets);
      if (plan) result.plan = plan;
      return result;
    });
    findings.push(...changeFindings(template, indicators));
    return { templateId: template.id, templateVersion: template.version, units, indicators, findings };
  }
}

/**
 * The submission with its unit id, name and kind cleaned (NFC, trimmed; 422 when blank), or 422
 * CONSOLIDATION_DUPLICATE_UNIT when `seen` has its unit (a cycle has one approved submission per unit). A copy only
 * when cleaning changed something (nothing writes to either).
 */
export function cleanSubmission(s: ApprovedSubmission, seen: Set<string>): ApprovedSubmission {
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
  return unitId === s.unitId && unitName === s.unitName && unitKind === s.unitKind ? s : { ...s, unitId, unitName, unitKind };
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
  const { rank } = columns;
  // By rank: 1 = reported, 2 = reported and reached.
  const state = new Uint8Array(units.length);
  const read = numberColumnOf(columns);
  for (let i = 0; i < rank.length; i++) {
    let reached: boolean;
    if (read === undefined) {
      const v = valueAt(columns, i);
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
function compareWithPrevious(indicator: Indicator, total: FigureValue, input: ConsolidatorInput): PreviousComparison | undefined {
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

function rejectUnknownCodes(input: ConsolidatorInput, known: ReadonlySet<string>): void {
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
