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
  /**
   * The heading text. May name the period: '{period}' ('9 tháng năm 2026'), '{next}' ('3 tháng cuối năm
   * 2026' after a 9-month report, 'năm 2027' after an annual one); see periodWords.
   */
  title: string;
  children?: Section[];
  /**
   * A part ("Phần thứ nhất / KẾT QUẢ …"), top level only: its children are numbered I, II … afresh in it.
   * Without parts the top-level sections are I, II ….
   */
  part?: boolean;
  /** Kinds of unit that answer this section (and its indicators); absent: every unit. */
  unitKinds?: string[];
  /** A sentence opening the section in the draft ('{period}', '{next}' allowed). */
  intro?: string;
  /** A part's sections numbered I, II … ('roman', default) or 1, 2 … ('arabic', as a Front programme's Phần thứ hai). */
  numbering?: 'roman' | 'arabic';
}

export type Aggregation = 'sum' | 'ratio' | 'none';
/**
 * integer, decimal: a number; money: a decimal amount in `unit` (đồng, triệu đồng, tỷ đồng); ratio: x/y
 * coverage; boolean: yes/no per unit, as { value: 1 } (yes) or { value: 0 } (no), consolidating to the x/y
 * of the units answering yes; percent: 0–100, not added up; table: rows × columns (an annex).
 */
export type ValueType = 'integer' | 'decimal' | 'money' | 'ratio' | 'boolean' | 'percent' | 'table';

/** Money units and the power of ten from the unit to đồng. */
export const MONEY_UNITS = ['đồng', 'triệu đồng', 'tỷ đồng'] as const;
export type MoneyUnitName = (typeof MONEY_UNITS)[number];

/** How a yes/no or x/y coverage indicator is written: "13/13 xã, thị trấn đã …", "còn 5/13 xã, thị trấn chưa … (…)". */
export interface CoverageWording {
  /** The population's noun: 'xã, thị trấn'. */
  noun: string;
  /** What a unit answering yes did: 'tổ chức hội nghị phản biện xã hội'. */
  activity: string;
}

export interface TableColumn {
  code: string;
  label: string;
  valueType: 'integer' | 'decimal' | 'percent';
  /** 'sum': the annex's total row adds the column up; 'none': left blank in the total row, unless `total` says how. */
  aggregation: 'sum' | 'none';
  /**
   * How a percent column's total is computed (aggregation 'none'): 'weighted' — Σ(value × weight) / Σ weight,
   * weights from the column `by`; 'ratio' — Σ numerator / Σ denominator × 100, from two count columns.
   */
  total?: PercentTotalRule;
}

export type PercentTotalRule = { kind: 'weighted'; by: string } | { kind: 'ratio'; numerator: string; denominator: string };

export interface TableSpec {
  /**
   * 'units': each unit submits its own row ({ cells: { COL: n } }), the annex lists the units in report order;
   * 'fixed': each unit submits every row of `rows` ({ rows: { ROW: { COL: n } } }), the annex adds them up.
   */
  rowSource: 'units' | 'fixed';
  rows?: { code: string; label: string }[];
  columns: TableColumn[];
  /** Header of the first column: 'Tổ chức', 'Nội dung'. */
  rowHeader: string;
  /** Label of the total row; absent: no total row. */
  totalLabel?: string;
}

/** An indicator's own wording in the draft (see IndicatorPhrase in consolidation/wording). */
export interface IndicatorWording {
  part?: string;
  total?: string;
  /** A unit kind's own part wording ('DTN': '{unit} kết nạp {HV_KET_NAP} đoàn viên mới'). */
  partByKind?: Record<string, string>;
  /** 'nhà' instead of the unit for counts; 'đồng', 'triệu đồng', 'tỷ đồng' for money. */
  noun?: string;
}

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
  /** Money: the unit the report writes the total in (entered and summed exactly in `unit`). */
  displayUnit?: MoneyUnitName;
  /** boolean and ratio indicators: the coverage line. */
  coverage?: CoverageWording;
  /** table indicators: the rows and columns. */
  table?: TableSpec;
  /** Annex title of a table indicator: 'Phụ lục: Kết quả tập hợp quần chúng …'. */
  annexTitle?: string;
  wording?: IndicatorWording;
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
export interface GteRule extends RuleBase {
  kind: 'gte';
  left: string;
  right: string;
}
/** numerator ≤ denominator of a ratio indicator. */
export interface RatioLeRule extends RuleBase {
  kind: 'ratio_le';
  indicator: string;
}
/** The indicator must be reported (zero is a value; absence is not). */
export interface RequiredRule extends RuleBase {
  kind: 'required';
  indicator: string;
}
/** The value must not be below zero: meaningful for `signed` indicators, which otherwise may be. */
export interface NonNegativeRule extends RuleBase {
  kind: 'non_negative';
  indicator: string;
}

/** A stated total must equal the sum of its parts: total = Σ parts (checked when the total and every part are given). */
export interface SumOfPartsRule extends RuleBase {
  kind: 'sum_of_parts';
  total: string;
  parts: string[];
}
/**
 * The consolidated total moves more than `thresholdPercent` % against the previous period (a warning for the
 * reviewer; checked when the cycle links to a previous cycle).
 */
export interface ChangeRule extends RuleBase {
  kind: 'change_vs_previous';
  indicator: string;
  thresholdPercent: number;
}

export type ValidationRule = GteRule | RatioLeRule | RequiredRule | NonNegativeRule | SumOfPartsRule | ChangeRule;

/** How the office's document is laid out and worded (every field optional; defaults from the cycle). */
export interface TemplateDocument {
  /** 'party': "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 456-BC/HU", headings "I- "; 'state': the national motto, "Số: …/BC-UBND", headings "I. ". */
  scheme?: 'party' | 'state';
  /** Trích yếu; '{period}', '{next}', '{request}' (the requesting document) allowed. */
  title?: string;
  /** The opening paragraph; '{request}' = 'Thực hiện Công văn số … ngày … của …'. */
  opening?: string;
  /** The closing paragraph before Nơi nhận. */
  closing?: string;
  /** On behalf of whom the signer signs: 'BAN THƯỜNG VỤ', 'ỦY BAN NHÂN DÂN', 'BAN THƯỜNG TRỰC'. */
  onBehalfOf?: string;
  /** Nơi nhận lines outside the registry, after the superior's line ('Thường trực Huyện ủy (b/c)'). */
  recipients?: { name: string; purpose?: 'b/c' | 'đ/b' | 't/d' }[];
  /** 'VT', 'NV' (state) or 'Văn phòng Huyện ủy' (party); default from the scheme. */
  archive?: string[];
}

export interface ReportTemplate {
  id: string;
  /** Positive integer; (id, version) identifies the template a cycle uses. */
  version: number;
  title: string;
  sections: Section[];
  indicators: Indicator[];
  rules: ValidationRule[];
  document?: TemplateDocument;
}

export type ScalarValue = { value: number; qualifier?: Qualifier };
export type RatioValue = { numerator: number; denominator: number; qualifier?: Qualifier };
/** A 'table' indicator's value: one unit's own row (rowSource 'units') or every row (rowSource 'fixed'). */
export type TableValue = { cells?: Record<string, number>; rows?: Record<string, Record<string, number>>; qualifier?: undefined };
export type FigureValue = ScalarValue | RatioValue | TableValue;
/** Figures of one submission, keyed by indicator code. */
export type Figures = Record<string, FigureValue>;

export function isRatioValue(value: FigureValue): value is RatioValue {
  return 'numerator' in value;
}

export function isTableValue(value: FigureValue): value is TableValue {
  return 'cells' in value || 'rows' in value;
}

/** A number of a scalar value (integer, decimal, money, boolean 0/1, percent); undefined for ratios and tables. */
export function scalarOf(value: FigureValue | undefined): number | undefined {
  return value && !isRatioValue(value) && !isTableValue(value) ? (value as ScalarValue).value : undefined;
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
  if (rule.kind === 'gte') return [rule.left, rule.right];
  if (rule.kind === 'sum_of_parts') return [rule.total, ...rule.parts];
  return [rule.indicator];
}

/** The section with `code`, anywhere in the tree. */
export function findSection(template: ReportTemplate, code: string): Section | undefined {
  return flattenSections(template.sections).find((s) => s.code === code);
}

/**
 * The unit kinds an indicator or section applies to: the nearest `unitKinds` on the path from the top of the
 * tree down to the section (undefined: every kind).
 */
export function unitKindsOfSection(template: ReportTemplate, code: string): string[] | undefined {
  const walk = (sections: readonly Section[], inherited: string[] | undefined): string[] | undefined | null => {
    for (const s of sections) {
      const here = s.unitKinds ?? inherited;
      if (s.code === code) return here;
      const found = walk(s.children ?? [], here);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(template.sections, undefined) ?? undefined;
}

/** Whether a unit of `kind` answers the section (or the indicators of the section) `code`. */
export function sectionAppliesTo(template: ReportTemplate, code: string, kind: string): boolean {
  const kinds = unitKindsOfSection(template, code);
  return kinds === undefined || kinds.includes(kind);
}

/** The template as a unit of `kind` sees it: only its sections and their indicators and rules. */
export function templateForUnitKind(template: ReportTemplate, kind: string): ReportTemplate {
  const keep = (sections: readonly Section[], inherited: string[] | undefined): Section[] =>
    sections
      .filter((s) => (s.unitKinds ?? inherited) === undefined || (s.unitKinds ?? inherited)!.includes(kind))
      .map((s) => ({ ...s, ...(s.children ? { children: keep(s.children, s.unitKinds ?? inherited) } : {}) }));
  const sections = keep(template.sections, undefined);
  const codes = new Set(flattenSections(sections).map((s) => s.code));
  const indicators = template.indicators.filter((i) => codes.has(i.sectionCode));
  const indicatorCodes = new Set(indicators.map((i) => i.code));
  const rules = template.rules.filter((r) => ruleIndicators(r).every((c) => indicatorCodes.has(c)));
  return { ...template, sections, indicators, rules };
}

/** Two figure values are the same value with the same qualifier. */
export function sameFigure(a: FigureValue, b: FigureValue): boolean {
  if ((a.qualifier ?? null) !== (b.qualifier ?? null)) return false;
  if (isTableValue(a) || isTableValue(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (isRatioValue(a) && isRatioValue(b)) return a.numerator === b.numerator && a.denominator === b.denominator;
  if (!isRatioValue(a) && !isRatioValue(b)) return (a as ScalarValue).value === (b as ScalarValue).value;
  return false;
}
