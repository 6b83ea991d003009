/**
 * Rebuilds footnotes 19, 20 and 23 of reference 001 (Huyện ủy Tam Đường, tổng kết công tác dân vận năm 2022)
 * from unit submissions: the numbers are computed, the wording comes from per-indicator phrases, and the
 * generated text must contain the reference's own phrases.
 */
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import type { Indicator, ReportTemplate } from '../templates/report-template';
import { checkStatedTotals } from './consistency';
import { consolidate, consolidatedIndicator } from './consolidate';
import { approved } from './test-fixtures';
import { breakdownText, totalText, type IndicatorPhrase } from './wording';

const T = DAN_VAN_ANNUAL_TEMPLATE;

describe('001 footnote 19: houses of the "Vì người nghèo" fund', () => {
  // Body: "triển khai làm mới 15 nhà đại đoàn kết cho hộ nghèo, trị giá 570 triệu đồng¹⁹"
  // Fn 19: "07 nhà do quỹ "Vì người nghèo" tỉnh tài trợ, trị giá 350 triệu đồng; 08 nhà do quỹ "Vì người nghèo" huyện
  //         tài trợ, trị giá 220 triệu đồng"
  const REFERENCE_BODY = 'triển khai làm mới 15 nhà đại đoàn kết cho hộ nghèo, trị giá 570 triệu đồng';
  const REFERENCE_FOOTNOTE =
    '07 nhà do quỹ "Vì người nghèo" tỉnh tài trợ, trị giá 350 triệu đồng; ' +
    '08 nhà do quỹ "Vì người nghèo" huyện tài trợ, trị giá 220 triệu đồng';
  // The parts are the two funding boards (Ban vận động quỹ "Vì người nghèo" tỉnh / huyện), named as the text does.
  const c = consolidate({
    template: T,
    submissions: [
      approved('bvd-quy-huyen', 'quỹ "Vì người nghèo" huyện', 'MTTQ', { NDDK_CAN: { value: 8 }, NDDK_GIA_TRI: { value: 220 } }, 1902),
      approved('bvd-quy-tinh', 'quỹ "Vì người nghèo" tỉnh', 'MTTQ', { NDDK_CAN: { value: 7 }, NDDK_GIA_TRI: { value: 350 } }, 1901),
    ],
    unitOrder: ['bvd-quy-tinh', 'bvd-quy-huyen'],
  });
  const phrase: IndicatorPhrase = {
    part: '{NDDK_CAN} do {unit} tài trợ, trị giá {NDDK_GIA_TRI}',
    total: 'triển khai làm mới {NDDK_CAN} đại đoàn kết cho hộ nghèo, trị giá {NDDK_GIA_TRI}',
    formats: { NDDK_CAN: { noun: 'nhà' } },
  };

  it('computes 07 + 08 = 15 nhà and 350 + 220 = 570 triệu đồng', () => {
    expect(consolidatedIndicator(c, 'NDDK_CAN').total).toEqual({ value: 15 });
    expect(consolidatedIndicator(c, 'NDDK_GIA_TRI').total).toEqual({ value: 570 });
  });

  it('writes the footnote as the reference does', () => {
    const text = breakdownText(c, 'NDDK_CAN', phrase).text;
    expect(text).toBe(REFERENCE_FOOTNOTE);
    expect(text).toContain('07 nhà');
    expect(text).toContain('350 triệu đồng');
    expect(text).toContain('08 nhà');
    expect(text).toContain('220 triệu đồng');
  });

  it('writes the body sentence as the reference does', () => {
    expect(totalText(c, 'NDDK_CAN', phrase)).toBe(REFERENCE_BODY);
  });

  it('traces the 15 houses to the two approvals', () => {
    expect(consolidatedIndicator(c, 'NDDK_CAN').provenance.map((p) => [p.unitId, p.sourceEventId, p.sourcePosition])).toEqual([
      ['bvd-quy-tinh', 'evt-bvd-quy-tinh', '1901'],
      ['bvd-quy-huyen', 'evt-bvd-quy-huyen', '1902'],
    ]);
  });

  it("finds nothing wrong with the reference's stated totals", () => {
    expect(checkStatedTotals(c, { NDDK_CAN: { value: 15 }, NDDK_GIA_TRI: { value: 570 } })).toEqual([]);
  });
});

describe('001 footnote 20: funds raised', () => {
  // Body: "Tổ chức vận động ủng hộ quỹ "Vì người nghèo", quỹ chăm sóc Người cao tuổi, quỹ chung tay xoa dịu nỗi đau da
  //        cam dioxin với tổng số tiền 277 triệu đồng²⁰"
  // Fn 20: "Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng, ủng hộ quỹ chăm sóc Người cao tuổi được trên
  //         92 triệu đồng, quỹ chung tay xoa dịu nỗi đau da cam dioxin được trên 85 triệu đồng."
  const REFERENCE_FOOTNOTE =
    'Vận động ủng hộ quỹ "Vì người nghèo" đạt trên 100 triệu đồng, ủng hộ quỹ chăm sóc Người cao tuổi ' +
    'được trên 92 triệu đồng, quỹ chung tay xoa dịu nỗi đau da cam dioxin được trên 85 triệu đồng.';
  const REFERENCE_BODY_TAIL = 'với tổng số tiền 277 triệu đồng';
  // Each fund is raised by the organisation that runs it.
  const c = consolidate({
    template: T,
    submissions: [
      approved('hnct', 'Hội Người cao tuổi', 'HNCT', { QUY_VAN_DONG: { value: 92, qualifier: 'tren' } }, 2002),
      approved('mttq', 'MTTQ', 'MTTQ', { QUY_VAN_DONG: { value: 100, qualifier: 'tren' } }, 2001),
      approved('hnncdc', 'Hội Nạn nhân chất độc da cam/dioxin', 'HNNCDDC', { QUY_VAN_DONG: { value: 85, qualifier: 'tren' } }, 2003),
    ],
    unitOrder: ['mttq', 'hnct', 'hnncdc'],
  });
  const phrase: IndicatorPhrase = {
    prefix: 'Vận động ',
    separator: ', ',
    suffix: '.',
    partByUnit: {
      mttq: 'ủng hộ quỹ "Vì người nghèo" đạt {QUY_VAN_DONG}',
      hnct: 'ủng hộ quỹ chăm sóc Người cao tuổi được {QUY_VAN_DONG}',
      hnncdc: 'quỹ chung tay xoa dịu nỗi đau da cam dioxin được {QUY_VAN_DONG}',
    },
    total:
      'Tổ chức vận động ủng hộ quỹ "Vì người nghèo", quỹ chăm sóc Người cao tuổi, quỹ chung tay xoa dịu nỗi đau da cam dioxin ' +
      'với tổng số tiền {QUY_VAN_DONG}',
  };

  it('computes trên 100 + trên 92 + trên 85 = trên 277 triệu đồng', () => {
    expect(consolidatedIndicator(c, 'QUY_VAN_DONG').total).toEqual({ value: 277, qualifier: 'tren' });
  });

  it('writes the footnote as the reference does', () => {
    const text = breakdownText(c, 'QUY_VAN_DONG', phrase).text;
    expect(text).toBe(REFERENCE_FOOTNOTE);
    for (const part of ['đạt trên 100 triệu đồng', 'được trên 92 triệu đồng', 'được trên 85 triệu đồng']) expect(text).toContain(part);
  });

  it('writes the body sentence with the same number, keeping "trên" the reference dropped', () => {
    const text = totalText(c, 'QUY_VAN_DONG', phrase);
    expect(text).toBe(
      'Tổ chức vận động ủng hộ quỹ "Vì người nghèo", quỹ chăm sóc Người cao tuổi, quỹ chung tay xoa dịu nỗi đau da cam ' +
        'dioxin với tổng số tiền trên 277 triệu đồng',
    );
    expect(text.replace('trên ', '')).toContain(REFERENCE_BODY_TAIL);
  });

  it('tells the reviewer that the reference\'s "277 triệu đồng" lost the "trên" of its parts', () => {
    expect(checkStatedTotals(c, { QUY_VAN_DONG: { value: 277 } })).toEqual([
      expect.objectContaining({
        code: 'STATED_QUALIFIER_MISMATCH',
        severity: 'warning',
        difference: 0,
        messageVi:
          '"Số tiền vận động Quỹ "Vì người nghèo", an sinh xã hội": báo cáo ghi 277.000.000 đồng, ' +
          'các phần cộng lại trên 277.000.000 đồng (các phần ghi "trên", báo cáo ghi số chính xác).',
      }),
    ]);
  });
});

describe('001 footnote 23: temporary houses replaced, by commune', () => {
  // Fn 23: "Thực hiện xóa nhà tạm 21 nhà (Sơn Bình 5 nhà, Bình Lư 2 nhà, Bản Giang 5 nhà, Bản Hon 8 nhà, Bản Bo 1 nhà)"
  const REFERENCE = 'Thực hiện xóa nhà tạm 21 nhà (Sơn Bình 5 nhà, Bình Lư 2 nhà, Bản Giang 5 nhà, Bản Hon 8 nhà, Bản Bo 1 nhà)';
  const XOA_NHA_TAM: Indicator = {
    code: 'XOA_NHA_TAM',
    name: 'Số nhà tạm được xóa',
    unit: 'căn',
    sectionCode: 'II.2',
    aggregation: 'sum',
    valueType: 'integer',
    allowedQualifiers: ['luy_ke'],
  };
  const template: ReportTemplate = { ...T, indicators: [...T.indicators, XOA_NHA_TAM] };
  // The district's order of the five communes in the report; submissions arrive in any order.
  const ORDER = ['son-binh', 'binh-lu', 'ban-giang', 'ban-hon', 'ban-bo'];
  const houses: Record<string, [string, number]> = {
    'ban-bo': ['Bản Bo', 1],
    'ban-hon': ['Bản Hon', 8],
    'son-binh': ['Sơn Bình', 5],
    'ban-giang': ['Bản Giang', 5],
    'binh-lu': ['Bình Lư', 2],
  };
  const c = consolidate({
    template,
    submissions: Object.entries(houses).map(([id, [name, n]], i) =>
      approved(id, name, 'DANG_UY_XA', { XOA_NHA_TAM: { value: n } }, 2300 + i),
    ),
    unitOrder: ORDER,
  });
  const phrase: IndicatorPhrase = {
    part: '{unit} {XOA_NHA_TAM}',
    separator: ', ',
    total: 'Thực hiện xóa nhà tạm {XOA_NHA_TAM} ({breakdown})',
    formats: { XOA_NHA_TAM: { noun: 'nhà', pad: 1 } },
  };

  it('computes 5 + 2 + 5 + 8 + 1 = 21', () => {
    expect(consolidatedIndicator(c, 'XOA_NHA_TAM').total).toEqual({ value: 21 });
  });

  it("writes the sentence and the per-commune list as the reference does, in the district's order", () => {
    const text = totalText(c, 'XOA_NHA_TAM', phrase);
    expect(text).toBe(REFERENCE);
    expect(breakdownText(c, 'XOA_NHA_TAM', phrase).text).toBe(
      'Sơn Bình 5 nhà, Bình Lư 2 nhà, Bản Giang 5 nhà, Bản Hon 8 nhà, Bản Bo 1 nhà',
    );
  });

  it('a stated 20 would be caught', () => {
    expect(checkStatedTotals(c, { XOA_NHA_TAM: { value: 20 } })).toMatchObject([{ code: 'STATED_TOTAL_MISMATCH', difference: -1 }]);
  });
});
