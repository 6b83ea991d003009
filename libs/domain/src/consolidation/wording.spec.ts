import { catchDomainError } from '../shared/domain-error';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { consolidate, consolidatedIndicator } from './consolidate';
import type { ApprovedSubmission, ConsolidationInput } from './consolidation.model';
import { DAN_VAN_PHRASES } from './dan-van.phrases';
import { formatFigure } from './figure-format';
import { approved } from './test-fixtures';
import { breakdownText, changeText, planText, previousRatioText, totalText } from './wording';

const T = DAN_VAN_ANNUAL_TEMPLATE;
const indicator = (code: string) => T.indicators.find((i) => i.code === code)!;
const submissions: ApprovedSubmission[] = [
  approved(
    'mttq',
    'MTTQ',
    'MTTQ',
    {
      TT_BUOI: { value: 326 },
      TT_LUOT_NGUOI: { value: 3017 },
      HV_KET_NAP: { value: 0 },
      QUY_VAN_DONG: { value: 100.5 },
    },
    1,
  ),
  approved(
    'hlhpn',
    'Hội LHPN',
    'HLHPN',
    {
      TT_BUOI: { value: 120 },
      TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' },
      HV_KET_NAP: { value: 215 },
    },
    2,
  ),
  approved('hnd', 'Hội Nông dân', 'HND', { TT_BUOI: { value: 85 }, HV_KET_NAP: { value: 97 }, QUY_VAN_DONG: { value: 12.25 } }, 3),
];
const run = (extra: Partial<ConsolidationInput> = {}) =>
  consolidate({ template: T, submissions, unitOrder: ['mttq', 'hlhpn', 'hnd'], ...extra });

describe('formatFigure', () => {
  it.each<[string, Parameters<typeof formatFigure>[1], Parameters<typeof formatFigure>[2], string]>([
    ['TT_BUOI', { value: 4 }, undefined, '04 buổi'],
    ['TT_BUOI', { value: 4 }, { pad: 1 }, '4 buổi'],
    ['TT_BUOI', { value: 0 }, undefined, '0 buổi'],
    ['TT_LUOT_NGUOI', { value: 53622, qualifier: 'tren' }, undefined, 'trên 53.622 lượt người'],
    ['NDDK_CAN', { value: 7 }, { noun: 'nhà' }, '07 nhà'],
    ['NDDK_GIA_TRI', { value: 350 }, undefined, '350 triệu đồng'],
    ['SUAT_QUA_GIA_TRI', { value: 90.5 }, undefined, '90,5 triệu đồng'],
    ['QUY_VAN_DONG', { value: 862.796456 }, { money: 'đồng' }, '862.796.456 đồng'],
    ['QUY_VAN_DONG', { value: 1250, qualifier: 'gan' }, { money: 'auto' }, 'gần 1,3 tỷ đồng'],
    ['KDC_VAN_HOA', { numerator: 72, denominator: 72 }, undefined, '72/72 khu dân cư'],
    ['PBXH_XA_TO_CHUC', { numerator: 8, denominator: 13 }, { noun: 'xã, thị trấn' }, '8/13 xã, thị trấn'],
    ['DT_LUOT_NGUOI', { value: 1250, qualifier: 'uoc_dat' }, undefined, 'ước đạt 1.250 lượt người'],
  ])('%s %j %j → %s', (code, value, format, expected) => {
    expect(formatFigure(indicator(code), value, format)).toBe(expected);
  });
});

describe('breakdownText', () => {
  const c = run();

  it("writes one part per unit in report order, with the unit's own figures (DOMAIN §5 footnote)", () => {
    expect(breakdownText(c, 'TT_BUOI', DAN_VAN_PHRASES.TT_BUOI)).toEqual({
      text:
        'MTTQ các cấp tổ chức 326 buổi tuyên truyền cho 3.017 lượt người; ' +
        'Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người',
      parts: [
        { unitId: 'mttq', text: 'MTTQ các cấp tổ chức 326 buổi tuyên truyền cho 3.017 lượt người' },
        { unitId: 'hlhpn', text: 'Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người' },
      ],
      // Hội Nông dân reported sessions but not attendances: its part cannot be written, and the reviewer is told.
      skipped: [{ unitId: 'hnd', unitName: 'Hội Nông dân', reason: 'missing', missing: ['TT_LUOT_NGUOI'] }],
    });
  });

  it('leaves out units that reported zero unless asked', () => {
    const phrase = DAN_VAN_PHRASES.HV_KET_NAP;
    expect(breakdownText(c, 'HV_KET_NAP', phrase).text).toBe('Hội LHPN kết nạp 215 hội viên mới; Hội Nông dân kết nạp 97 hội viên mới');
    expect(breakdownText(c, 'HV_KET_NAP', phrase).skipped).toEqual([{ unitId: 'mttq', unitName: 'MTTQ', reason: 'zero', missing: [] }]);
    expect(breakdownText(c, 'HV_KET_NAP', { ...phrase, includeZero: true }).text).toMatch(/^MTTQ kết nạp 0 hội viên mới; Hội LHPN/);
  });

  it("uses prefix, suffix, separator and a unit's own wording", () => {
    const text = breakdownText(c, 'QUY_VAN_DONG', {
      prefix: 'Trong đó: ',
      suffix: '.',
      separator: ', ',
      part: '{unit} {QUY_VAN_DONG}',
      partByUnit: { hnd: 'Hội Nông dân vận động quỹ Hỗ trợ nông dân được {QUY_VAN_DONG}' },
      formats: { QUY_VAN_DONG: { money: 'đồng' } },
    }).text;
    expect(text).toBe('Trong đó: MTTQ 100.500.000 đồng, Hội Nông dân vận động quỹ Hỗ trợ nông dân được 12.250.000 đồng.');
  });

  it('defaults to "{unit} {CODE}" joined by "; ", and is empty when nobody reported', () => {
    expect(breakdownText(c, 'TT_BUOI').text).toBe('MTTQ 326 buổi; Hội LHPN 120 buổi; Hội Nông dân 85 buổi');
    expect(breakdownText(c, 'DT_CUOC')).toEqual({ text: '', parts: [], skipped: [] });
  });

  it('refuses comparison placeholders in a part', () => {
    const error = catchDomainError(() => breakdownText(c, 'TT_BUOI', { part: '{unit} {TT_BUOI:change}' }));
    expect([error.code, error.details]).toEqual([
      'PHRASE_PLACEHOLDER_INVALID',
      { template: '{unit} {TT_BUOI:change}', placeholder: '{TT_BUOI:change}' },
    ]);
  });
});

describe('totalText', () => {
  it('writes the consolidated total with its qualifier', () => {
    expect(totalText(run(), 'TT_BUOI', DAN_VAN_PHRASES.TT_BUOI)).toBe(
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 531 buổi tuyên truyền cho trên 8.417 lượt người',
    );
  });

  it("fills {breakdown} with the phrase's own breakdown", () => {
    const text = totalText(run(), 'HV_KET_NAP', {
      ...DAN_VAN_PHRASES.HV_KET_NAP,
      total: 'kết nạp mới {HV_KET_NAP} ({breakdown})',
      separator: ', ',
    });
    expect(text).toBe('kết nạp mới 312 hội viên (Hội LHPN kết nạp 215 hội viên mới, Hội Nông dân kết nạp 97 hội viên mới)');
  });

  it('writes the comparison and the plan inline', () => {
    const c = run({ previous: { label: 'năm 2021', totals: { TT_BUOI: { value: 500 } } }, targets: { TT_BUOI: 540 } });
    expect(totalText(c, 'TT_BUOI', { total: 'tổ chức {TT_BUOI}, {TT_BUOI:change}, {TT_BUOI:ratio}, {TT_BUOI:plan}' })).toBe(
      'tổ chức 531 buổi, tăng 31 buổi so với năm 2021, bằng 106,2% so với năm 2021, đạt 98,3% kế hoạch',
    );
  });

  it.each<[string, string, string]>([
    ['{unit} {TT_BUOI}', 'PHRASE_PLACEHOLDER_INVALID', '{unit}'],
    ['{TT_BUOI:percent}', 'PHRASE_PLACEHOLDER_INVALID', '{TT_BUOI:percent}'],
    ['{TT_BUOI:change}', 'PHRASE_VALUE_MISSING', 'change'],
    ['{TT_BUOI:plan}', 'PHRASE_VALUE_MISSING', 'plan'],
    ['{DT_CUOC}', 'PHRASE_VALUE_MISSING', 'total'],
    ['{KHONG_CO}', 'INDICATOR_NOT_IN_CONSOLIDATION', ''],
  ])('refuses %s with %s', (template, code, detail) => {
    const error = catchDomainError(() => totalText(run(), 'TT_BUOI', { total: template }));
    expect(error.code).toBe(code);
    if (detail) expect(JSON.stringify(error.details)).toContain(detail);
  });
});

describe('changeText, previousRatioText, planText', () => {
  const one = (current: number, previous: number | undefined, extra: Partial<ConsolidationInput> = {}) =>
    consolidatedIndicator(
      consolidate({
        template: T,
        submissions: [
          approved('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: current }, TT_LUOT_NGUOI: { value: current * 10, qualifier: 'tren' } }, 1),
        ],
        ...(previous === undefined
          ? {}
          : { previous: { totals: { TT_BUOI: { value: previous }, TT_LUOT_NGUOI: { value: previous * 10 } } } }),
        ...extra,
      }),
      'TT_BUOI',
    );

  it.each<[number, number, string]>([
    [1452, 1000, 'tăng 452 buổi so với cùng kỳ'],
    [95, 100, 'giảm 05 buổi so với cùng kỳ'],
    [100, 100, 'bằng cùng kỳ'],
  ])('%p against %p → %s', (current, previous, expected) => {
    expect(changeText(one(current, previous))).toBe(expected);
  });

  it('writes "khoảng" when either side is approximate', () => {
    const ci = consolidatedIndicator(
      consolidate({
        template: T,
        submissions: [approved('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: 10 }, TT_LUOT_NGUOI: { value: 1452, qualifier: 'tren' } }, 1)],
        previous: { totals: { TT_LUOT_NGUOI: { value: 1000 } } },
      }),
      'TT_LUOT_NGUOI',
    );
    expect(changeText(ci)).toBe('tăng khoảng 452 lượt người so với cùng kỳ');
    expect(previousRatioText(ci)).toBe('bằng khoảng 145,2% so với cùng kỳ');
  });

  it('writes the ratio to the previous period: "bằng 145,2% so với cùng kỳ"', () => {
    expect(previousRatioText(one(1452, 1000))).toBe('bằng 145,2% so với cùng kỳ');
    expect(previousRatioText(one(5, 0))).toBeUndefined();
  });

  it('writes progress against the plan: "đạt 98,3% kế hoạch"', () => {
    expect(planText(one(590, undefined, { targets: { TT_BUOI: 600 } }))).toBe('đạt 98,3% kế hoạch');
    expect(planText(one(690, undefined, { targets: { TT_BUOI: 600 } }))).toBe('đạt 115% kế hoạch');
    expect(planText(one(5, undefined))).toBeUndefined();
  });

  it('writes "ước đạt" of the plan when the total is approximate', () => {
    const c = consolidate({
      template: T,
      submissions: [approved('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: 1 }, TT_LUOT_NGUOI: { value: 950, qualifier: 'uoc_dat' } }, 1)],
      targets: { TT_LUOT_NGUOI: 1000 },
    });
    expect(planText(consolidatedIndicator(c, 'TT_LUOT_NGUOI'))).toBe('ước đạt 95% kế hoạch');
  });

  it('returns undefined without a previous figure', () => {
    expect(changeText(one(5, undefined))).toBeUndefined();
  });
});
