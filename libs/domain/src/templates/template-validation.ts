import { invalid } from '../shared/domain-error';
import { isQualifier, type Indicator, type ReportTemplate, type Section } from './report-template';

export interface TemplateProblem {
  code: string;
  /** Where in the template: 'indicators[3].sectionCode', 'rules[0].left' … */
  path: string;
  messageVi: string;
}

const INDICATOR_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * Checks a template before it is published or used: unique section, indicator and rule codes; every
 * indicator in an existing section; every rule on existing indicators of the right value type;
 * aggregation consistent with value type. Returns all problems (empty when valid).
 */
export function validateTemplate(t: ReportTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (code: string, path: string, messageVi: string) => problems.push({ code, path, messageVi });

  if (blank(t.id)) add('TEMPLATE_ID_BLANK', 'id', 'Mã mẫu báo cáo không được để trống.');
  if (!Number.isInteger(t.version) || t.version < 1) {
    add('TEMPLATE_VERSION_INVALID', 'version', 'Phiên bản mẫu báo cáo phải là số nguyên dương.');
  }
  if (blank(t.title)) add('TEMPLATE_TITLE_BLANK', 'title', 'Tên mẫu báo cáo không được để trống.');

  const sectionCodes = new Set<string>();
  const visit = (sections: readonly Section[], path: string) => {
    sections.forEach((s, i) => {
      const here = `${path}[${i}]`;
      if (blank(s.code)) add('SECTION_CODE_BLANK', `${here}.code`, 'Mã mục không được để trống.');
      else if (sectionCodes.has(s.code)) add('SECTION_CODE_DUPLICATE', `${here}.code`, `Mã mục "${s.code}" bị trùng.`);
      sectionCodes.add(s.code);
      if (blank(s.title)) add('SECTION_TITLE_BLANK', `${here}.title`, `Mục "${s.code}" chưa có tiêu đề.`);
      if (s.children) visit(s.children, `${here}.children`);
    });
  };
  visit(t.sections, 'sections');

  const indicators = new Map<string, Indicator>();
  t.indicators.forEach((ind, i) => {
    const here = `indicators[${i}]`;
    if (typeof ind.code !== 'string' || !INDICATOR_CODE.test(ind.code)) {
      add('INDICATOR_CODE_INVALID', `${here}.code`, `Mã chỉ tiêu "${String(ind.code)}" phải viết HOA_GẠCH_DƯỚI (ví dụ TT_BUOI).`);
    } else if (indicators.has(ind.code)) {
      add('INDICATOR_CODE_DUPLICATE', `${here}.code`, `Mã chỉ tiêu "${ind.code}" bị trùng.`);
    } else {
      indicators.set(ind.code, ind);
    }
    if (blank(ind.name)) add('INDICATOR_NAME_BLANK', `${here}.name`, `Chỉ tiêu "${ind.code}" chưa có tên.`);
    if (blank(ind.unit)) add('INDICATOR_UNIT_BLANK', `${here}.unit`, `Chỉ tiêu "${ind.code}" chưa có đơn vị tính.`);
    if (!sectionCodes.has(ind.sectionCode)) {
      add('INDICATOR_SECTION_NOT_FOUND', `${here}.sectionCode`,
        `Chỉ tiêu "${ind.code}" thuộc mục "${ind.sectionCode}" không có trong mẫu.`);
    }
    // A ratio is consolidated by adding numerators and denominators (or not at all), never by 'sum';
    // 'ratio' aggregation needs ratio values.
    const aggregationFits = ind.valueType === 'ratio' ? ind.aggregation !== 'sum' : ind.aggregation !== 'ratio';
    if (!aggregationFits) {
      add('INDICATOR_AGGREGATION_MISMATCH', `${here}.aggregation`,
        `Chỉ tiêu "${ind.code}": cách tổng hợp "${ind.aggregation}" không phù hợp với kiểu giá trị "${ind.valueType}".`);
    }
    ind.allowedQualifiers.forEach((q, k) => {
      if (!isQualifier(q)) {
        add('INDICATOR_QUALIFIER_UNKNOWN', `${here}.allowedQualifiers[${k}]`, `Từ chỉ mức "${String(q)}" không hợp lệ.`);
      }
    });
  });

  const ruleCodes = new Set<string>();
  t.rules.forEach((rule, i) => {
    const here = `rules[${i}]`;
    if (blank(rule.code)) add('RULE_CODE_BLANK', `${here}.code`, 'Mã quy tắc không được để trống.');
    else if (ruleCodes.has(rule.code)) add('RULE_CODE_DUPLICATE', `${here}.code`, `Mã quy tắc "${rule.code}" bị trùng.`);
    ruleCodes.add(rule.code);
    if (blank(rule.messageVi)) add('RULE_MESSAGE_BLANK', `${here}.messageVi`, `Quy tắc "${rule.code}" chưa có thông báo.`);

    const refs: [string, string][] = rule.kind === 'gte'
      ? [['left', rule.left], ['right', rule.right]]
      : [['indicator', rule.indicator]];
    for (const [field, code] of refs) {
      const ind = indicators.get(code);
      if (!ind) {
        add('RULE_INDICATOR_NOT_FOUND', `${here}.${field}`, `Quy tắc "${rule.code}" dẫn chiếu chỉ tiêu "${code}" không có trong mẫu.`);
        continue;
      }
      const ratio = ind.valueType === 'ratio';
      if ((rule.kind === 'ratio_le' && !ratio) || ((rule.kind === 'gte' || rule.kind === 'non_negative') && ratio)) {
        add('RULE_INDICATOR_TYPE_MISMATCH', `${here}.${field}`,
          `Quy tắc "${rule.code}" (${rule.kind}) không áp dụng được cho chỉ tiêu "${code}" kiểu "${ind.valueType}".`);
      }
    }
    if (rule.kind === 'gte' && rule.left === rule.right) {
      add('RULE_SAME_INDICATOR', `${here}.right`, `Quy tắc "${rule.code}" so sánh chỉ tiêu "${rule.left}" với chính nó.`);
    }
  });

  // Sections without indicators are fine: narrative-only sections such as "Đánh giá chung".
  return problems;
}

/** Throws 422 TEMPLATE_INVALID listing the problems, or returns the template. */
export function assertValidTemplate(t: ReportTemplate): ReportTemplate {
  const problems = validateTemplate(t);
  if (problems.length > 0) {
    throw invalid('TEMPLATE_INVALID', `template ${t.id} v${t.version} has ${problems.length} problem(s)`,
      `Mẫu báo cáo không hợp lệ (${problems.length} lỗi).`, { problems });
  }
  return t;
}
