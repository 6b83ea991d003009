import { catchDomainError } from '../shared/domain-error';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { consolidate, consolidatedIndicator } from './consolidate';
import type { ApprovedSubmission, Consolidation } from './consolidation.model';
import { approved } from './test-fixtures';

const T = DAN_VAN_ANNUAL_TEMPLATE;
const ORDER = ['mttq', 'hlhpn', 'hnd', 'dtn', 'hccb'];

// Hand-computed: TT_BUOI 326 + 120 + 85 = 531; TT_LUOT_NGUOI 3.017 + trên 5.400 + 2.150 = trên 10.567.
const mttq = approved(
  'mttq',
  'MTTQ',
  'MTTQ',
  {
    TT_BUOI: { value: 326 },
    TT_LUOT_NGUOI: { value: 3017 },
    QUY_VAN_DONG: { value: 100.5 },
    HV_KET_NAP: { value: 0 },
    KDC_VAN_HOA: { numerator: 118, denominator: 126 },
    GS_CUOC: { value: 2 },
    GS_DON_VI: { value: 8 },
  },
  101,
);
const hlhpn = approved(
  'hlhpn',
  'Hội LHPN',
  'HLHPN',
  {
    TT_BUOI: { value: 120 },
    TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' },
    HV_KET_NAP: { value: 215 },
    GS_CUOC: { value: 1 },
    GS_DON_VI: { value: 13 },
  },
  102,
);
const hnd = approved(
  'hnd',
  'Hội Nông dân',
  'HND',
  {
    TT_BUOI: { value: 85 },
    TT_LUOT_NGUOI: { value: 2150 },
    HV_KET_NAP: { value: 97 },
    QUY_VAN_DONG: { value: 12.25 },
  },
  103,
);

const run = (submissions: ApprovedSubmission[], extra: Partial<Parameters<typeof consolidate>[0]> = {}): Consolidation =>
  consolidate({ template: T, submissions, unitOrder: ORDER, ...extra });
const total = (c: Consolidation, code: string) => consolidatedIndicator(c, code).total;

describe('consolidate', () => {
  describe("given three organisations' approved figures", () => {
    const c = run([hnd, mttq, hlhpn]);

    it('adds up sum indicators, propagating "trên"', () => {
      expect(total(c, 'TT_BUOI')).toEqual({ value: 531 });
      expect(total(c, 'TT_LUOT_NGUOI')).toEqual({ value: 10567, qualifier: 'tren' });
      expect(total(c, 'HV_KET_NAP')).toEqual({ value: 312 }); // 0 + 215 + 97
      expect(total(c, 'QUY_VAN_DONG')).toEqual({ value: 112.75 });
    });

    it('adds numerators and denominators of ratio indicators', () => {
      expect(total(c, 'KDC_VAN_HOA')).toEqual({ numerator: 118, denominator: 126 });
    });

    it('leaves indicators nobody reported without total or parts', () => {
      expect(consolidatedIndicator(c, 'DT_CUOC')).toEqual({
        indicator: T.indicators.find((i) => i.code === 'DT_CUOC'),
        parts: [],
        provenance: [],
      });
    });

    it("lists the parts in the report's unit order, whatever order the submissions came in", () => {
      expect(consolidatedIndicator(c, 'TT_BUOI').parts.map((p) => [p.unitName, p.value])).toEqual([
        ['MTTQ', { value: 326 }],
        ['Hội LHPN', { value: 120 }],
        ['Hội Nông dân', { value: 85 }],
      ]);
      expect(run([hlhpn, hnd, mttq])).toEqual(c);
      expect(c.units.map((u) => u.unitId)).toEqual(['mttq', 'hlhpn', 'hnd']);
    });

    it('traces every part to the event that approved it', () => {
      expect(consolidatedIndicator(c, 'HV_KET_NAP').provenance).toEqual([
        { unitId: 'mttq', sourceEventId: 'evt-mttq', sourcePosition: '101' },
        { unitId: 'hlhpn', sourceEventId: 'evt-hlhpn', sourcePosition: '102' },
        { unitId: 'hnd', sourceEventId: 'evt-hnd', sourcePosition: '103' },
      ]);
      expect(consolidatedIndicator(c, 'HV_KET_NAP').parts[1]).toEqual({
        unitId: 'hlhpn',
        unitName: 'Hội LHPN',
        unitKind: 'HLHPN',
        value: { value: 215 },
        sourceEventId: 'evt-hlhpn',
        sourcePosition: '102',
      });
    });

    it("keeps the template's indicator order and identity", () => {
      expect(c.indicators.map((i) => i.indicator.code)).toEqual(T.indicators.map((i) => i.code));
      expect([c.templateId, c.templateVersion]).toEqual(['dan-van-annual', 1]);
      expect(c.findings).toEqual([]);
    });
  });

  it('without unitOrder, orders units by id', () => {
    const c = consolidate({ template: T, submissions: [mttq, hnd, hlhpn] });
    expect(c.units.map((u) => u.unitId)).toEqual(['hlhpn', 'hnd', 'mttq']);
  });

  it('puts units missing from unitOrder after the listed ones, by id', () => {
    const c = consolidate({ template: T, submissions: [mttq, hnd, hlhpn], unitOrder: ['hnd'] });
    expect(c.units.map((u) => u.unitId)).toEqual(['hnd', 'hlhpn', 'mttq']);
  });

  it('a unit listed twice in unitOrder takes its first place', () => {
    const c = consolidate({ template: T, submissions: [mttq, hnd, hlhpn], unitOrder: ['hnd', 'mttq', 'hlhpn', 'hnd'] });
    expect(c.units.map((u) => u.unitId)).toEqual(['hnd', 'mttq', 'hlhpn']);
  });

  it('refuses a unit with two approved submissions', () => {
    const error = catchDomainError(() => run([mttq, { ...mttq, sourceEventId: 'evt-2' }]));
    expect([error.code, error.httpStatus, error.details]).toEqual(['CONSOLIDATION_DUPLICATE_UNIT', 422, { unitId: 'mttq' }]);
  });

  it('refuses a blank unit name', () => {
    expect(catchDomainError(() => run([{ ...mttq, unitName: '  ' }])).details).toEqual({ field: 'unitName' });
  });

  describe('given figures that fail the template checks', () => {
    const broken = approved(
      'hccb',
      'Hội CCB',
      'HCCB',
      {
        TT_BUOI: { value: -3 },
        TT_LUOT_NGUOI: { value: 40 },
        GS_CUOC: { value: 3 },
        GS_DON_VI: { value: 2 },
      },
      104,
    );
    const c = run([mttq, broken]);

    it('leaves an unusable figure out of the total and says so', () => {
      expect(total(c, 'TT_BUOI')).toEqual({ value: 326 });
      const finding = c.findings.find((f) => f.kind === 'violation' && f.violation.code === 'FIGURE_NEGATIVE');
      expect(finding).toEqual({
        kind: 'violation',
        unitId: 'hccb',
        unitName: 'Hội CCB',
        sourceEventId: 'evt-hccb',
        excludedFromTotals: true,
        violation: expect.objectContaining({ code: 'FIGURE_NEGATIVE', indicatorCodes: ['TT_BUOI'], severity: 'error' }),
      });
    });

    it('keeps figures that only break a rule, and lists the rule for the reviewer', () => {
      expect(total(c, 'GS_CUOC')).toEqual({ value: 5 });
      const finding = c.findings.find((f) => f.kind === 'violation' && f.violation.code === 'R_GS_DON_VI_GTE_CUOC');
      expect(finding).toMatchObject({ unitId: 'hccb', excludedFromTotals: false, violation: { details: { GS_DON_VI: 2, GS_CUOC: 3 } } });
    });
  });

  describe('qualifier findings', () => {
    it('warns when "trên" and "gần" parts are added, and writes the total "ước đạt"', () => {
      const c = run([
        approved('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: 10 }, TT_LUOT_NGUOI: { value: 500, qualifier: 'tren' } }, 1),
        approved('hnd', 'Hội Nông dân', 'HND', { TT_BUOI: { value: 5 }, TT_LUOT_NGUOI: { value: 300, qualifier: 'gan' } }, 2),
      ]);
      expect(total(c, 'TT_LUOT_NGUOI')).toEqual({ value: 800, qualifier: 'uoc_dat' });
      expect(c.findings.filter((f) => f.kind === 'qualifier')).toEqual([
        {
          kind: 'qualifier',
          code: 'QUALIFIER_BOUNDS_MIXED',
          severity: 'warning',
          indicatorCode: 'TT_LUOT_NGUOI',
          unitIds: ['mttq', 'hnd'],
          messageVi:
            'Chỉ tiêu "Số lượt người tham gia tuyên truyền": có đơn vị ghi "trên", có đơn vị ghi "gần"; tổng số chỉ là ước tính và được ghi "ước đạt".',
        },
      ]);
    });

    it('warns when a cumulative figure is added to figures of the period', () => {
      const c = run([
        approved('mttq', 'MTTQ', 'MTTQ', { NDDK_CAN: { value: 120, qualifier: 'luy_ke' } }, 1),
        approved('hnd', 'Hội Nông dân', 'HND', { NDDK_CAN: { value: 3 } }, 2),
      ]);
      expect(total(c, 'NDDK_CAN')).toEqual({ value: 123 });
      expect(c.findings.filter((f) => f.kind === 'qualifier')).toMatchObject([{ code: 'QUALIFIER_CUMULATIVE_MIXED', unitIds: ['mttq'] }]);
    });
  });

  describe('given previous totals and targets', () => {
    const c = run([mttq, hlhpn, hnd], {
      previous: {
        label: 'năm 2021',
        totals: { TT_BUOI: { value: 500 }, HV_KET_NAP: { value: 312 }, GS_CUOC: { value: 0 }, TT_LUOT_NGUOI: { value: 9000 } },
      },
      targets: { HV_KET_NAP: 320, TT_BUOI: 0 },
    });

    it('compares each total with the previous one', () => {
      expect(consolidatedIndicator(c, 'TT_BUOI').comparison).toEqual({
        label: 'năm 2021',
        previous: { value: 500 },
        difference: 31,
        ratio: 531 / 500,
        approximate: false,
      });
      expect(consolidatedIndicator(c, 'HV_KET_NAP').comparison?.difference).toBe(0);
      expect(consolidatedIndicator(c, 'TT_LUOT_NGUOI').comparison?.approximate).toBe(true);
    });

    it('gives no ratio against a previous zero', () => {
      expect(consolidatedIndicator(c, 'GS_CUOC').comparison).toEqual({
        label: 'năm 2021',
        previous: { value: 0 },
        difference: 3,
        approximate: false,
      });
    });

    it('computes progress against the plan; a zero target has no ratio', () => {
      expect(consolidatedIndicator(c, 'HV_KET_NAP').plan).toEqual({ target: 320, ratio: 312 / 320, approximate: false });
      expect(consolidatedIndicator(c, 'TT_BUOI').plan).toEqual({ target: 0, approximate: false });
      expect(consolidatedIndicator(c, 'QUY_VAN_DONG').plan).toBeUndefined();
    });

    it('labels the previous period "cùng kỳ" by default', () => {
      const d = run([mttq], { previous: { totals: { TT_BUOI: { value: 300 } } } });
      expect(consolidatedIndicator(d, 'TT_BUOI').comparison?.label).toBe('cùng kỳ');
    });

    it('refuses previous totals or targets for indicators the template does not have, and bad shapes', () => {
      expect(catchDomainError(() => run([mttq], { previous: { totals: { XYZ: { value: 1 } } } })).code).toBe('PREVIOUS_UNKNOWN_INDICATOR');
      expect(catchDomainError(() => run([mttq], { targets: { XYZ: 1 } })).code).toBe('TARGET_UNKNOWN_INDICATOR');
      expect(catchDomainError(() => run([mttq], { targets: { TT_BUOI: -1 } })).code).toBe('TARGET_INVALID');
      expect(catchDomainError(() => run([mttq], { previous: { totals: { TT_BUOI: { numerator: 1, denominator: 2 } } } })).code).toBe(
        'PREVIOUS_TOTAL_WRONG_TYPE',
      );
    });
  });

  it('consolidatedIndicator refuses a code the template does not have', () => {
    expect(catchDomainError(() => consolidatedIndicator(run([mttq]), 'XYZ')).code).toBe('INDICATOR_NOT_IN_CONSOLIDATION');
  });
});
