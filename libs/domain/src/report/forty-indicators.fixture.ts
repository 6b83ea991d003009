import type { ApprovedSubmission } from '../consolidation/consolidation.model';
import type { OpenedCycleState } from '../cycle';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates';
import type { Figures, Indicator, Qualifier, ReportTemplate } from '../templates/report-template';
import type { RegistryUnit } from './draft-input';
import type { UnitNarrative } from './draft-builder';

/**
 * A 40-indicator template and a deterministic cycle of any size for specs of the draft at national scale: the
 * 24 indicators of dan-van-annual (worded by DAN_VAN_PHRASES) and 16 more of every other shape — worded per
 * kind of unit, money, yes/no coverage of a commune-only section, x/y coverage, a table of units — with
 * zeros, gaps, qualifiers and a figure the template refuses, so every branch of consolidation and wording runs.
 */
const DAN_VAN = BUILTIN_TEMPLATES.find((t) => t.id === 'dan-van-annual')!;
const KINDS = ['MTTQ', 'HLHPN', 'HND', 'DTN', 'HCCB', 'DANG_UY_XA'] as const;

export function fortyIndicatorTemplate(): ReportTemplate {
  const extra: Indicator[] = [];
  const q: Qualifier[] = ['tren', 'gan', 'uoc_dat', 'luy_ke'];
  for (let k = 0; k < 4; k++) {
    extra.push({
      code: `XT_HOAT_DONG_${k}`,
      name: `Số hoạt động chuyên đề ${k + 1}`,
      unit: 'cuộc',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: q,
      wording: {
        part: `{unit} tổ chức {XT_HOAT_DONG_${k}} cho {XT_NGUOI_${k}} {members}`,
        partByKind: { DANG_UY_XA: `{unit} {XT_HOAT_DONG_${k}}` },
        total: `tổ chức {XT_HOAT_DONG_${k}} chuyên đề ${k + 1} cho {XT_NGUOI_${k}}`,
      },
    });
    extra.push({
      code: `XT_NGUOI_${k}`,
      name: `Số người tham gia chuyên đề ${k + 1}`,
      unit: 'lượt người',
      sectionCode: 'II.2',
      aggregation: 'sum',
      valueType: 'integer',
      allowedQualifiers: q,
    });
    extra.push({
      code: `XT_QUY_${k}`,
      name: `Số tiền vận động quỹ ${k + 1}`,
      unit: 'triệu đồng',
      sectionCode: 'II.4',
      aggregation: 'sum',
      valueType: 'money',
      allowedQualifiers: q,
      wording: { part: `{unit} vận động {XT_QUY_${k}}`, total: `vận động quỹ ${k + 1} được {XT_QUY_${k}}` },
    });
  }
  for (let k = 0; k < 2; k++) {
    extra.push({
      code: `XT_XA_${k}`,
      name: `Xã tổ chức việc ${k + 1}`,
      unit: 'đơn vị',
      sectionCode: 'II.7',
      aggregation: 'ratio',
      valueType: 'boolean',
      allowedQualifiers: [],
      coverage: { noun: 'xã, thị trấn', activity: `tổ chức việc ${k + 1}` },
    });
  }
  extra.push({
    code: 'XT_TO_DAT',
    name: 'Tổ đạt chuẩn',
    unit: 'tổ',
    sectionCode: 'II.6',
    aggregation: 'ratio',
    valueType: 'ratio',
    allowedQualifiers: [],
    coverage: { noun: 'đơn vị', activity: 'có mọi tổ đạt chuẩn' },
  });
  extra.push({
    code: 'XT_TAP_HOP',
    name: 'Kết quả tập hợp quần chúng',
    unit: '',
    sectionCode: 'II.4',
    aggregation: 'sum',
    valueType: 'table',
    allowedQualifiers: [],
    annexTitle: 'PHỤ LỤC\nKết quả tập hợp quần chúng',
    table: {
      rowSource: 'units',
      rowHeader: 'Tổ chức',
      totalLabel: 'Tổng cộng',
      columns: [
        { code: 'TONG_SO', label: 'Tổng số', valueType: 'integer', aggregation: 'sum' },
        { code: 'KET_NAP', label: 'Kết nạp mới', valueType: 'integer', aggregation: 'sum' },
      ],
    },
  } as Indicator);
  const sections = DAN_VAN.sections.map((s) =>
    s.code === 'II'
      ? { ...s, children: [...(s.children ?? []), { code: 'II.7', title: 'Hoạt động ở cơ sở', unitKinds: ['DANG_UY_XA'] }] }
      : s,
  );
  return { ...DAN_VAN, id: 'forty-indicators', sections, indicators: [...DAN_VAN.indicators, ...extra] };
}

const pad = (i: number) => String(i).padStart(6, '0');

/** Unit i of a cycle: a uuid-shaped id, a name, a kind in turn. */
export function fortyUnit(i: number): RegistryUnit {
  const kind = KINDS[i % KINDS.length];
  return {
    id: `00000000-0000-4000-8000-${pad(i).padStart(12, '0')}`,
    parentId: 'ISSUER',
    level: kind === 'DANG_UY_XA' ? 'xa' : 'huyen',
    kind,
    canonicalName: `${kind === 'DANG_UY_XA' ? 'Đảng ủy xã' : 'Tổ chức'} Số ${i}`,
    shortName: kind === 'DANG_UY_XA' ? `Xã ${i}` : `Tổ chức ${i}`,
  };
}

/** The approved figures of unit i: every shape, with zeros, gaps, qualifiers and the odd refused figure. */
export function fortyFigures(template: ReportTemplate, i: number): Figures {
  const figures: Figures = {};
  const kind = KINDS[i % KINDS.length];
  template.indicators.forEach((ind, k) => {
    if ((i + k) % 17 === 0) return; // a gap
    const v = (i * 7 + k * 3) % 60;
    const qualifier = (i + k) % 23 === 0 ? { qualifier: (['tren', 'gan', 'uoc_dat', 'luy_ke'] as const)[(i + k) % 4] } : {};
    switch (ind.valueType) {
      case 'ratio':
        figures[ind.code] = { numerator: (i % 4) + 5, denominator: 8 };
        break;
      case 'boolean':
        if (kind === 'DANG_UY_XA') figures[ind.code] = { value: (i + k) % 3 === 0 ? 0 : 1 };
        break;
      case 'decimal':
      case 'money':
        figures[ind.code] = { value: v + 0.25 * (k % 4), ...qualifier };
        break;
      case 'table':
        figures[ind.code] = { cells: { TONG_SO: 100 + v, KET_NAP: v % 7 } };
        break;
      default:
        figures[ind.code] = { value: v, ...qualifier };
    }
  });
  for (const [many, few] of [
    ['TT_LUOT_NGUOI', 'TT_BUOI'],
    ['GS_DON_VI', 'GS_CUOC'],
    ['DT_LUOT_NGUOI', 'DT_CUOC'],
    ['DON_THU_TIEP_NHAN', 'DON_THU_GIAI_QUYET'],
  ]) {
    if (figures[many] && 'value' in figures[many]) figures[many] = { ...figures[many], value: 1000 + i };
    if (figures[few] && 'value' in figures[few] && i % 41 !== 0) figures[few] = { value: (figures[few] as { value: number }).value % 50 };
  }
  if (i % 97 === 5) figures.TT_BUOI = { value: -3 }; // refused: left out of the totals, a finding
  return figures;
}

export interface FortyCycle {
  cycle: OpenedCycleState;
  template: ReportTemplate;
  submissions: ApprovedSubmission[];
  narratives: UnitNarrative[];
  units: Map<string, RegistryUnit>;
  previous: { label: string; totals: Figures };
  targets: Record<string, number>;
}

/** A cycle of `n` units of which every one but each 11th is approved, with previous totals and targets. */
export function fortyCycle(n: number): FortyCycle {
  const template = fortyIndicatorTemplate();
  const all = Array.from({ length: n }, (_, i) => fortyUnit(i));
  const units = new Map<string, RegistryUnit>(all.map((u) => [u.id, u]));
  units.set('ISSUER', {
    id: 'ISSUER',
    parentId: 'TINH',
    level: 'huyen',
    kind: 'HUYEN_UY',
    canonicalName: 'Huyện ủy Tam Đường',
    shortName: 'Huyện ủy',
  });
  units.set('TINH', {
    id: 'TINH',
    parentId: null,
    level: 'tinh',
    kind: 'TINH_UY',
    canonicalName: 'Tỉnh ủy Lai Châu',
    shortName: 'Tỉnh ủy',
  });
  const approvedUnits = all.filter((_, i) => i % 11 !== 3);
  // Approvals in an order other than the plan's, as they arrive.
  const arrival = [...approvedUnits].sort(
    (a, b) => ((a.id.charCodeAt(30) * 31) % 7) - ((b.id.charCodeAt(30) * 31) % 7) || (a.id < b.id ? 1 : -1),
  );
  const submissions = arrival.map((u, j) => ({
    unitId: u.id,
    unitName: u.shortName ?? u.canonicalName,
    unitKind: u.kind,
    figures: fortyFigures(template, Number(u.id.slice(-6))),
    sourceEventId: `10000000-0000-4000-8000-${u.id.slice(-12)}`,
    sourcePosition: String(5000 + j),
  }));
  const narratives = submissions
    .filter((_, j) => j % 3 === 0)
    .map((s) => ({ unitId: s.unitId, unitName: s.unitName, narrative: { 'II.1': `${s.unitName} tổ chức tuyên truyền.`, 'III.2': ' ' } }));
  const cycle = {
    status: 'reviewing',
    cycleId: 'c0000000-0000-4000-8000-000000000040',
    templateId: template.id,
    templateVersion: template.version,
    period: { kind: 'annual', year: 2026, dataFrom: '2026-01-01', dataTo: '2026-12-31', label: 'năm 2026' },
    issuingBody: { unitId: 'ISSUER', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
    signer: { title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A', authority: 'T/M' },
    coordinatorId: 'coordinator',
    milestones: { submissionDeadline: '2026-12-10' },
    assignedUnits: all.map((u) => ({ unitId: u.id, baseDeadline: '2026-12-10', extensions: [] })),
  } as unknown as OpenedCycleState;
  return {
    cycle,
    template,
    submissions,
    narratives,
    units,
    previous: { label: 'năm 2025', totals: { TT_BUOI: { value: 10 * n }, XT_QUY_0: { value: 30 * n }, GS_CUOC: { value: 0 } } },
    targets: { TT_BUOI: 20 * n, XT_HOAT_DONG_1: 0, HV_KET_NAP: 25 * n },
  };
}

/** What `consolidate` takes for a forty-indicator cycle: its template, approvals, units' order, previous totals and targets. */
export function fortyConsolidationInput(f: FortyCycle) {
  return {
    template: f.template,
    submissions: f.submissions,
    unitOrder: f.cycle.assignedUnits.map((u) => u.unitId),
    previous: f.previous,
    targets: f.targets,
  };
}
