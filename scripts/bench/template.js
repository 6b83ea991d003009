'use strict';
// The bench's template: the goal's draft is "20,000 units × 40 indicators", and the largest built-in template
// (dan-van-annual) has 24. Templates are data (issue #14): the bench publishes a copy of dan-van-annual with
// sixteen more indicators through POST /templates, as a coordinator would, and opens its cycles on it.
const { TEMPLATE_ID, INDICATORS } = require('./options');

const EXTRA = [
  ['TT_TAI_LIEU', 'Số tài liệu tuyên truyền được phát hành', 'bản', 'II.1', 'integer'],
  ['TT_TIN_BAI', 'Số tin, bài đăng trên cổng thông tin', 'tin, bài', 'II.1', 'integer'],
  ['TD_GUONG_DIEN_HINH', 'Số gương điển hình tiên tiến được biểu dương', 'gương', 'II.2', 'integer'],
  ['TD_KHEN_THUONG', 'Số tập thể, cá nhân được khen thưởng', 'tập thể, cá nhân', 'II.2', 'integer'],
  ['NTM_KINH_PHI', 'Kinh phí huy động xây dựng nông thôn mới', 'triệu đồng', 'II.2', 'decimal'],
  ['AN_SINH_HO_NGHEO', 'Số hộ nghèo được hỗ trợ', 'hộ', 'II.2', 'integer'],
  ['AN_SINH_GIA_TRI', 'Giá trị hỗ trợ hộ nghèo', 'triệu đồng', 'II.2', 'decimal'],
  ['GS_KIEN_NGHI', 'Số kiến nghị sau giám sát', 'kiến nghị', 'II.3', 'integer'],
  ['GS_KIEN_NGHI_TIEP_THU', 'Số kiến nghị sau giám sát được tiếp thu', 'kiến nghị', 'II.3', 'integer'],
  ['XD_CHI_HOI_MOI', 'Số chi hội, chi đoàn thành lập mới', 'chi hội', 'II.4', 'integer'],
  ['XD_CAN_BO_TAP_HUAN', 'Số lượt cán bộ được tập huấn', 'lượt', 'II.4', 'integer'],
  ['XD_HOI_VIEN_TONG', 'Tổng số hội viên, đoàn viên', 'người', 'II.4', 'integer'],
  ['DT_HOA_GIAI', 'Số vụ việc hòa giải thành', 'vụ việc', 'II.5', 'integer'],
  ['QP_TO_AN_NINH', 'Số tổ tự quản về an ninh trật tự', 'tổ', 'II.6', 'integer'],
  ['QP_THANH_VIEN', 'Số thành viên tổ tự quản về an ninh trật tự', 'người', 'II.6', 'integer'],
  ['QP_TIN_BAO', 'Số tin báo về an ninh trật tự được cung cấp', 'tin', 'II.6', 'integer'],
];

/** Publishes the 40-indicator template (version 1) through the API; returns it as GET /templates/{id} answers. */
async function publishBenchTemplate(admin) {
  const base = (await admin.ok('GET', '/templates/dan-van-annual')).body;
  const keep = [
    'code',
    'name',
    'unit',
    'sectionCode',
    'aggregation',
    'valueType',
    'allowedQualifiers',
    'signed',
    'displayUnit',
    'coverage',
    'table',
    'annexTitle',
    'wording',
  ];
  const indicators = [
    ...base.indicators.map((ind) => Object.fromEntries(keep.filter((k) => ind[k] !== undefined).map((k) => [k, ind[k]]))),
    ...EXTRA.map(([code, name, unit, sectionCode, valueType]) => ({
      code,
      name,
      unit,
      sectionCode,
      aggregation: 'sum',
      valueType,
      allowedQualifiers: [],
    })),
  ].slice(0, INDICATORS);
  if (indicators.length !== INDICATORS) throw new Error(`the bench template has ${indicators.length} indicators, not ${INDICATORS}`);
  await admin.ok('POST', '/templates', {
    id: TEMPLATE_ID,
    copyOf: 'dan-van-annual',
    title: 'Báo cáo tổng kết công tác dân vận năm (40 chỉ tiêu, thử tải)',
    indicators,
  });
  const template = (await admin.ok('GET', `/templates/${TEMPLATE_ID}`)).body;
  if (template.indicators.length !== INDICATORS) throw new Error(`published ${template.indicators.length} indicators, not ${INDICATORS}`);
  return template;
}

/** Every indicator of the template filled (integers, decimals, ratios), consistent with its rules. */
function fullContent(template, i) {
  const figures = {};
  template.indicators.forEach((ind, k) => {
    const v = 10 + k * 3 + (i % 5);
    if (ind.valueType === 'ratio') figures[ind.code] = { numerator: 5 + (i % 3), denominator: 9 };
    else if (ind.valueType === 'decimal') figures[ind.code] = { value: v + 0.5 };
    else if (ind.valueType === 'integer') figures[ind.code] = { value: v };
  });
  if (figures.DON_THU_GIAI_QUYET && figures.DON_THU_TIEP_NHAN) figures.DON_THU_GIAI_QUYET = { value: figures.DON_THU_TIEP_NHAN.value - 1 };
  if (figures.GS_KIEN_NGHI_TIEP_THU && figures.GS_KIEN_NGHI) figures.GS_KIEN_NGHI_TIEP_THU = { value: figures.GS_KIEN_NGHI.value - 1 };
  return { figures, narrative: { 'II.1': `Tổ chức ${figures.TT_BUOI?.value ?? 10} buổi tuyên truyền.` } };
}

/** How many figures fullContent fills (every indicator of a type it knows). */
const filledFigures = (template) => Object.keys(fullContent(template, 0).figures).length;

module.exports = { publishBenchTemplate, fullContent, filledFigures };
