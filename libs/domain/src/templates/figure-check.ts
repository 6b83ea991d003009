import {
  isQualifier,
  isRatioValue,
  QUALIFIER_LABELS_VI,
  ruleIndicators,
  scalarOf,
  type FigureValue,
  type Indicator,
  type ReportTemplate,
  type Severity,
} from './report-template';
import { figureAt, ROW_OTHER, ROW_RATIO, type FigureLayout, type FigureRow } from './figure-row';
import { sumExact } from '../consolidation/exact-decimal';

export interface Violation {
  /** A rule's own code, or one of the built-in FIGURE_* codes. */
  code: string;
  severity: Severity;
  /** 'figure': a value that does not fit its indicator; 'rule': a template rule that failed. */
  source: 'figure' | 'rule';
  indicatorCodes: string[];
  messageVi: string;
  /** The values involved, for the reviewer's screen. */
  details?: Record<string, unknown>;
}

/**
 * Checks a unit's figures against a template. Built-in checks (always errors): unknown indicator, wrong
 * value shape (a number for a ratio indicator or the reverse, not a finite number), a fraction for an
 * integer indicator, a negative value (unless the indicator is `signed`), a zero denominator, a qualifier
 * the indicator does not allow. Then the template's rules, in template order, on the figures that passed
 * the built-in checks. Returns every violation; errors block a submission, warnings do not.
 */
export function checkFigures(template: ReportTemplate, figures: Readonly<Record<string, FigureValue>>): Violation[] {
  const violations: Violation[] = [];
  const { indicators, inherited } = indicatorsOf(template);
  // The figures that passed the built-in checks: all of them, but for the few codes in `unusable`.
  let unusable: Set<string> | undefined;

  const codes = Object.keys(figures);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const value = figures[code];
    const indicator = indicators.get(code);
    if (!indicator) {
      violations.push(figureError('FIGURE_UNKNOWN_INDICATOR', code, `Chỉ tiêu "${code}" không có trong mẫu báo cáo.`));
      (unusable ??= new Set()).add(code);
      continue;
    }
    if (figureProblems(indicator, value, violations)) (unusable ??= new Set()).add(code);
  }
  const usable = {
    has: (code: string): boolean => Object.prototype.hasOwnProperty.call(figures, code),
    get: (code: string): FigureValue | undefined => {
      if (unusable?.has(code)) return undefined;
      const value = figures[code];
      // A code naming an inherited property ('constructor') counts only as the figures' own.
      return value === undefined || !inherited.has(code) || Object.prototype.hasOwnProperty.call(figures, code) ? value : undefined;
    },
  };
  ruleViolations(template, usable, violations);
  return violations;
}

/**
 * checkFigures of a unit's figures read as numbers (figure-row.ts): the same violations, in the same order, as
 * checkFigures(template, figuresOfRow(row)), without making an object per figure. A scalar or x/y figure is checked
 * by its numbers (numberProblems: the same rules), anything else, and any figure of a table indicator, by its value.
 */
export function checkFigureRow(template: ReportTemplate, row: FigureRow): Violation[] {
  const violations: Violation[] = [];
  const index = indicatorsOf(template);
  const { codes, kinds, start, position } = row.layout;
  const { numbers, qualifiers } = row;
  // The indicators of the layout's codes, once per layout (the units of a cycle share a few dozen).
  let byPosition = index.layouts.get(row.layout);
  if (byPosition === undefined) index.layouts.set(row.layout, (byPosition = codes.map((code) => index.indicators.get(code))));
  let unusable: Set<string> | undefined;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const indicator = byPosition[i];
    let bad: boolean;
    if (!indicator) {
      violations.push(figureError('FIGURE_UNKNOWN_INDICATOR', code, `Chỉ tiêu "${code}" không có trong mẫu báo cáo.`));
      bad = true;
    } else if (kinds[i] === ROW_OTHER || indicator.valueType === 'table') {
      bad = figureProblems(indicator, figureAt(row, i), violations);
    } else {
      const wantsRatio = indicator.valueType === 'ratio';
      const ratio = kinds[i] === ROW_RATIO;
      const a = numbers[start[i]];
      const b = ratio ? numbers[start[i] + 1] : a;
      // The shape checkFigures asks for: the kind the indicator wants, its numbers finite.
      if (ratio !== wantsRatio || !isFiniteNumber(a) || !isFiniteNumber(b)) {
        violations.push(wrongType(indicator));
        bad = true;
      } else {
        bad = numberProblems(indicator, a, b, qualifiers?.[i], violations);
      }
    }
    if (bad) (unusable ??= new Set()).add(code);
  }
  const usable = {
    has: (code: string): boolean => position.has(code),
    get: (code: string): FigureValue | undefined => {
      const i = position.get(code);
      return i === undefined || unusable?.has(code) ? undefined : figureAt(row, i);
    },
  };
  ruleViolations(template, usable, violations);
  return violations;
}

/** The template's rules (in template order) on the figures that passed the built-in checks. */
function ruleViolations(
  template: ReportTemplate,
  usable: { has(code: string): boolean; get(code: string): FigureValue | undefined },
  violations: Violation[],
): void {
  for (const rule of template.rules) {
    // Made only for a failed rule (this runs per rule for each of a cycle's units when the draft re-checks them).
    const base = () => ({ code: rule.code, severity: rule.severity, source: 'rule' as const, messageVi: rule.messageVi });
    switch (rule.kind) {
      case 'gte': {
        const left = scalar(usable.get(rule.left));
        const right = scalar(usable.get(rule.right));
        if (left !== undefined && right !== undefined && left < right) {
          violations.push({ ...base(), indicatorCodes: [rule.left, rule.right], details: { [rule.left]: left, [rule.right]: right } });
        }
        break;
      }
      case 'ratio_le': {
        const v = usable.get(rule.indicator);
        if (v && isRatioValue(v) && v.numerator > v.denominator) {
          violations.push({ ...base(), indicatorCodes: [rule.indicator], details: { numerator: v.numerator, denominator: v.denominator } });
        }
        break;
      }
      case 'required':
        if (!usable.has(rule.indicator)) {
          violations.push({ ...base(), indicatorCodes: [rule.indicator] });
        }
        break;
      case 'non_negative': {
        const v = scalar(usable.get(rule.indicator));
        if (v !== undefined && v < 0) violations.push({ ...base(), indicatorCodes: [rule.indicator], details: { value: v } });
        break;
      }
      case 'sum_of_parts': {
        const total = scalar(usable.get(rule.total));
        const parts = rule.parts.map((c) => scalar(usable.get(c)));
        if (total === undefined || parts.some((p) => p === undefined)) break;
        const sum = sumExact(parts as number[]);
        if (sum !== total) {
          violations.push({ ...base(), indicatorCodes: [rule.total, ...rule.parts], details: { total, sumOfParts: sum } });
        }
        break;
      }
      case 'change_vs_previous':
        // Compares consolidated totals with the previous period: see checkChanges in consolidation.
        break;
      default: {
        const unknown: never = rule;
        throw new Error(`unknown rule kind: ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/**
 * A template's indicators by code, and the codes its rules name that every object inherits ('constructor'), indexed
 * once per template (a draft checks 20,000 units' figures against one).
 */
interface TemplateIndex {
  indicators: ReadonlyMap<string, Indicator>;
  inherited: ReadonlySet<string>;
  /** Per FigureLayout checked against the template, the indicator of each position. */
  layouts: WeakMap<FigureLayout, readonly (Indicator | undefined)[]>;
}
const INDEXES = new WeakMap<
  ReportTemplate,
  TemplateIndex & { of: readonly Indicator[]; rules: ReportTemplate['rules']; ruleCount: number }
>();
function indicatorsOf(template: ReportTemplate): TemplateIndex {
  let index = INDEXES.get(template);
  const { indicators, rules } = template;
  if (
    !index ||
    index.of !== indicators ||
    index.rules !== rules ||
    index.ruleCount !== rules.length ||
    index.indicators.size !== indicators.length
  ) {
    const named = template.rules.flatMap((r) => ruleIndicators(r));
    index = {
      of: indicators,
      rules,
      ruleCount: rules.length,
      indicators: new Map(indicators.map((i) => [i.code, i] as const)),
      inherited: new Set(named.filter((code) => code in Object.prototype)),
      layouts: new WeakMap(),
    };
    INDEXES.set(template, index);
  }
  return index;
}

export function errorsOf(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'error');
}

export function warningsOf(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'warning');
}

/**
 * Adds the problems of one figure to `problems`; whether there were any. (No array per figure: this runs for every
 * figure of every unit when a draft re-checks a cycle.)
 */
function figureProblems(indicator: Indicator, raw: unknown, problems: Violation[]): boolean {
  const { code, name } = indicator;
  if (indicator.valueType === 'table') {
    const found = tableProblems(indicator, raw);
    for (const p of found) problems.push(p);
    return found.length > 0;
  }
  const wantsRatio = indicator.valueType === 'ratio';
  const value = raw as Partial<Record<'value' | 'numerator' | 'denominator' | 'qualifier', unknown>> | null;
  const shapeOk =
    typeof value === 'object' &&
    value !== null &&
    (wantsRatio
      ? isFiniteNumber(value.numerator) && isFiniteNumber(value.denominator) && !('value' in value)
      : isFiniteNumber(value.value) && !('numerator' in value) && !('denominator' in value));
  if (!shapeOk) {
    problems.push(wrongType(indicator));
    return true;
  }
  // The one number, or a ratio's two (a scalar is checked as the pair a, a).
  const a = (wantsRatio ? value.numerator : value.value) as number;
  const b = (wantsRatio ? value.denominator : value.value) as number;
  return numberProblems(indicator, a, b, value.qualifier, problems);
}

function wrongType(indicator: Indicator): Violation {
  const { code, name } = indicator;
  return figureError(
    'FIGURE_WRONG_TYPE',
    code,
    indicator.valueType === 'ratio' ? `Chỉ tiêu "${name}" phải có dạng tử số/mẫu số (ví dụ 72/72).` : `Chỉ tiêu "${name}" phải là một số.`,
  );
}

/**
 * Adds the problems of a figure of the right shape (finite numbers: a ratio's a/b, or a scalar as the pair a, a) to
 * `problems`; whether there were any. No array or callback per figure: this runs for every figure of every unit when a
 * draft re-checks a cycle.
 */
function numberProblems(indicator: Indicator, a: number, b: number, qualifier: unknown, problems: Violation[]): boolean {
  const { code, name } = indicator;
  const wantsRatio = indicator.valueType === 'ratio';
  const before = problems.length;
  if ((indicator.valueType === 'integer' || wantsRatio) && (a % 1 !== 0 || b % 1 !== 0)) {
    problems.push(figureError('FIGURE_NOT_INTEGER', code, `Chỉ tiêu "${name}" phải là số nguyên.`));
  }
  if (indicator.valueType === 'boolean' && ((a !== 0 && a !== 1) || (b !== 0 && b !== 1))) {
    problems.push(figureError('FIGURE_NOT_YES_NO', code, `Chỉ tiêu "${name}" chỉ nhận "có" (1) hoặc "không" (0).`));
  }
  if (indicator.valueType === 'percent' && (a > 100 || b > 100)) {
    problems.push(figureError('FIGURE_PERCENT_OVER_100', code, `Chỉ tiêu "${name}" là tỷ lệ phần trăm, không thể lớn hơn 100.`));
  }
  if ((wantsRatio || !indicator.signed) && (a < 0 || b < 0)) {
    problems.push(figureError('FIGURE_NEGATIVE', code, `Chỉ tiêu "${name}" không được là số âm.`));
  }
  if (wantsRatio && b === 0) {
    problems.push(figureError('FIGURE_ZERO_DENOMINATOR', code, `Chỉ tiêu "${name}" có mẫu số bằng 0.`));
  }
  if (qualifier !== undefined) {
    const q = qualifier;
    if (!isQualifier(q) || !indicator.allowedQualifiers.includes(q)) {
      const label = isQualifier(q) ? QUALIFIER_LABELS_VI[q] : String(q);
      problems.push(figureError('FIGURE_QUALIFIER_NOT_ALLOWED', code, `Chỉ tiêu "${name}" không được ghi kèm "${label}".`));
    }
  }
  return problems.length > before;
}

/** A finite number (v − v is 0 for every finite number, NaN for NaN and ±Infinity). */
function isFiniteNumber(n: unknown): n is number {
  return typeof n === 'number' && n - n === 0;
}

function scalar(value: FigureValue | undefined): number | undefined {
  return scalarOf(value);
}

/** A table's value: { cells: { COL: n } } (rowSource 'units') or { rows: { ROW: { COL: n } } } ('fixed'), known codes, numbers that fit their column. */
function tableProblems(indicator: Indicator, raw: unknown): Violation[] {
  const { code, name } = indicator;
  const spec = indicator.table;
  const value = raw as { cells?: unknown; rows?: unknown } | null;
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!spec || !isRecord(value)) return [figureError('FIGURE_WRONG_TYPE', code, `Chỉ tiêu "${name}" phải là một bảng số liệu.`)];
  const rowsOf: [string, unknown][] =
    spec.rowSource === 'units'
      ? isRecord(value.cells) && value.rows === undefined
        ? [['', value.cells]]
        : []
      : isRecord(value.rows) && value.cells === undefined
        ? Object.entries(value.rows)
        : [];
  if (rowsOf.length === 0) {
    return [
      figureError(
        'FIGURE_WRONG_TYPE',
        code,
        spec.rowSource === 'units'
          ? `Chỉ tiêu "${name}" phải có dạng { cells: { mã cột: số } }.`
          : `Chỉ tiêu "${name}" phải có dạng { rows: { mã dòng: { mã cột: số } } }.`,
      ),
    ];
  }
  const columns = new Map(spec.columns.map((c) => [c.code, c] as const));
  const rows = new Set((spec.rows ?? []).map((r) => r.code));
  const problems: Violation[] = [];
  for (const [row, cells] of rowsOf) {
    if (spec.rowSource === 'fixed' && !rows.has(row)) {
      problems.push(figureError('FIGURE_TABLE_ROW_UNKNOWN', code, `Bảng "${name}" không có dòng "${row}".`));
      continue;
    }
    if (!isRecord(cells)) {
      problems.push(figureError('FIGURE_WRONG_TYPE', code, `Bảng "${name}", dòng "${row}": phải là các ô số liệu.`));
      continue;
    }
    for (const [col, n] of Object.entries(cells)) {
      const column = columns.get(col);
      if (!column) {
        problems.push(figureError('FIGURE_TABLE_COLUMN_UNKNOWN', code, `Bảng "${name}" không có cột "${col}".`));
      } else if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
        problems.push(figureError('FIGURE_TABLE_CELL_INVALID', code, `Bảng "${name}", cột "${column.label}": phải là số không âm.`));
      } else if (column.valueType === 'integer' && !Number.isInteger(n)) {
        problems.push(figureError('FIGURE_NOT_INTEGER', code, `Bảng "${name}", cột "${column.label}": phải là số nguyên.`));
      } else if (column.valueType === 'percent' && n > 100) {
        problems.push(figureError('FIGURE_PERCENT_OVER_100', code, `Bảng "${name}", cột "${column.label}": tỷ lệ không thể lớn hơn 100.`));
      }
    }
  }
  return problems;
}

function figureError(code: string, indicatorCode: string, messageVi: string): Violation {
  return { code, severity: 'error', source: 'figure', indicatorCodes: [indicatorCode], messageVi };
}
