import { DAN_VAN_ANNUAL_TEMPLATE } from './dan-van-annual.template';
import { checkFigures, errorsOf, warningsOf } from './figure-check';
import type { FigureValue, Figures, Indicator, ReportTemplate } from './report-template';

const ind = (code: string, name: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name,
  unit: 'buổi',
  sectionCode: 'II',
  aggregation: 'sum',
  valueType: 'integer',
  allowedQualifiers: ['tren'],
  ...extra,
});

const template: ReportTemplate = {
  id: 'test',
  version: 3,
  title: 'Mẫu kiểm tra',
  sections: [{ code: 'II', title: 'Kết quả' }],
  indicators: [
    ind('TT_BUOI', 'Số buổi tuyên truyền'),
    ind('TT_LUOT_NGUOI', 'Số lượt người tham gia', { unit: 'lượt người', allowedQualifiers: ['tren', 'gan', 'uoc_dat'] }),
    ind('QUY', 'Quỹ vận động', { unit: 'triệu đồng', valueType: 'decimal', allowedQualifiers: [] }),
    ind('KDC', 'Khu dân cư văn hóa', { unit: 'khu dân cư', valueType: 'ratio', aggregation: 'ratio', allowedQualifiers: [] }),
    ind('HO_NGHEO_TANG', 'Số hộ nghèo tăng (giảm) so với năm trước', { unit: 'hộ', signed: true }),
  ],
  rules: [
    {
      code: 'R_LUOT_GTE_BUOI',
      severity: 'error',
      kind: 'gte',
      left: 'TT_LUOT_NGUOI',
      right: 'TT_BUOI',
      messageVi: 'Số lượt người không thể ít hơn số buổi.',
    },
    {
      code: 'R_KDC_LE',
      severity: 'error',
      kind: 'ratio_le',
      indicator: 'KDC',
      messageVi: 'Số khu dân cư đạt danh hiệu không thể lớn hơn tổng số.',
    },
    { code: 'R_BUOI_REQUIRED', severity: 'error', kind: 'required', indicator: 'TT_BUOI', messageVi: 'Chưa nhập số buổi tuyên truyền.' },
    {
      code: 'R_HO_NGHEO_GIAM',
      severity: 'warning',
      kind: 'non_negative',
      indicator: 'HO_NGHEO_TANG',
      messageVi: 'Số hộ nghèo tăng: đề nghị giải thích.',
    },
  ],
};

const valid: Figures = {
  TT_BUOI: { value: 12 },
  TT_LUOT_NGUOI: { value: 850, qualifier: 'tren' },
  QUY: { value: 862.796456 },
  KDC: { numerator: 72, denominator: 72 },
};
const check = (figures: Record<string, unknown>) => checkFigures(template, figures as Figures);
const codes = (figures: Record<string, unknown>) => check(figures).map((v) => [v.code, v.indicatorCodes.join('+')]);

describe('checkFigures', () => {
  it('accepts consistent figures', () => {
    expect(check(valid)).toEqual([]);
  });

  describe('built-in checks (always errors)', () => {
    it('rejects an indicator the template does not have', () => {
      expect(check({ ...valid, NDDK_CAN: { value: 15 } })).toEqual([
        {
          code: 'FIGURE_UNKNOWN_INDICATOR',
          severity: 'error',
          source: 'figure',
          indicatorCodes: ['NDDK_CAN'],
          messageVi: 'Chỉ tiêu "NDDK_CAN" không có trong mẫu báo cáo.',
        },
      ]);
    });

    it.each<[string, unknown]>([
      ['a ratio for a scalar indicator', { numerator: 1, denominator: 2 }],
      ['a string', { value: '12' }],
      ['NaN', { value: Number.NaN }],
      ['Infinity', { value: Number.POSITIVE_INFINITY }],
      ['a bare number', 12],
      ['null', null],
      ['both shapes at once', { value: 12, numerator: 12, denominator: 13 }],
    ])('rejects %s for a number indicator with FIGURE_WRONG_TYPE', (_label, value) => {
      expect(check({ ...valid, TT_BUOI: value })).toEqual([
        {
          code: 'FIGURE_WRONG_TYPE',
          severity: 'error',
          source: 'figure',
          indicatorCodes: ['TT_BUOI'],
          messageVi: 'Chỉ tiêu "Số buổi tuyên truyền" phải là một số.',
        },
      ]);
    });

    it('rejects a number for a ratio indicator with FIGURE_WRONG_TYPE', () => {
      expect(check({ ...valid, KDC: { value: 72 } })).toEqual([
        {
          code: 'FIGURE_WRONG_TYPE',
          severity: 'error',
          source: 'figure',
          indicatorCodes: ['KDC'],
          messageVi: 'Chỉ tiêu "Khu dân cư văn hóa" phải có dạng tử số/mẫu số (ví dụ 72/72).',
        },
      ]);
    });

    it('rejects a fraction for an integer indicator and in a ratio, accepts it for a decimal one', () => {
      expect(codes({ ...valid, TT_BUOI: { value: 12.5 } })).toEqual([['FIGURE_NOT_INTEGER', 'TT_BUOI']]);
      expect(codes({ ...valid, KDC: { numerator: 71.5, denominator: 72 } })).toEqual([['FIGURE_NOT_INTEGER', 'KDC']]);
      expect(codes({ ...valid, QUY: { value: 744.30456 } })).toEqual([]);
    });

    it('rejects negative values unless the indicator is signed', () => {
      expect(codes({ ...valid, QUY: { value: -1 } })).toEqual([['FIGURE_NEGATIVE', 'QUY']]);
      expect(codes({ ...valid, KDC: { numerator: -1, denominator: 72 } })).toEqual([['FIGURE_NEGATIVE', 'KDC']]);
      expect(check({ ...valid, TT_BUOI: { value: -3 } })[0].messageVi).toBe('Chỉ tiêu "Số buổi tuyên truyền" không được là số âm.');
    });

    it('rejects a zero denominator', () => {
      expect(codes({ ...valid, KDC: { numerator: 0, denominator: 0 } })).toEqual([['FIGURE_ZERO_DENOMINATOR', 'KDC']]);
    });

    it('rejects a qualifier the indicator does not allow, and an unknown one', () => {
      expect(check({ ...valid, TT_BUOI: { value: 12, qualifier: 'uoc_dat' } })).toEqual([
        {
          code: 'FIGURE_QUALIFIER_NOT_ALLOWED',
          severity: 'error',
          source: 'figure',
          indicatorCodes: ['TT_BUOI'],
          messageVi: 'Chỉ tiêu "Số buổi tuyên truyền" không được ghi kèm "ước đạt".',
        },
      ]);
      expect(codes({ ...valid, TT_BUOI: { value: 12, qualifier: 'hon' } })).toEqual([['FIGURE_QUALIFIER_NOT_ALLOWED', 'TT_BUOI']]);
    });

    it('reports several problems of one figure together', () => {
      expect(codes({ ...valid, TT_BUOI: { value: -2.5, qualifier: 'gan' } })).toEqual([
        ['FIGURE_NOT_INTEGER', 'TT_BUOI'],
        ['FIGURE_NEGATIVE', 'TT_BUOI'],
        ['FIGURE_QUALIFIER_NOT_ALLOWED', 'TT_BUOI'],
      ]);
    });
  });

  describe('template rules', () => {
    it('gte: fails when left < right, with the values', () => {
      expect(check({ ...valid, TT_LUOT_NGUOI: { value: 5 } })).toEqual([
        {
          code: 'R_LUOT_GTE_BUOI',
          severity: 'error',
          source: 'rule',
          indicatorCodes: ['TT_LUOT_NGUOI', 'TT_BUOI'],
          messageVi: 'Số lượt người không thể ít hơn số buổi.',
          details: { TT_LUOT_NGUOI: 5, TT_BUOI: 12 },
        },
      ]);
    });

    it('gte: passes when equal, and is skipped when either side is missing or invalid', () => {
      expect(check({ ...valid, TT_LUOT_NGUOI: { value: 12 } })).toEqual([]);
      const { TT_LUOT_NGUOI: _omitted, ...withoutLeft } = valid;
      expect(check(withoutLeft)).toEqual([]);
      expect(codes({ ...valid, TT_LUOT_NGUOI: { value: 5.5 } })).toEqual([['FIGURE_NOT_INTEGER', 'TT_LUOT_NGUOI']]);
    });

    it('ratio_le: fails when the numerator exceeds the denominator', () => {
      expect(check({ ...valid, KDC: { numerator: 73, denominator: 72 } })).toEqual([
        {
          code: 'R_KDC_LE',
          severity: 'error',
          source: 'rule',
          indicatorCodes: ['KDC'],
          messageVi: 'Số khu dân cư đạt danh hiệu không thể lớn hơn tổng số.',
          details: { numerator: 73, denominator: 72 },
        },
      ]);
    });

    it('required: fails when the figure is absent, not when it is zero', () => {
      const { TT_BUOI: _omitted, ...withoutSessions } = valid;
      expect(codes(withoutSessions)).toEqual([['R_BUOI_REQUIRED', 'TT_BUOI']]);
      expect(check({ ...valid, TT_BUOI: { value: 0 }, TT_LUOT_NGUOI: { value: 0 } })).toEqual([]);
    });

    it('required: a figure given but invalid is reported once, as the figure error', () => {
      expect(codes({ ...valid, TT_BUOI: { value: 'mười hai' } })).toEqual([['FIGURE_WRONG_TYPE', 'TT_BUOI']]);
    });

    it('non_negative: a signed indicator accepts a negative value but the rule warns', () => {
      expect(check({ ...valid, HO_NGHEO_TANG: { value: 4 } })).toEqual([]);
      expect(check({ ...valid, HO_NGHEO_TANG: { value: -4 } })).toEqual([
        {
          code: 'R_HO_NGHEO_GIAM',
          severity: 'warning',
          source: 'rule',
          indicatorCodes: ['HO_NGHEO_TANG'],
          messageVi: 'Số hộ nghèo tăng: đề nghị giải thích.',
          details: { value: -4 },
        },
      ]);
    });
  });

  it('errorsOf / warningsOf split by severity', () => {
    const violations = check({ ...valid, TT_LUOT_NGUOI: { value: 5 }, HO_NGHEO_TANG: { value: -1 } });
    expect(errorsOf(violations).map((v) => v.code)).toEqual(['R_LUOT_GTE_BUOI']);
    expect(warningsOf(violations).map((v) => v.code)).toEqual(['R_HO_NGHEO_GIAM']);
  });
});

describe('checkFigures with DAN_VAN_ANNUAL_TEMPLATE', () => {
  const figures = (extra: Record<string, FigureValue>): Figures => ({
    TT_BUOI: { value: 180, qualifier: 'tren' },
    TT_LUOT_NGUOI: { value: 12000, qualifier: 'tren' },
    HV_KET_NAP: { value: 45 },
    ...extra,
  });

  it('accepts the figures of the 001 and 002 reports', () => {
    expect(
      checkFigures(
        DAN_VAN_ANNUAL_TEMPLATE,
        figures({
          NDDK_CAN: { value: 15 },
          NDDK_GIA_TRI: { value: 570 },
          KDC_VAN_HOA: { numerator: 72, denominator: 72 },
          GD_VAN_HOA: { numerator: 10600, denominator: 12051 },
          PBXH_XA_TO_CHUC: { numerator: 8, denominator: 13 },
          GS_CUOC: { value: 1 },
          GS_DON_VI: { value: 2 },
          SUAT_QUA: { value: 125 },
          SUAT_QUA_GIA_TRI: { value: 50 },
          QUY_VAN_DONG: { value: 862.796456, qualifier: 'luy_ke' },
        }),
      ),
    ).toEqual([]);
  });

  it('warns (does not block) when no new members are reported and petitions resolved exceed those received', () => {
    const { HV_KET_NAP: _omitted, ...rest } = figures({ DON_THU_TIEP_NHAN: { value: 10 }, DON_THU_GIAI_QUYET: { value: 12 } });
    const violations = checkFigures(DAN_VAN_ANNUAL_TEMPLATE, rest);
    expect(violations.map((v) => [v.code, v.severity])).toEqual([
      ['R_DON_THU_GQ_LE_TN', 'warning'],
      ['R_HV_KET_NAP_REQUIRED', 'warning'],
    ]);
  });

  it('blocks a house count written as "gần 15 căn" (houses are exact counts)', () => {
    expect(checkFigures(DAN_VAN_ANNUAL_TEMPLATE, figures({ NDDK_CAN: { value: 15, qualifier: 'gan' } })).map((v) => v.code)).toEqual([
      'FIGURE_QUALIFIER_NOT_ALLOWED',
    ]);
  });

  it('blocks 14/13 xã for the social-criticism coverage', () => {
    expect(
      checkFigures(DAN_VAN_ANNUAL_TEMPLATE, figures({ PBXH_XA_TO_CHUC: { numerator: 14, denominator: 13 } })).map((v) => v.code),
    ).toEqual(['R_PBXH_XA_LE']);
  });
});
