import { catchDomainError } from '../shared/domain-error';
import { DAN_VAN_ANNUAL_TEMPLATE } from './dan-van-annual.template';
import { flattenSections, QUALIFIER_LABELS_VI, type Indicator, type ReportTemplate } from './report-template';
import { assertValidTemplate, validateTemplate } from './template-validation';

const indicator = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name: `Chỉ tiêu ${code}`,
  unit: 'buổi',
  sectionCode: 'II',
  aggregation: 'sum',
  valueType: 'integer',
  allowedQualifiers: [],
  ...extra,
});

const small = (): ReportTemplate => ({
  id: 'small',
  version: 1,
  title: 'Mẫu nhỏ',
  sections: [
    { code: 'I', title: 'Đặc điểm tình hình' },
    { code: 'II', title: 'Kết quả', children: [{ code: 'II.1', title: 'Tuyên truyền' }] },
  ],
  indicators: [
    indicator('TT_BUOI'),
    indicator('TT_LUOT_NGUOI', { sectionCode: 'II.1', unit: 'lượt người' }),
    indicator('KDC_VAN_HOA', { valueType: 'ratio', aggregation: 'ratio', unit: 'khu dân cư' }),
  ],
  rules: [
    { code: 'R1', severity: 'error', kind: 'gte', left: 'TT_LUOT_NGUOI', right: 'TT_BUOI', messageVi: 'Lượt người ≥ số buổi.' },
    { code: 'R2', severity: 'error', kind: 'ratio_le', indicator: 'KDC_VAN_HOA', messageVi: 'Tử số ≤ mẫu số.' },
  ],
});
const codes = (t: ReportTemplate) => validateTemplate(t).map((p) => [p.code, p.path]);

describe('validateTemplate', () => {
  it('accepts a well-formed template', () => {
    expect(validateTemplate(small())).toEqual([]);
  });

  it('rejects a blank id and title and a version that is not a positive integer', () => {
    expect(codes({ ...small(), id: ' ', title: '', version: 0 })).toEqual([
      ['TEMPLATE_ID_BLANK', 'id'],
      ['TEMPLATE_VERSION_INVALID', 'version'],
      ['TEMPLATE_TITLE_BLANK', 'title'],
    ]);
    expect(codes({ ...small(), version: 1.5 })).toEqual([['TEMPLATE_VERSION_INVALID', 'version']]);
  });

  it('rejects a section code used twice anywhere in the tree', () => {
    const t = small();
    t.sections[1].children!.push({ code: 'I', title: 'Trùng' });
    expect(codes(t)).toEqual([['SECTION_CODE_DUPLICATE', 'sections[1].children[1].code']]);
  });

  it('rejects a section without code or title', () => {
    const t = small();
    t.sections.push({ code: '', title: ' ' });
    expect(codes(t)).toEqual([
      ['SECTION_CODE_BLANK', 'sections[2].code'],
      ['SECTION_TITLE_BLANK', 'sections[2].title'],
    ]);
  });

  it('rejects a duplicate indicator code and one not in UPPER_SNAKE', () => {
    const t = small();
    t.indicators.push(indicator('TT_BUOI'), indicator('tt-buoi'));
    expect(codes(t)).toEqual([
      ['INDICATOR_CODE_DUPLICATE', 'indicators[3].code'],
      ['INDICATOR_CODE_INVALID', 'indicators[4].code'],
    ]);
  });

  it('rejects an indicator without name or unit', () => {
    const t = small();
    t.indicators[0] = indicator('TT_BUOI', { name: '', unit: ' ' });
    expect(codes(t)).toEqual([
      ['INDICATOR_NAME_BLANK', 'indicators[0].name'],
      ['INDICATOR_UNIT_BLANK', 'indicators[0].unit'],
    ]);
  });

  it('rejects an indicator in a section that does not exist', () => {
    const t = small();
    t.indicators[0] = indicator('TT_BUOI', { sectionCode: 'II.9' });
    expect(codes(t)).toEqual([['INDICATOR_SECTION_NOT_FOUND', 'indicators[0].sectionCode']]);
  });

  it('rejects an aggregation that does not fit the value type', () => {
    const t = small();
    t.indicators.push(
      indicator('SUM_OF_RATIO', { valueType: 'ratio', aggregation: 'sum' }),
      indicator('RATIO_OF_COUNT', { valueType: 'integer', aggregation: 'ratio' }),
      indicator('RATIO_NOT_AGGREGATED', { valueType: 'ratio', aggregation: 'none' }),
      indicator('DECIMAL_SUM', { valueType: 'decimal', aggregation: 'sum' }),
    );
    expect(codes(t)).toEqual([
      ['INDICATOR_AGGREGATION_MISMATCH', 'indicators[3].aggregation'],
      ['INDICATOR_AGGREGATION_MISMATCH', 'indicators[4].aggregation'],
    ]);
  });

  it('rejects an unknown qualifier', () => {
    const t = small();
    t.indicators[0] = indicator('TT_BUOI', { allowedQualifiers: ['tren', 'hon' as never] });
    expect(codes(t)).toEqual([['INDICATOR_QUALIFIER_UNKNOWN', 'indicators[0].allowedQualifiers[1]']]);
  });

  it('rejects rules on indicators that do not exist', () => {
    const t = small();
    t.rules.push(
      { code: 'R3', severity: 'error', kind: 'gte', left: 'GS_DON_VI', right: 'TT_BUOI', messageVi: 'x' },
      { code: 'R4', severity: 'warning', kind: 'required', indicator: 'HV_KET_NAP', messageVi: 'x' },
    );
    expect(codes(t)).toEqual([
      ['RULE_INDICATOR_NOT_FOUND', 'rules[2].left'],
      ['RULE_INDICATOR_NOT_FOUND', 'rules[3].indicator'],
    ]);
  });

  it('rejects rules on indicators of the wrong value type, and a comparison of an indicator with itself', () => {
    const t = small();
    t.rules.push(
      { code: 'R3', severity: 'error', kind: 'ratio_le', indicator: 'TT_BUOI', messageVi: 'x' },
      { code: 'R4', severity: 'error', kind: 'gte', left: 'KDC_VAN_HOA', right: 'TT_BUOI', messageVi: 'x' },
      { code: 'R5', severity: 'error', kind: 'non_negative', indicator: 'KDC_VAN_HOA', messageVi: 'x' },
      { code: 'R6', severity: 'error', kind: 'gte', left: 'TT_BUOI', right: 'TT_BUOI', messageVi: 'x' },
    );
    expect(codes(t)).toEqual([
      ['RULE_INDICATOR_TYPE_MISMATCH', 'rules[2].indicator'],
      ['RULE_INDICATOR_TYPE_MISMATCH', 'rules[3].left'],
      ['RULE_INDICATOR_TYPE_MISMATCH', 'rules[4].indicator'],
      ['RULE_SAME_INDICATOR', 'rules[5].right'],
    ]);
  });

  it('rejects duplicate or blank rule codes and rules without a message', () => {
    const t = small();
    t.rules.push(
      { code: 'R1', severity: 'warning', kind: 'required', indicator: 'TT_BUOI', messageVi: ' ' },
      { code: ' ', severity: 'warning', kind: 'required', indicator: 'TT_BUOI', messageVi: 'x' },
    );
    expect(codes(t)).toEqual([
      ['RULE_CODE_DUPLICATE', 'rules[2].code'],
      ['RULE_MESSAGE_BLANK', 'rules[2].messageVi'],
      ['RULE_CODE_BLANK', 'rules[3].code'],
    ]);
  });

  it('explains each problem in Vietnamese', () => {
    const t = small();
    t.indicators[0] = indicator('TT_BUOI', { sectionCode: 'IX' });
    expect(validateTemplate(t)[0].messageVi).toBe('Chỉ tiêu "TT_BUOI" thuộc mục "IX" không có trong mẫu.');
  });
});

describe('assertValidTemplate', () => {
  it('returns a valid template', () => {
    const t = small();
    expect(assertValidTemplate(t)).toBe(t);
  });

  it('throws 422 TEMPLATE_INVALID listing the problems', () => {
    const error = catchDomainError(() => assertValidTemplate({ ...small(), title: '' }));
    expect([error.code, error.httpStatus]).toEqual(['TEMPLATE_INVALID', 422]);
    expect(error.details).toEqual({
      problems: [{ code: 'TEMPLATE_TITLE_BLANK', path: 'title', messageVi: 'Tên mẫu báo cáo không được để trống.' }],
    });
  });
});

describe('DAN_VAN_ANNUAL_TEMPLATE', () => {
  const t = DAN_VAN_ANNUAL_TEMPLATE;

  it('is valid', () => {
    expect(validateTemplate(t)).toEqual([]);
  });

  it('follows the skeleton I. Đặc điểm tình hình … V. Kiến nghị', () => {
    expect(t.sections.map((s) => `${s.code}. ${s.title}`)).toEqual([
      'I. Đặc điểm tình hình',
      'II. Kết quả thực hiện',
      'III. Đánh giá chung',
      'IV. Nhiệm vụ trọng tâm năm tới',
      'V. Kiến nghị, đề xuất',
    ]);
    expect(flattenSections(t.sections).map((s) => s.code)).toEqual([
      'I',
      'I.1',
      'I.2',
      'II',
      'II.1',
      'II.2',
      'II.3',
      'II.4',
      'II.5',
      'II.6',
      'III',
      'III.1',
      'III.2',
      'III.3',
      'IV',
      'V',
    ]);
  });

  it('has 24 indicators, among them the §4 figures with their units', () => {
    expect(t.indicators).toHaveLength(24);
    const unitOf = Object.fromEntries(t.indicators.map((i) => [i.code, i.unit]));
    expect(unitOf).toMatchObject({
      TT_BUOI: 'buổi',
      TT_LUOT_NGUOI: 'lượt người',
      NDDK_CAN: 'căn',
      NDDK_GIA_TRI: 'triệu đồng',
      QUY_VAN_DONG: 'triệu đồng',
      SUAT_QUA: 'suất',
      GS_CUOC: 'cuộc',
      GS_DON_VI: 'đơn vị',
      PBXH_HOI_NGHI: 'hội nghị',
      GOP_Y_VAN_BAN: 'văn bản',
      HV_KET_NAP: 'hội viên',
      DON_THU_TIEP_NHAN: 'đơn',
      KDC_VAN_HOA: 'khu dân cư',
    });
  });

  it('models coverage (72/72 khu dân cư) as ratios aggregated by adding numerators and denominators', () => {
    const ratios = t.indicators.filter((i) => i.valueType === 'ratio').map((i) => [i.code, i.aggregation]);
    expect(ratios).toEqual([
      ['KDC_VAN_HOA', 'ratio'],
      ['GD_VAN_HOA', 'ratio'],
      ['PBXH_XA_TO_CHUC', 'ratio'],
    ]);
  });

  it('stores all Vietnamese text in NFC', () => {
    const texts = [
      t.title,
      ...flattenSections(t.sections).map((s) => s.title),
      ...t.indicators.flatMap((i) => [i.name, i.unit]),
      ...t.rules.map((r) => r.messageVi),
    ];
    for (const text of texts) expect(text).toBe(text.normalize('NFC'));
  });
});

describe('QUALIFIER_LABELS_VI', () => {
  it('labels the four qualifiers', () => {
    expect(QUALIFIER_LABELS_VI).toEqual({ tren: 'trên', gan: 'gần', uoc_dat: 'ước đạt', luy_ke: 'lũy kế' });
  });
});

describe('DAN_VAN_ANNUAL_TEMPLATE immutability', () => {
  it('is frozen down to its rules, so no caller can change the published version', () => {
    expect(Object.isFrozen(DAN_VAN_ANNUAL_TEMPLATE)).toBe(true);
    expect(Object.isFrozen(DAN_VAN_ANNUAL_TEMPLATE.indicators[0].allowedQualifiers)).toBe(true);
    expect(Object.isFrozen(DAN_VAN_ANNUAL_TEMPLATE.sections[0].children)).toBe(true);
    expect(() => {
      (DAN_VAN_ANNUAL_TEMPLATE.rules as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
