import { UNIT_KINDS } from '@domain/org-units/unit-kinds';
import type { IndicatorDto, RuleDto, SectionDto, TemplateDto } from './templates.hooks';

/** The kinds of value an indicator takes, in the coordinator's words. */
export const VALUE_TYPE_LABELS: Record<IndicatorDto['valueType'], string> = {
  integer: 'Số nguyên (đếm)',
  decimal: 'Số thập phân',
  money: 'Số tiền',
  ratio: 'Tỷ lệ đạt/tổng số (x/y)',
  boolean: 'Có/Không (mỗi đơn vị trả lời)',
  percent: 'Phần trăm (%)',
  table: 'Bảng (dòng × cột)',
};

export const QUALIFIER_OPTIONS: { value: IndicatorDto['allowedQualifiers'][number]; label: string }[] = [
  { value: 'tren', label: 'trên' },
  { value: 'gan', label: 'gần' },
  { value: 'uoc_dat', label: 'ước đạt' },
  { value: 'luy_ke', label: 'lũy kế' },
];

export const MONEY_UNITS = ['đồng', 'triệu đồng', 'tỷ đồng'] as const;

/** Kinds of unit a section may be limited to (their Vietnamese names). */
export const UNIT_KIND_OPTIONS = Object.entries(UNIT_KINDS).map(([value, label]) => ({ value, label }));

export const RULE_KIND_LABELS: Record<RuleDto['kind'], string> = {
  gte: 'Chỉ tiêu này không được nhỏ hơn chỉ tiêu kia',
  ratio_le: 'Số đạt không vượt quá tổng số',
  required: 'Bắt buộc nhập',
  non_negative: 'Không được âm',
  sum_of_parts: 'Tổng bằng cộng các thành phần',
  change_vs_previous: 'Thay đổi so với cùng kỳ vượt ngưỡng',
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** A template id from its title: 'Báo cáo dân vận quý' → 'bao-cao-dan-van-quy-k3f9' (a short suffix keeps copies apart). */
export function templateIdFrom(title: string, suffix: string): string {
  const slug = fold(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${slug || 'mau-bao-cao'}-${suffix}`;
}

/** An indicator code from its name, unique among `taken`: 'Số buổi tuyên truyền' → 'SO_BUOI_TUYEN_TRUYEN'. */
export function indicatorCodeFrom(name: string, taken: readonly string[]): string {
  const base = fold(name)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  const start = /^[A-Z]/.test(base) ? base : `CT_${base || 'MOI'}`;
  let code = start;
  for (let n = 2; taken.includes(code); n++) code = `${start}_${n}`;
  return code;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

export function allSections(sections: readonly SectionDto[]): SectionDto[] {
  return sections.flatMap((s) => [s, ...allSections(s.children ?? [])]);
}

/** A new section's code: 'V' at the top, 'II.4' under II; never one already used. */
export function newSectionCode(template: TemplateDto, parentCode: string | undefined): string {
  const used = new Set(allSections(template.sections).map((s) => s.code));
  for (let n = 1; n < 200; n++) {
    const code = parentCode ? `${parentCode}.${n}` : (ROMAN[n - 1] ?? `M${n}`);
    if (!used.has(code)) return code;
  }
  return `M${used.size + 1}`;
}

/** The tree with the section `code` replaced by `update(section)` (null removes it). */
export function mapSection(sections: readonly SectionDto[], code: string, update: (s: SectionDto) => SectionDto | null): SectionDto[] {
  return sections.flatMap((s) => {
    if (s.code === code) {
      const next = update(s);
      return next ? [next] : [];
    }
    return [s.children ? { ...s, children: mapSection(s.children, code, update) } : s];
  });
}

/** Removes a section, its sub-sections, their indicators and the rules on those indicators. */
export function removeSection(template: TemplateDto, code: string): TemplateDto {
  const doomed = allSections(allSections(template.sections).filter((s) => s.code === code));
  const codes = new Set(doomed.map((s) => s.code));
  const indicators = template.indicators.filter((i) => !codes.has(i.sectionCode));
  return {
    ...template,
    sections: mapSection(template.sections, code, () => null),
    indicators,
    rules: rulesKeeping(template.rules, indicators),
  };
}

/** Rules whose indicators all still exist. */
export function rulesKeeping(rules: readonly RuleDto[], indicators: readonly IndicatorDto[]): RuleDto[] {
  const codes = new Set(indicators.map((i) => i.code));
  return rules.filter((r) => [r.left, r.right, r.indicator, r.total, ...(r.parts ?? [])].every((c) => c === undefined || codes.has(c)));
}

/** A new indicator of a section (a count, until the coordinator says otherwise). */
export function newIndicator(template: TemplateDto, sectionCode: string, name = 'Chỉ tiêu mới'): IndicatorDto {
  return {
    code: indicatorCodeFrom(
      name,
      template.indicators.map((i) => i.code),
    ),
    name,
    unit: 'lượt',
    sectionCode,
    aggregation: 'sum',
    valueType: 'integer',
    allowedQualifiers: [],
  };
}

/** The indicator after a change of value type: the aggregation, unit and the type's own fields follow. */
export function withValueType(ind: IndicatorDto, valueType: IndicatorDto['valueType']): IndicatorDto {
  const { coverage: _c, table: _t, displayUnit: _d, ...rest } = ind;
  const base = { ...rest, valueType };
  switch (valueType) {
    case 'ratio':
      return { ...base, aggregation: 'ratio', coverage: ind.coverage ?? { noun: 'đơn vị', activity: ind.name.toLowerCase() } };
    case 'boolean':
      return {
        ...base,
        aggregation: 'ratio',
        unit: 'đơn vị',
        coverage: ind.coverage ?? { noun: 'xã, thị trấn', activity: ind.name.toLowerCase() },
      };
    case 'percent':
      return { ...base, aggregation: 'none', unit: '%' };
    case 'money':
      return { ...base, aggregation: 'sum', unit: 'đồng', displayUnit: 'đồng' };
    case 'table':
      return {
        ...base,
        aggregation: 'sum',
        unit: '',
        table: ind.table ?? {
          rowSource: 'units',
          rowHeader: 'Đơn vị',
          totalLabel: 'Tổng cộng',
          columns: [{ code: 'C1', label: 'Số lượng', valueType: 'integer', aggregation: 'sum' }],
        },
      };
    default:
      return { ...base, aggregation: 'sum', unit: ind.unit === '%' ? 'lượt' : ind.unit };
  }
}

/** A new rule on the template's first indicators (the coordinator picks the right ones). */
export function newRule(template: TemplateDto): RuleDto {
  const used = new Set(template.rules.map((r) => r.code));
  let n = template.rules.length + 1;
  while (used.has(`R_${n}`)) n++;
  const first = template.indicators[0]?.code ?? '';
  return { code: `R_${n}`, kind: 'required', severity: 'error', indicator: first, messageVi: 'Chưa nhập chỉ tiêu bắt buộc.' };
}

/** The rule after a change of kind: only the fields that kind reads. */
export function withRuleKind(rule: RuleDto, kind: RuleDto['kind'], indicators: readonly IndicatorDto[]): RuleDto {
  const base = { code: rule.code, severity: rule.severity, messageVi: rule.messageVi, kind };
  const a = rule.indicator ?? rule.left ?? rule.total ?? indicators[0]?.code ?? '';
  const b = indicators.find((i) => i.code !== a)?.code ?? '';
  if (kind === 'gte') return { ...base, left: a, right: rule.right ?? b };
  if (kind === 'sum_of_parts') return { ...base, total: a, parts: rule.parts ?? [b] };
  if (kind === 'change_vs_previous') return { ...base, severity: 'warning', indicator: a, thresholdPercent: rule.thresholdPercent ?? 30 };
  return { ...base, indicator: a };
}

/** Where a section applies, in words: 'Tất cả đơn vị' or the kinds' names. */
export function unitKindsText(kinds: readonly string[] | undefined): string {
  if (!kinds || kinds.length === 0) return 'Tất cả đơn vị';
  return kinds.map((k) => UNIT_KIND_OPTIONS.find((o) => o.value === k)?.label ?? k).join('; ');
}
