import { formatNumberVi } from '@domain/format';
import { checkFigures, type Violation } from '@domain/templates/figure-check';
import {
  flattenSections,
  isRatioValue,
  isTableValue,
  QUALIFIER_LABELS_VI,
  type FigureValue,
  type Figures,
  type Indicator,
  type Qualifier,
  type ReportTemplate,
  type Section,
} from '@domain/templates/report-template';

/**
 * The submission form's model: what the user typed (text, so "1.234,5" and half-typed numbers survive), the
 * figures it means, and the template's checks on them — checkFigures, the very function the server's
 * submission decider runs.
 */
export { QUALIFIER_LABELS_VI, type Qualifier, type ReportTemplate, type Section, type Indicator, type Violation };

/** One indicator as typed: a value, or a numerator and denominator (x/y coverage), and the qualifier. */
export interface Entry {
  value?: string;
  numerator?: string;
  denominator?: string;
  qualifier?: Qualifier;
  /** A table indicator: the unit's own row (column → text) or every fixed row (row → column → text). */
  cells?: Record<string, string>;
  rows?: Record<string, Record<string, string>>;
}
export type Entries = Record<string, Entry>;

export interface FormState {
  entries: Entries;
  narrative: Record<string, string>;
}

export interface SubmissionContent {
  figures: Figures;
  narrative: Record<string, string>;
}

/** "1.234,5" / "1234,5" / "1234.5" / "-12" → number; '' → undefined; anything else → NaN. */
export function parseViNumber(text: string | undefined): number | undefined {
  const t = (text ?? '').trim().replace(/\s/g, '');
  if (t === '') return undefined;
  let normalized: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t))
    normalized = t.replace(/\./g, '').replace(',', '.'); // 1.234.567,5
  else if (/^-?\d+(,\d+)?$/.test(t))
    normalized = t.replace(',', '.'); // 1234,5
  else if (/^-?\d+\.\d{1,2}$/.test(t))
    normalized = t; // 1234.5 typed with a dot (not a thousands group)
  else return Number.NaN;
  return Number(normalized);
}

/** A number as the form shows it: 1234.5 → '1.234,5'. */
export const showNumber = (n: number): string => formatNumberVi(n);

/** The form's entries for saved figures. */
export function entriesOf(figures: Record<string, unknown> | undefined): Entries {
  const entries: Entries = {};
  for (const [code, raw] of Object.entries(figures ?? {})) {
    const f = raw as FigureValue;
    if (!f || typeof f !== 'object') continue;
    if (isTableValue(f)) {
      entries[code] = tableEntry(f);
      continue;
    }
    entries[code] = isRatioValue(f)
      ? { numerator: showNumber(f.numerator), denominator: showNumber(f.denominator), qualifier: f.qualifier }
      : { value: showNumber(f.value), qualifier: f.qualifier };
  }
  return entries;
}

/** Entries that are not numbers yet (text, half a ratio): shown at the field, they block submitting. */
export function typingProblems(template: ReportTemplate, entries: Entries): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const ind of template.indicators) {
    const e = entries[ind.code];
    if (!e) continue;
    if (ind.valueType === 'table') {
      if (tableTexts(e).some((t) => Number.isNaN(parseViNumber(t))))
        problems[ind.code] = 'Các ô của bảng chỉ nhập chữ số (ví dụ 1.250 hoặc 12,5).';
    } else if (ind.valueType === 'ratio') {
      const n = parseViNumber(e.numerator);
      const d = parseViNumber(e.denominator);
      if (Number.isNaN(n) || Number.isNaN(d)) problems[ind.code] = 'Chỉ nhập chữ số (ví dụ 72 hoặc 1.250).';
      else if ((n === undefined) !== (d === undefined)) problems[ind.code] = 'Nhập cả số đạt và tổng số.';
    } else if (Number.isNaN(parseViNumber(e.value))) {
      problems[ind.code] = 'Chỉ nhập chữ số (ví dụ 1.250 hoặc 12,5).';
    }
  }
  return problems;
}

/** The figures the entries mean (only complete numbers; a qualifier without a number is dropped). */
export function figuresOf(template: ReportTemplate, entries: Entries): Figures {
  const figures: Figures = {};
  for (const ind of template.indicators) {
    const e = entries[ind.code];
    if (!e) continue;
    const q = e.qualifier ? { qualifier: e.qualifier } : {};
    if (ind.valueType === 'table') {
      const table = tableFigure(e);
      if (table) figures[ind.code] = table;
    } else if (ind.valueType === 'ratio') {
      const n = parseViNumber(e.numerator);
      const d = parseViNumber(e.denominator);
      if (n !== undefined && d !== undefined && !Number.isNaN(n) && !Number.isNaN(d))
        figures[ind.code] = { numerator: n, denominator: d, ...q };
    } else {
      const v = parseViNumber(e.value);
      if (v !== undefined && !Number.isNaN(v)) figures[ind.code] = { value: v, ...q };
    }
  }
  return figures;
}

/** What goes to the server: figures and the non-empty narratives. */
export function contentOf(template: ReportTemplate, state: FormState): SubmissionContent {
  const narrative: Record<string, string> = {};
  for (const [code, text] of Object.entries(state.narrative)) if (text.trim() !== '') narrative[code] = text.normalize('NFC');
  return { figures: figuresOf(template, state.entries), narrative };
}

export interface Checked {
  violations: Violation[];
  /** Per indicator: the violations shown at its field (a rule on two figures shows at the first). */
  byIndicator: Record<string, Violation[]>;
  typing: Record<string, string>;
  errorCount: number;
  warnings: Violation[];
}

/** The template's checks on what is typed (the server runs the same checkFigures on submit). */
export function check(template: ReportTemplate, state: FormState): Checked {
  const violations = checkFigures(template, figuresOf(template, state.entries));
  const typing = typingProblems(template, state.entries);
  const byIndicator: Record<string, Violation[]> = {};
  for (const v of violations) {
    const at = v.indicatorCodes[0];
    (byIndicator[at] ??= []).push(v);
  }
  const errors = violations.filter((v) => v.severity === 'error').length + Object.keys(typing).length;
  return { violations, byIndicator, typing, errorCount: errors, warnings: violations.filter((v) => v.severity === 'warning') };
}

/** Sections that take a narrative: those without sub-sections. */
export function narrativeSections(template: ReportTemplate): Section[] {
  return flattenSections(template.sections).filter((s) => !s.children || s.children.length === 0);
}

export function sectionTitle(template: ReportTemplate, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const s = flattenSections(template.sections).find((x) => x.code === code);
  return s ? `${s.code}. ${s.title}` : undefined;
}

/** A figure as a sentence part: 'trên 9.800 lượt người', '70/72 khu dân cư'. */
export function describeFigure(indicator: Indicator, f: FigureValue): string {
  if (isTableValue(f)) return `Bảng số liệu (${indicator.unit})`;
  if (indicator.valueType === 'boolean' && !isRatioValue(f)) return f.value === 1 ? 'Có' : 'Không';
  const q = f.qualifier ? `${QUALIFIER_LABELS_VI[f.qualifier]} ` : '';
  return isRatioValue(f)
    ? `${q}${showNumber(f.numerator)}/${showNumber(f.denominator)} ${indicator.unit}`
    : `${q}${showNumber(f.value)} ${indicator.unit}`;
}

const numbersOf = (texts: Record<string, string> | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, t] of Object.entries(texts ?? {})) {
    const n = parseViNumber(t);
    if (n !== undefined && !Number.isNaN(n)) out[k] = n;
  }
  return out;
};

/** Every cell typed in a table entry. */
function tableTexts(e: Entry): string[] {
  return [...Object.values(e.cells ?? {}), ...Object.values(e.rows ?? {}).flatMap((r) => Object.values(r))];
}

/** A table entry's figure: { cells } or { rows } of the numbers typed (undefined when no cell holds one). */
function tableFigure(e: Entry): FigureValue | undefined {
  if (e.rows) {
    const rows = Object.fromEntries(
      Object.entries(e.rows)
        .map(([r, cols]) => [r, numbersOf(cols)])
        .filter(([, cols]) => Object.keys(cols).length > 0),
    );
    return Object.keys(rows).length > 0 ? { rows } : undefined;
  }
  const cells = numbersOf(e.cells);
  return Object.keys(cells).length > 0 ? { cells } : undefined;
}

function tableEntry(f: { cells?: Record<string, number>; rows?: Record<string, Record<string, number>> }): Entry {
  const texts = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, n]) => [k, showNumber(n)]));
  return f.rows
    ? { rows: Object.fromEntries(Object.entries(f.rows).map(([r, cols]) => [r, texts(cols)])) }
    : { cells: texts(f.cells ?? {}) };
}

const PART_ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/**
 * A section's number as a reader sees it: 'Phần thứ nhất' for a part, else its code ('II.3'). Its title with
 * the period words the draft fills in ('{period}', '{next}') in general terms, since a form is not yet a report.
 */
export function sectionHeading(
  template: Pick<ReportTemplate, 'sections'>,
  section: Pick<Section, 'code' | 'title' | 'part'>,
): { number: string; title: string } {
  const i = template.sections.findIndex((s) => s.code === section.code);
  const number = section.part && i >= 0 ? `Phần thứ ${PART_ORDINALS[i] ?? i + 1}` : section.code;
  return { number, title: section.title.replace(/\{period\}/g, 'kỳ báo cáo này').replace(/\{next\}/g, 'kỳ tới') };
}
