import { invalid } from '../shared/domain-error';
import { isQualifier, MONEY_UNITS, type Indicator, type ReportTemplate, type Section } from './report-template';

const VALUE_TYPES = ['integer', 'decimal', 'money', 'ratio', 'boolean', 'percent', 'table'];
const AGGREGATIONS = ['sum', 'ratio', 'none'];
const RULE_KINDS = ['gte', 'ratio_le', 'required', 'non_negative', 'sum_of_parts', 'change_vs_previous'];
const SECTION_CODE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/;

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

  if (!Array.isArray(t.sections) || t.sections.length === 0)
    add('TEMPLATE_SECTIONS_EMPTY', 'sections', 'Mẫu báo cáo phải có ít nhất một mục.');
  if (!Array.isArray(t.indicators)) add('TEMPLATE_INDICATORS_MISSING', 'indicators', 'Mẫu báo cáo thiếu danh sách chỉ tiêu.');
  if (!Array.isArray(t.rules)) add('TEMPLATE_RULES_MISSING', 'rules', 'Mẫu báo cáo thiếu danh sách quy tắc.');
  if (problems.length > 0 && (!Array.isArray(t.sections) || !Array.isArray(t.indicators) || !Array.isArray(t.rules))) return problems;
  const sectionCodes = new Set<string>();
  const visit = (sections: readonly Section[], path: string, depth: number) => {
    sections.forEach((s, i) => {
      const here = `${path}[${i}]`;
      if (blank(s.code)) add('SECTION_CODE_BLANK', `${here}.code`, 'Mã mục không được để trống.');
      else if (sectionCodes.has(s.code)) add('SECTION_CODE_DUPLICATE', `${here}.code`, `Mã mục "${s.code}" bị trùng.`);
      else if (!SECTION_CODE.test(s.code))
        add('SECTION_CODE_INVALID', `${here}.code`, `Mã mục "${s.code}" chỉ gồm chữ, số và dấu chấm (ví dụ II.3).`);
      sectionCodes.add(s.code);
      if (blank(s.title)) add('SECTION_TITLE_BLANK', `${here}.title`, `Mục "${s.code}" chưa có tiêu đề.`);
      if (s.part && depth > 0) add('SECTION_PART_NOT_TOP', `${here}.part`, `Mục "${s.code}": chỉ mục cấp cao nhất mới là "Phần".`);
      if (s.unitKinds !== undefined && (!Array.isArray(s.unitKinds) || s.unitKinds.length === 0 || s.unitKinds.some(blank))) {
        add(
          'SECTION_UNIT_KINDS_INVALID',
          `${here}.unitKinds`,
          `Mục "${s.code}": danh sách loại đơn vị phải có ít nhất một mã loại đơn vị.`,
        );
      }
      if (s.children) visit(s.children, `${here}.children`, depth + 1);
    });
  };
  visit(t.sections, 'sections', 0);
  const parts = t.sections.filter((s) => s.part).length;
  if (parts > 0 && parts !== t.sections.length) {
    add('SECTION_PARTS_MIXED', 'sections', 'Khi mẫu chia "Phần", mọi mục cấp cao nhất phải là một "Phần".');
  }

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
    if (blank(ind.unit) && ind.valueType !== 'table')
      add('INDICATOR_UNIT_BLANK', `${here}.unit`, `Chỉ tiêu "${ind.code}" chưa có đơn vị tính.`);
    if (!VALUE_TYPES.includes(ind.valueType)) {
      add(
        'INDICATOR_VALUE_TYPE_UNKNOWN',
        `${here}.valueType`,
        `Chỉ tiêu "${ind.code}": kiểu giá trị "${String(ind.valueType)}" không hợp lệ (${VALUE_TYPES.join(', ')}).`,
      );
    }
    if (!AGGREGATIONS.includes(ind.aggregation)) {
      add(
        'INDICATOR_AGGREGATION_UNKNOWN',
        `${here}.aggregation`,
        `Chỉ tiêu "${ind.code}": cách tổng hợp "${String(ind.aggregation)}" không hợp lệ (${AGGREGATIONS.join(', ')}).`,
      );
    }
    if (ind.valueType === 'money' && !(MONEY_UNITS as readonly string[]).includes(ind.unit)) {
      add('INDICATOR_MONEY_UNIT_INVALID', `${here}.unit`, `Chỉ tiêu "${ind.code}": đơn vị tiền phải là đồng, triệu đồng hoặc tỷ đồng.`);
    }
    if (ind.displayUnit !== undefined && (ind.valueType !== 'money' || !(MONEY_UNITS as readonly string[]).includes(ind.displayUnit))) {
      add(
        'INDICATOR_DISPLAY_UNIT_INVALID',
        `${here}.displayUnit`,
        `Chỉ tiêu "${ind.code}": đơn vị ghi trong báo cáo chỉ dùng cho chỉ tiêu tiền (đồng, triệu đồng, tỷ đồng).`,
      );
    }
    if (ind.valueType === 'boolean' && !ind.coverage) {
      add(
        'INDICATOR_COVERAGE_REQUIRED',
        `${here}.coverage`,
        `Chỉ tiêu có/không "${ind.code}" cần cách ghi độ bao phủ (danh từ đơn vị, nội dung hoạt động).`,
      );
    }
    if (ind.coverage && (blank(ind.coverage.noun) || blank(ind.coverage.activity))) {
      add(
        'INDICATOR_COVERAGE_INVALID',
        `${here}.coverage`,
        `Chỉ tiêu "${ind.code}": cách ghi độ bao phủ cần danh từ đơn vị và nội dung hoạt động.`,
      );
    }
    if (ind.valueType === 'table') tableSpecProblems(ind, here, add);
    else if (ind.table)
      add('INDICATOR_TABLE_NOT_TABLE', `${here}.table`, `Chỉ tiêu "${ind.code}" không phải kiểu bảng nhưng có mô tả bảng.`);
    if (!sectionCodes.has(ind.sectionCode)) {
      add(
        'INDICATOR_SECTION_NOT_FOUND',
        `${here}.sectionCode`,
        `Chỉ tiêu "${ind.code}" thuộc mục "${ind.sectionCode}" không có trong mẫu.`,
      );
    }
    // A ratio is consolidated by adding numerators and denominators (or not at all), never by 'sum';
    // 'ratio' aggregation needs ratio values.
    const aggregationFits =
      ind.valueType === 'ratio' || ind.valueType === 'boolean'
        ? ind.aggregation !== 'sum'
        : ind.valueType === 'percent'
          ? ind.aggregation === 'none'
          : ind.aggregation !== 'ratio';
    if (!aggregationFits) {
      add(
        'INDICATOR_AGGREGATION_MISMATCH',
        `${here}.aggregation`,
        `Chỉ tiêu "${ind.code}": cách tổng hợp "${ind.aggregation}" không phù hợp với kiểu giá trị "${ind.valueType}".`,
      );
    }
    if (!Array.isArray(ind.allowedQualifiers)) {
      add(
        'INDICATOR_QUALIFIERS_MISSING',
        `${here}.allowedQualifiers`,
        `Chỉ tiêu "${ind.code}" thiếu danh sách từ chỉ mức (có thể để trống []).`,
      );
    } else
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

    if (!RULE_KINDS.includes(rule.kind)) {
      add(
        'RULE_KIND_UNKNOWN',
        `${here}.kind`,
        `Quy tắc "${rule.code}": loại "${String(rule.kind)}" không hợp lệ (${RULE_KINDS.join(', ')}).`,
      );
      return;
    }
    if (rule.severity !== 'error' && rule.severity !== 'warning') {
      add('RULE_SEVERITY_INVALID', `${here}.severity`, `Quy tắc "${rule.code}": mức độ phải là error hoặc warning.`);
    }
    const refs: [string, string][] =
      rule.kind === 'gte'
        ? [
            ['left', rule.left],
            ['right', rule.right],
          ]
        : rule.kind === 'sum_of_parts'
          ? [['total', rule.total], ...(Array.isArray(rule.parts) ? rule.parts : []).map((p, k): [string, string] => [`parts[${k}]`, p])]
          : [['indicator', rule.indicator]];
    if (rule.kind === 'sum_of_parts' && (!Array.isArray(rule.parts) || rule.parts.length < 2)) {
      add('RULE_PARTS_TOO_FEW', `${here}.parts`, `Quy tắc "${rule.code}": tổng phải có ít nhất hai thành phần.`);
    }
    if (rule.kind === 'change_vs_previous' && (typeof rule.thresholdPercent !== 'number' || !(rule.thresholdPercent > 0))) {
      add('RULE_THRESHOLD_INVALID', `${here}.thresholdPercent`, `Quy tắc "${rule.code}": ngưỡng thay đổi phải là số phần trăm dương.`);
    }
    for (const [field, code] of refs) {
      const ind = indicators.get(code);
      if (!ind) {
        add('RULE_INDICATOR_NOT_FOUND', `${here}.${field}`, `Quy tắc "${rule.code}" dẫn chiếu chỉ tiêu "${code}" không có trong mẫu.`);
        continue;
      }
      const ratio = ind.valueType === 'ratio';
      const scalarKinds = ['gte', 'non_negative', 'sum_of_parts', 'change_vs_previous'];
      const scalarType = ['integer', 'decimal', 'money'].includes(ind.valueType);
      if ((rule.kind === 'ratio_le' && !ratio) || (scalarKinds.includes(rule.kind) && !scalarType)) {
        add(
          'RULE_INDICATOR_TYPE_MISMATCH',
          `${here}.${field}`,
          `Quy tắc "${rule.code}" (${rule.kind}) không áp dụng được cho chỉ tiêu "${code}" kiểu "${ind.valueType}".`,
        );
      }
    }
    if (rule.kind === 'gte' && rule.left === rule.right) {
      add('RULE_SAME_INDICATOR', `${here}.right`, `Quy tắc "${rule.code}" so sánh chỉ tiêu "${rule.left}" với chính nó.`);
    }
  });

  const doc = t.document;
  if (doc !== undefined) {
    if (doc.scheme !== undefined && doc.scheme !== 'party' && doc.scheme !== 'state') {
      add('DOCUMENT_SCHEME_INVALID', 'document.scheme', 'Thể thức văn bản phải là party (Đảng) hoặc state (hành chính).');
    }
    (doc.recipients ?? []).forEach((r, i) => {
      if (blank(r.name)) add('DOCUMENT_RECIPIENT_BLANK', `document.recipients[${i}].name`, 'Tên nơi nhận không được để trống.');
      if (r.purpose !== undefined && !['b/c', 'đ/b', 't/d'].includes(r.purpose)) {
        add('DOCUMENT_RECIPIENT_PURPOSE_INVALID', `document.recipients[${i}].purpose`, 'Mục đích gửi phải là b/c, đ/b hoặc t/d.');
      }
    });
  }

  // Sections without indicators are fine: narrative-only sections such as "Đánh giá chung".
  return problems;
}

function tableSpecProblems(ind: Indicator, here: string, add: (code: string, path: string, messageVi: string) => void): void {
  const spec = ind.table;
  if (!spec) {
    add('INDICATOR_TABLE_REQUIRED', `${here}.table`, `Chỉ tiêu bảng "${ind.code}" cần mô tả dòng và cột.`);
    return;
  }
  if (ind.aggregation !== 'sum' && ind.aggregation !== 'none') {
    add('INDICATOR_AGGREGATION_MISMATCH', `${here}.aggregation`, `Chỉ tiêu bảng "${ind.code}": cách tổng hợp phải là sum hoặc none.`);
  }
  if (spec.rowSource !== 'units' && spec.rowSource !== 'fixed') {
    add(
      'TABLE_ROW_SOURCE_INVALID',
      `${here}.table.rowSource`,
      `Bảng "${ind.code}": nguồn dòng phải là units (mỗi đơn vị một dòng) hoặc fixed (dòng cố định).`,
    );
  }
  if (spec.rowSource === 'fixed' && (!Array.isArray(spec.rows) || spec.rows.length === 0)) {
    add('TABLE_ROWS_REQUIRED', `${here}.table.rows`, `Bảng "${ind.code}" có dòng cố định nhưng chưa khai báo dòng nào.`);
  }
  if (!Array.isArray(spec.columns) || spec.columns.length === 0) {
    add('TABLE_COLUMNS_REQUIRED', `${here}.table.columns`, `Bảng "${ind.code}" chưa có cột nào.`);
    return;
  }
  const seen = new Set<string>();
  spec.columns.forEach((c, k) => {
    if (blank(c.code) || seen.has(c.code))
      add('TABLE_COLUMN_CODE_INVALID', `${here}.table.columns[${k}].code`, `Bảng "${ind.code}": mã cột trống hoặc trùng.`);
    seen.add(c.code);
    if (blank(c.label))
      add('TABLE_COLUMN_LABEL_BLANK', `${here}.table.columns[${k}].label`, `Bảng "${ind.code}": cột "${c.code}" chưa có tiêu đề.`);
    if (!['integer', 'decimal', 'percent'].includes(c.valueType)) {
      add(
        'TABLE_COLUMN_TYPE_INVALID',
        `${here}.table.columns[${k}].valueType`,
        `Bảng "${ind.code}": cột "${c.code}" có kiểu không hợp lệ (integer, decimal, percent).`,
      );
    }
    if (c.aggregation !== 'sum' && c.aggregation !== 'none') {
      add(
        'TABLE_COLUMN_AGGREGATION_INVALID',
        `${here}.table.columns[${k}].aggregation`,
        `Bảng "${ind.code}": cột "${c.code}" tổng hợp phải là sum hoặc none.`,
      );
    }
    if (c.total) {
      const refs = c.total.kind === 'weighted' ? [c.total.by] : c.total.kind === 'ratio' ? [c.total.numerator, c.total.denominator] : [];
      const counts = spec.columns.filter((x) => x.code !== c.code && x.valueType !== 'percent').map((x) => x.code);
      if (c.valueType !== 'percent' || c.aggregation !== 'none' || refs.length === 0 || refs.some((r) => !counts.includes(r))) {
        add(
          'TABLE_COLUMN_TOTAL_INVALID',
          `${here}.table.columns[${k}].total`,
          `Bảng "${ind.code}": cách tính dòng tổng của cột "${c.label || c.code}" phải dựa trên cột số lượng khác của bảng (chỉ dùng cho cột tỷ lệ).`,
        );
      }
    }
    if (c.valueType === 'percent' && c.aggregation === 'sum') {
      add(
        'TABLE_COLUMN_AGGREGATION_INVALID',
        `${here}.table.columns[${k}].aggregation`,
        `Bảng "${ind.code}": cột tỷ lệ "${c.code}" không cộng dồn được.`,
      );
    }
  });
  const rowCodes = new Set<string>();
  (spec.rows ?? []).forEach((r, k) => {
    if (blank(r.code) || rowCodes.has(r.code))
      add('TABLE_ROW_CODE_INVALID', `${here}.table.rows[${k}].code`, `Bảng "${ind.code}": mã dòng trống hoặc trùng.`);
    rowCodes.add(r.code);
    if (blank(r.label)) add('TABLE_ROW_LABEL_BLANK', `${here}.table.rows[${k}].label`, `Bảng "${ind.code}": dòng "${r.code}" chưa có tên.`);
  });
  if (blank(spec.rowHeader)) add('TABLE_ROW_HEADER_BLANK', `${here}.table.rowHeader`, `Bảng "${ind.code}": cột đầu chưa có tiêu đề.`);
}

/** Throws 422 TEMPLATE_INVALID listing the problems, or returns the template. */
export function assertValidTemplate(t: ReportTemplate): ReportTemplate {
  const problems = validateTemplate(t);
  if (problems.length > 0) {
    throw invalid(
      'TEMPLATE_INVALID',
      `template ${t.id} v${t.version} has ${problems.length} problem(s)`,
      `Mẫu báo cáo không hợp lệ (${problems.length} lỗi).`,
      { problems },
    );
  }
  return t;
}
