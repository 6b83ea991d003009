/**
 * Report templates: versioned data describing a report's skeleton (sections), the figures asked for
 * (indicators) and the consistency rules between them. A published version never changes; a change is a
 * new version.
 */

export const QUALIFIERS = ['tren', 'gan', 'uoc_dat', 'luy_ke'] as const;
/** How a figure is meant: "trên/hơn" (more than), "gần" (nearly), "ước đạt" (estimated), "lũy kế" (cumulative). */
export type Qualifier = (typeof QUALIFIERS)[number];

export const QUALIFIER_LABELS_VI: Readonly<Record<Qualifier, string>> = {
  tren: 'trên',
  gan: 'gần',
  uoc_dat: 'ước đạt',
  luy_ke: 'lũy kế',
};

export function isQualifier(value: unknown): value is Qualifier {
  return typeof value === 'string' && (QUALIFIERS as readonly string[]).includes(value);
}

export interface Section {
  /** Unique across the whole tree: 'I', 'I.1', 'II.3' … */
  code: string;
  title: string;
  children?: Section[];
}

export type Aggregation = 'sum' | 'ratio' | 'none';
export type ValueType = 'integer' | 'decimal' | 'ratio';

export interface Indicator {
  /** UPPER_SNAKE, e.g. 'TT_BUOI'. */
  code: string;
  /** Vietnamese name, e.g. 'Số buổi tuyên truyền'. */
  name: string;
  /** Unit of measure: 'buổi', 'lượt người', 'triệu đồng', 'căn' … */
  unit: string;
  sectionCode: string;
  /** How values from several units consolidate: add up, add numerators and denominators, or not at all. */
  aggregation: Aggregation;
  /** 'ratio' values are { numerator, denominator } (coverage such as 72/72 khu dân cư). */
  valueType: ValueType;
  allowedQualifiers: Qualifier[];
  /** The value may be below zero (a change such as "giảm so với cùng kỳ"); counts and money never are. */
  signed?: boolean;
}

export type Severity = 'error' | 'warning';

interface RuleBase {
  /** Unique within the template, e.g. 'R_TT_LUOT_GTE_BUOI'. */
  code: string;
  /** 'error' blocks a submission; 'warning' is recorded and shown to the reviewer. */
  severity: Severity;
  messageVi: string;
}

/** left ≥ right, e.g. attendances ≥ sessions. Checked only when both figures are given. */
export interface GteRule extends RuleBase { kind: 'gte'; left: string; right: string }
/** numerator ≤ denominator of a ratio indicator. */
export interface RatioLeRule extends RuleBase { kind: 'ratio_le'; indicator: string }
/** The indicator must be reported (zero is a value; absence is not). */
export interface RequiredRule extends RuleBase { kind: 'required'; indicator: string }
/** The value must not be below zero: meaningful for `signed` indicators, which otherwise may be. */
export interface NonNegativeRule extends RuleBase { kind: 'non_negative'; indicator: string }

export type ValidationRule = GteRule | RatioLeRule | RequiredRule | NonNegativeRule;

export interface ReportTemplate {
  id: string;
  /** Positive integer; (id, version) identifies the template a cycle uses. */
  version: number;
  title: string;
  sections: Section[];
  indicators: Indicator[];
  rules: ValidationRule[];
}

export type ScalarValue = { value: number; qualifier?: Qualifier };
export type RatioValue = { numerator: number; denominator: number; qualifier?: Qualifier };
export type FigureValue = ScalarValue | RatioValue;
/** Figures of one submission, keyed by indicator code. */
export type Figures = Record<string, FigureValue>;

export function isRatioValue(value: FigureValue): value is RatioValue {
  return 'numerator' in value;
}

/** All sections of the tree, depth-first in document order. */
export function flattenSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.children ?? [])]);
}

export function findIndicator(template: ReportTemplate, code: string): Indicator | undefined {
  return template.indicators.find((i) => i.code === code);
}

/** Indicator codes referenced by a rule. */
export function ruleIndicators(rule: ValidationRule): string[] {
  return rule.kind === 'gte' ? [rule.left, rule.right] : [rule.indicator];
}

/** Two figure values are the same value with the same qualifier. */
export function sameFigure(a: FigureValue, b: FigureValue): boolean {
  if ((a.qualifier ?? null) !== (b.qualifier ?? null)) return false;
  if (isRatioValue(a) && isRatioValue(b)) return a.numerator === b.numerator && a.denominator === b.denominator;
  if (!isRatioValue(a) && !isRatioValue(b)) return a.value === b.value;
  return false;
}
