import { formatPercentVi } from '../format/vietnamese-format';
import { invalid } from '../shared/domain-error';
import { nfc } from '../shared/text';
import { isRatioValue, scalarOf, type FigureValue, type Indicator } from '../templates/report-template';
import { consolidatedIndicator, partOfUnit } from './consolidate';
import type { ConsolidatedIndicator, Consolidation } from './consolidation.model';
import { formatAmount, formatFigure, type FigureFormat } from './figure-format';

/**
 * How one indicator is worded in the report: a per-unit part for the breakdown (usually a footnote) and
 * a total sentence for the body. Templates are plain text with placeholders:
 *
 * - `{unit}` — the unit's short name (parts only);
 * - `{CODE}` — the figure of indicator CODE, qualifier and noun included ('trên 100 triệu đồng', '07 nhà'):
 *   in a part, that unit's own figure; in the total, the consolidated total. A part may name other
 *   indicators than the one it is about ('{TT_BUOI} … cho {TT_LUOT_NGUOI}');
 * - `{CODE:change}` — 'tăng 5 buổi so với cùng kỳ' / 'giảm …' / 'bằng cùng kỳ' (total only);
 * - `{CODE:ratio}` — 'bằng 145,2% so với cùng kỳ' (total only);
 * - `{CODE:plan}` — 'đạt 98,3% kế hoạch' (total only);
 * - `{CODE:bare}` — the number with its qualifier but no noun ('trên 215'), for a noun the phrase writes itself;
 * - `{breakdown}` — the breakdown text of the same phrase (total only).
 */
export interface IndicatorPhrase {
  /** One unit's part: '{NDDK_CAN} do {unit} tài trợ, trị giá {NDDK_GIA_TRI}'. Default '{unit} {CODE}'. */
  part?: string;
  /** A unit's own wording, replacing `part` for that unit id. */
  partByUnit?: Readonly<Record<string, string>>;
  /** Between parts; default '; ' (the seed reports' footnotes). */
  separator?: string;
  /** Before the first part and after the last: 'Vận động ' … '.'. */
  prefix?: string;
  suffix?: string;
  /** The total sentence; default '{CODE}'. */
  total?: string;
  /** How each indicator's numbers are written (noun, zero padding, money unit). */
  formats?: Readonly<Record<string, FigureFormat>>;
  /** Keep parts whose value is zero ('Hội CCB tổ chức 0 buổi'); default false: they are left out. */
  includeZero?: boolean;
}

export interface BreakdownPart {
  unitId: string;
  text: string;
}

export interface SkippedPart {
  unitId: string;
  unitName: string;
  /** 'zero': the unit reported 0; 'missing': the unit did not report an indicator the part names. */
  reason: 'zero' | 'missing';
  /** The indicator codes the unit did not report (reason 'missing'). */
  missing: string[];
}

export interface BreakdownText {
  text: string;
  parts: BreakdownPart[];
  skipped: SkippedPart[];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)(?::([A-Za-z]+))?\}/g;
const DEFAULT_SEPARATOR = '; ';

/**
 * The per-unit breakdown of indicator `code`, in the consolidation's unit order: "Hội LHPN các cấp tổ chức
 * 120 buổi tuyên truyền cho 5.400 lượt người; Hội Nông dân …". Only units that reported `code` take part;
 * a unit that did not report another indicator its part names is skipped and listed in `skipped`.
 */
export function breakdownText(consolidation: Consolidation, code: string, phrase: IndicatorPhrase = {}): BreakdownText {
  const main = consolidatedIndicator(consolidation, code);
  const parts: BreakdownPart[] = [];
  const skipped: SkippedPart[] = [];
  for (const part of main.parts) {
    if (!phrase.includeZero && isZero(part.value)) {
      skipped.push({ unitId: part.unitId, unitName: part.unitName, reason: 'zero', missing: [] });
      continue;
    }
    const template = phrase.partByUnit?.[part.unitId] ?? phrase.part ?? `{unit} {${code}}`;
    const missing: string[] = [];
    const text = fill(template, (name, variant) => {
      if (variant !== undefined && variant !== 'bare')
        throw placeholderError(template, `{${name}:${variant}}`, 'a part names only {unit}, {CODE} and {CODE:bare}');
      if (name === 'unit') return part.unitName;
      const value = partOfUnit(consolidatedIndicator(consolidation, name), part.unitId)?.value;
      if (value === undefined) {
        missing.push(name);
        return '';
      }
      const indicator = consolidatedIndicator(consolidation, name).indicator;
      return variant === 'bare' ? bareFigure(indicator, value) : formatFigure(indicator, value, phrase.formats?.[name]);
    });
    if (missing.length > 0) skipped.push({ unitId: part.unitId, unitName: part.unitName, reason: 'missing', missing });
    else parts.push({ unitId: part.unitId, text });
  }
  const joined = parts.map((p) => p.text).join(phrase.separator ?? DEFAULT_SEPARATOR);
  const text = parts.length === 0 ? '' : nfc(`${phrase.prefix ?? ''}${joined}${phrase.suffix ?? ''}`);
  return { text, parts, skipped };
}

/**
 * The total sentence of indicator `code`: "triển khai làm mới 15 nhà đại đoàn kết cho hộ nghèo, trị giá
 * 570 triệu đồng". Throws 422 PHRASE_VALUE_MISSING when a placeholder has nothing to show (no unit reported
 * the indicator, no previous figure for `:change`, no target for `:plan`).
 */
export function totalText(consolidation: Consolidation, code: string, phrase: IndicatorPhrase = {}): string {
  const template = phrase.total ?? `{${code}}`;
  return nfc(
    fill(template, (name, variant) => {
      if (name === 'unit') throw placeholderError(template, '{unit}', 'a total sentence has no unit');
      if (name === 'breakdown') return breakdownText(consolidation, code, phrase).text;
      const ci = consolidatedIndicator(consolidation, name);
      const format = phrase.formats?.[name];
      switch (variant) {
        case undefined:
          return formatFigure(ci.indicator, requireTotal(ci), format);
        case 'change':
          return changeText(ci, format) ?? missingValue(ci, 'change');
        case 'ratio':
          return previousRatioText(ci) ?? missingValue(ci, 'ratio');
        case 'plan':
          return planText(ci) ?? missingValue(ci, 'plan');
        case 'bare':
          return bareFigure(ci.indicator, requireTotal(ci));
        default:
          throw placeholderError(template, `{${name}:${variant}}`, 'variants are change, ratio and plan');
      }
    }),
  );
}

/**
 * The change against the previous period: 'tăng 28 tập thể so với năm 2021', 'giảm 05 cuộc so với cùng kỳ',
 * 'bằng cùng kỳ'; 'tăng khoảng …' when either side is approximate. Undefined without a comparison.
 */
export function changeText(ci: ConsolidatedIndicator, format: FigureFormat = {}): string | undefined {
  const c = ci.comparison;
  if (!c) return undefined;
  if (c.difference === 0) return nfc(`bằng ${c.label}`);
  const verb = c.difference > 0 ? 'tăng' : 'giảm';
  const about = c.approximate ? 'khoảng ' : '';
  return nfc(`${verb} ${about}${formatAmount(ci.indicator, Math.abs(c.difference), format)} so với ${c.label}`);
}

/** 'bằng 145,2% so với cùng kỳ'; undefined without a comparison or when the previous value was 0. */
export function previousRatioText(ci: ConsolidatedIndicator): string | undefined {
  const c = ci.comparison;
  if (!c || c.ratio === undefined) return undefined;
  return nfc(`bằng ${c.approximate ? 'khoảng ' : ''}${formatPercentVi(c.ratio)} so với ${c.label}`);
}

/** 'đạt 98,3% kế hoạch' ('ước đạt …' when the total is approximate); undefined without a non-zero target. */
export function planText(ci: ConsolidatedIndicator): string | undefined {
  const p = ci.plan;
  if (!p || p.ratio === undefined) return undefined;
  return nfc(`${p.approximate ? 'ước đạt' : 'đạt'} ${formatPercentVi(p.ratio)} kế hoạch`);
}

/** 'trên 215', '07': the figure without its noun. */
function bareFigure(indicator: Indicator, value: FigureValue): string {
  const written = formatFigure(indicator, value, { noun: '\u0000' });
  return nfc(written.replace(/\s*\u0000$/u, ''));
}

function fill(template: string, value: (name: string, variant: string | undefined) => string): string {
  return nfc(template).replace(PLACEHOLDER, (_match, name: string, variant: string | undefined) => value(name, variant));
}

function requireTotal(ci: ConsolidatedIndicator): FigureValue {
  return ci.total ?? missingValue(ci, 'total');
}

function missingValue(ci: ConsolidatedIndicator, what: 'total' | 'change' | 'ratio' | 'plan'): never {
  const { code, name } = ci.indicator;
  const vi = {
    total: 'chưa có đơn vị nào báo cáo',
    change: 'chưa có số liệu kỳ trước',
    ratio: 'chưa có số liệu kỳ trước khác 0',
    plan: 'chưa có chỉ tiêu kế hoạch khác 0',
  }[what];
  throw invalid('PHRASE_VALUE_MISSING', `no ${what} for indicator ${code}`, `Chỉ tiêu "${name}" ${vi}.`, { indicatorCode: code, what });
}

function placeholderError(template: string, placeholder: string, why: string) {
  return invalid(
    'PHRASE_PLACEHOLDER_INVALID',
    `placeholder ${placeholder} in "${template}": ${why}`,
    `Mẫu câu "${nfc(template)}" có chỗ điền không hợp lệ: ${placeholder}.`,
    { template, placeholder },
  );
}

function isZero(value: FigureValue): boolean {
  return isRatioValue(value) ? value.numerator === 0 : scalarOf(value) === 0;
}
