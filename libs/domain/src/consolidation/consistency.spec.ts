import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { consolidate } from './consolidate';
import { checkStatedTotals, violationFindings } from './consistency';
import type { ApprovedSubmission } from './consolidation.model';
import { approved } from './test-fixtures';

const T = DAN_VAN_ANNUAL_TEMPLATE;

describe('checkStatedTotals', () => {
  describe('given 002 (MTTQ thành phố Lai Châu 2023): a fund total of 862.796.456 đồng and its four sources', () => {
    // "đã vận động được tổng số tiền 862.796.456 đồng (trong đó nguồn của Quỹ vì người nghèo Trung ương chuyển về
    // 24.000.000đ; “Vì người nghèo” tỉnh về 480 triệu đồng; các tỉnh, thành phố khác hỗ trợ 119.963.000đ; nguồn vận
    // động tại chỗ 120.341.560 đồng)". Money is entered in triệu đồng.
    const sources: ApprovedSubmission[] = [
      approved('quy-tw', 'Quỹ vì người nghèo Trung ương', 'MTTQ', { QUY_VAN_DONG: { value: 24 } }, 11),
      approved('quy-tinh', '“Vì người nghèo” tỉnh', 'MTTQ', { QUY_VAN_DONG: { value: 480 } }, 12),
      approved('tinh-khac', 'các tỉnh, thành phố khác', 'MTTQ', { QUY_VAN_DONG: { value: 119.963 } }, 13),
      approved('tai-cho', 'nguồn vận động tại chỗ', 'MTTQ', { QUY_VAN_DONG: { value: 120.34156 } }, 14),
    ];
    const c = consolidate({ template: T, submissions: sources });

    it('the parts add up to 744.304.560 đồng', () => {
      expect(c.indicators.find((i) => i.indicator.code === 'QUY_VAN_DONG')?.total).toEqual({ value: 744.30456 });
    });

    it('the stated 862.796.456 đồng is a mismatch of 118.491.896 đồng', () => {
      expect(checkStatedTotals(c, { QUY_VAN_DONG: { value: 862.796456 } })).toEqual([
        {
          kind: 'stated_total',
          code: 'STATED_TOTAL_MISMATCH',
          severity: 'error',
          indicatorCode: 'QUY_VAN_DONG',
          indicatorName: 'Số tiền vận động Quỹ "Vì người nghèo", an sinh xã hội',
          stated: { value: 862.796456 },
          computed: { value: 744.30456 },
          difference: 118.491896,
          messageVi:
            '"Số tiền vận động Quỹ "Vì người nghèo", an sinh xã hội": báo cáo ghi tổng số 862.796.456 đồng, ' +
            'các phần cộng lại 744.304.560 đồng; chênh lệch 118.491.896 đồng (số ghi lớn hơn).',
        },
      ]);
    });

    it('a total equal to the parts passes', () => {
      expect(checkStatedTotals(c, { QUY_VAN_DONG: { value: 744.30456 } })).toEqual([]);
    });
  });

  describe('given exact parts (GS_CUOC 2 + 1 + 2 = 5)', () => {
    const c = consolidate({
      template: T,
      submissions: [
        approved('mttq', 'MTTQ', 'MTTQ', { GS_CUOC: { value: 2 }, GS_DON_VI: { value: 4 } }, 1),
        approved('hlhpn', 'Hội LHPN', 'HLHPN', { GS_CUOC: { value: 1 }, GS_DON_VI: { value: 1 } }, 2),
        approved('hnd', 'Hội Nông dân', 'HND', { GS_CUOC: { value: 2 }, GS_DON_VI: { value: 2 } }, 3),
      ],
    });

    it('checks every statement of a figure cited more than once (97 on one page, 107 on the next)', () => {
      const findings = checkStatedTotals(c, { GS_CUOC: [{ value: 5 }, { value: 4 }, { value: 6 }] });
      expect(findings.map((f) => [f.code, f.difference])).toEqual([
        ['STATED_TOTAL_MISMATCH', -1],
        ['STATED_TOTAL_MISMATCH', 1],
      ]);
      expect(findings[0].messageVi).toBe(
        '"Số cuộc giám sát": báo cáo ghi tổng số 4 cuộc, các phần cộng lại 5 cuộc; chênh lệch 1 cuộc (số ghi nhỏ hơn).',
      );
    });

    it('warns when the number is right but a qualifier was added', () => {
      expect(checkStatedTotals(c, { GS_CUOC: { value: 5, qualifier: 'tren' } })).toMatchObject([
        { code: 'STATED_QUALIFIER_MISMATCH', severity: 'warning', difference: 0 },
      ]);
    });

    it('flags a stated total nobody reported', () => {
      expect(checkStatedTotals(c, { DT_CUOC: { value: 2 } })).toMatchObject([
        {
          code: 'STATED_TOTAL_WITHOUT_PARTS',
          severity: 'error',
          messageVi: '"Số cuộc đối thoại với Nhân dân": báo cáo ghi 2 cuộc nhưng không có đơn vị nào báo cáo số liệu này.',
        },
      ]);
    });
  });

  describe('given parts that are lower bounds (trên 100 + trên 92 + trên 85 = trên 277)', () => {
    const c = consolidate({
      template: T,
      submissions: [100, 92, 85].map((v, i) =>
        approved(`u${i}`, `Đơn vị ${i}`, 'MTTQ', { QUY_VAN_DONG: { value: v, qualifier: 'tren' } }, i),
      ),
    });
    const codeOf = (value: number, qualifier?: 'tren') =>
      checkStatedTotals(c, { QUY_VAN_DONG: qualifier ? { value, qualifier } : { value } }).map((f) => [f.code, f.severity]);

    it('a smaller stated total contradicts the parts', () => {
      expect(codeOf(270, 'tren')).toEqual([['STATED_TOTAL_MISMATCH', 'error']]);
    });

    it('a larger one cannot be verified', () => {
      expect(codeOf(280)).toEqual([['STATED_TOTAL_UNVERIFIABLE', 'warning']]);
    });

    it('the same number without "trên" is a qualifier warning (001 writes "tổng số tiền 277 triệu đồng")', () => {
      expect(codeOf(277)).toEqual([['STATED_QUALIFIER_MISMATCH', 'warning']]);
      expect(codeOf(277, 'tren')).toEqual([]);
    });
  });

  it('compares ratios by numerator and denominator', () => {
    const c = consolidate({
      template: T,
      submissions: [
        approved('a', 'A', 'DANG_UY_XA', { KDC_VAN_HOA: { numerator: 70, denominator: 72 } }, 1),
        approved('b', 'B', 'DANG_UY_XA', { KDC_VAN_HOA: { numerator: 48, denominator: 54 } }, 2),
      ],
    });
    expect(checkStatedTotals(c, { KDC_VAN_HOA: { numerator: 118, denominator: 126 } })).toEqual([]);
    expect(checkStatedTotals(c, { KDC_VAN_HOA: { numerator: 120, denominator: 126 } })).toMatchObject([
      {
        code: 'STATED_TOTAL_MISMATCH',
        difference: 2,
        messageVi:
          '"Khu dân cư đạt danh hiệu "Khu dân cư văn hóa"": báo cáo ghi tổng số 120/126 khu dân cư, các phần cộng lại 118/126 khu dân cư; chênh lệch 2 (số ghi lớn hơn).',
      },
    ]);
    expect(checkStatedTotals(c, { KDC_VAN_HOA: { numerator: 118, denominator: 125 } })).toMatchObject([
      { code: 'STATED_TOTAL_MISMATCH', difference: 0 },
    ]);
    expect(checkStatedTotals(c, { KDC_VAN_HOA: { value: 118 } })).toMatchObject([{ code: 'STATED_TOTAL_MISMATCH' }]);
  });
});

describe('violationFindings', () => {
  it('lists the validation violations of the submissions for the reviewer, errors first', () => {
    const c = consolidate({
      template: T,
      submissions: [
        approved('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: 3 }, TT_LUOT_NGUOI: { value: 90 } }, 1), // no HV_KET_NAP: warning
        approved('hnd', 'Hội Nông dân', 'HND', { TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 5 }, HV_KET_NAP: { value: 3 } }, 2),
      ],
    });
    expect(violationFindings(c).map((f) => [f.unitName, f.violation.code, f.violation.severity])).toEqual([
      ['Hội Nông dân', 'R_TT_LUOT_GTE_BUOI', 'error'],
      ['MTTQ', 'R_HV_KET_NAP_REQUIRED', 'warning'],
    ]);
  });
});
