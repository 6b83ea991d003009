import { consolidate } from '../consolidation/consolidate';
import type { ApprovedSubmission } from '../consolidation/consolidation.model';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates';
import { checkFigures } from '../templates/figure-check';
import { loadTemplate } from '../templates/template-loader';
import { templateForUnitKind, type Figures } from '../templates/report-template';
import { buildDraft } from './draft-builder';
import { passagesOf } from './passages';
import { periodWords, superiorHeaderName } from './period-words';

const byId = (id: string) => BUILTIN_TEMPLATES.find((t) => t.id === id)!;
const sub = (unitId: string, unitName: string, unitKind: string, figures: Figures, n: number): ApprovedSubmission => ({
  unitId,
  unitName,
  unitKind,
  figures,
  sourceEventId: `evt-${unitId}`,
  sourcePosition: String(n),
});
const header = {
  scheme: 'party' as const,
  issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG',
  bodySymbol: 'HU',
  typeCode: 'BC',
  place: 'Tam Đường',
  draftYear: 2026,
};
const signature = { authority: 'T/M' as const, onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' };

describe('built-in templates (data files)', () => {
  it('loads the five kinds of report, each valid', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual([
      'dan-van-annual',
      'mttq-doan-the-9-thang',
      'mat-tran-nam',
      'so-ket-chi-thi',
      'nhiem-vu-chinh-tri-9-thang',
    ]);
  });
  it('refuses a bad template naming the file and the problem', () => {
    const bad = { ...byId('so-ket-chi-thi'), indicators: [{ ...byId('so-ket-chi-thi').indicators[0], sectionCode: 'IX' }] };
    expect(() => loadTemplate(bad, 'bad.template.json')).toThrow(
      /bad\.template\.json: 1 problem\(s\): indicators\[0\]\.sectionCode INDICATOR_SECTION_NOT_FOUND/,
    );
    expect(() =>
      loadTemplate(
        {
          ...bad,
          indicators: [],
          rules: [{ code: 'R', severity: 'error', kind: 'sum_of_parts', total: 'A', parts: ['B'], messageVi: 'x' }],
        },
        'r.json',
      ),
    ).toThrow(/rules\[0\]\.parts RULE_PARTS_TOO_FEW; rules\[0\]\.total RULE_INDICATOR_NOT_FOUND/);
  });
  it('shows a unit only the sections of its kind', () => {
    const t = byId('mttq-doan-the-9-thang');
    const commune = templateForUnitKind(t, 'DANG_UY_XA');
    expect(commune.sections[1].children!.map((s) => s.code)).toEqual(['II.1', 'II.3']);
    expect(commune.indicators.map((i) => i.code)).toEqual(['XA_PBXH', 'XA_GIAM_SAT', 'XA_DOI_THOAI']);
    expect(templateForUnitKind(t, 'HLHPN').indicators.map((i) => i.code)).not.toContain('XA_PBXH');
  });
  it('checks sum-of-parts, yes/no and table figures', () => {
    const front = byId('mat-tran-nam');
    expect(
      checkFigures(front, {
        QUY_VNN_TONG: { value: 862796456 },
        QUY_VNN_CO_QUAN: { value: 624340000 },
        QUY_VNN_NHAN_DAN: { value: 119964560 },
      }).map((v) => [v.code, v.details]),
    ).toEqual([['R_QUY_VNN_SUM', { total: 862796456, sumOfParts: 744304560 }]]);
    expect(checkFigures(byId('mttq-doan-the-9-thang'), { XA_PBXH: { value: 2 } }).map((v) => v.code)).toEqual(['FIGURE_NOT_YES_NO']);
    expect(checkFigures(byId('so-ket-chi-thi'), { TAP_HOP: { cells: { TONG_SO: 10, TY_LE: 120, X: 1 } } }).map((v) => v.code)).toEqual([
      'FIGURE_PERCENT_OVER_100',
      'FIGURE_TABLE_COLUMN_UNKNOWN',
    ]);
  });
});

describe('period words', () => {
  it('names the next period as the tasks section does', () => {
    expect(periodWords({ kind: 'nine-month', year: 2026, label: '9 tháng năm 2026' }).next).toBe('3 tháng cuối năm 2026');
    expect(periodWords({ kind: 'annual', year: 2026, label: 'năm 2026' }).next).toBe('năm 2027');
    expect(superiorHeaderName('Tỉnh ủy Lai Châu', 'party')).toBe('ĐẢNG BỘ TỈNH LAI CHÂU');
  });
});

describe('buildDraft on a 9-month MTTQ template', () => {
  const t = byId('mttq-doan-the-9-thang');
  const communes = ['Thị trấn', 'Bản Bo', 'Bản Giang', 'Khun Há', 'Sơn Bình'];
  const submissions = [
    sub('mttq', 'MTTQ', 'MTTQ', { TT_BUOI: { value: 100 }, TT_LUOT_NGUOI: { value: 3000 } }, 1),
    sub('dtn', 'Huyện đoàn', 'DTN', { TT_BUOI: { value: 20 }, TT_LUOT_NGUOI: { value: 900 }, HV_KET_NAP: { value: 120 } }, 2),
    sub('hlhpn', 'Hội LHPN', 'HLHPN', { TT_BUOI: { value: 30 }, TT_LUOT_NGUOI: { value: 1200 }, HV_KET_NAP: { value: 215 } }, 3),
    ...communes.map((name, i) =>
      sub(`xa${i}`, name, 'DANG_UY_XA', { XA_PBXH: { value: i % 2 === 0 ? 1 : 0 }, XA_GIAM_SAT: { value: 1 } }, 10 + i),
    ),
  ];
  const consolidation = consolidate({
    template: t,
    submissions,
    unitOrder: ['mttq', 'dtn', 'hlhpn', 'xa0', 'xa1', 'xa2', 'xa3', 'xa4'],
    previous: { label: 'cùng kỳ', totals: { TT_BUOI: { value: 120 } } },
    targets: { TT_BUOI: 160 },
  });
  const doc = buildDraft({
    header,
    template: t,
    consolidation,
    narratives: [],
    signature,
    recipients: [],
    archive: ['Văn phòng Huyện ủy'],
    period: { kind: 'nine-month', year: 2026, label: '9 tháng năm 2026' },
  });
  const texts = passagesOf(doc).map((p) => p.text);
  it('words the period: the title and the tasks section say "3 tháng cuối năm"', () => {
    expect(doc.title).toBe(
      'kết quả công tác Mặt trận Tổ quốc và các tổ chức chính trị - xã hội 9 tháng năm 2026, nhiệm vụ trọng tâm 3 tháng cuối năm 2026',
    );
    expect(doc.body.map((s) => s.heading)).toEqual([
      'I- TÌNH HÌNH ĐOÀN VIÊN, HỘI VIÊN VÀ NHÂN DÂN',
      'II- KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG NĂM 2026',
      'III- ĐÁNH GIÁ CHUNG',
      'IV- NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2026',
    ]);
  });
  it('states totals with the comparison and the plan, per-kind wording in the footnote', () => {
    expect(texts).toContain(
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 150 buổi tuyên truyền cho 5.100 lượt người (tăng 30 buổi, bằng 125% so với cùng kỳ; đạt 93,8% kế hoạch).',
    );
    expect(texts).toContain('Huyện đoàn kết nạp 120 đoàn viên mới; Hội LHPN kết nạp 215 hội viên mới.');
  });
  it('writes coverage lines naming, in registry order, the communes that did not', () => {
    expect(texts).toContain(
      '3/5 xã, thị trấn đã tổ chức hội nghị phản biện xã hội; còn 2/5 xã, thị trấn chưa tổ chức hội nghị phản biện xã hội (Bản Bo, Khun Há).',
    );
    expect(texts).toContain('5/5 xã, thị trấn đã thực hiện giám sát theo Quyết định 217-QĐ/TW.');
  });
  it('flags a change past the template threshold', () => {
    const big = consolidate({ template: t, submissions, previous: { totals: { TT_BUOI: { value: 50 } } } });
    expect(
      big.findings.filter((f) => f.kind === 'change').map((f) => [f.indicatorCode, (f as { changePercent: number }).changePercent]),
    ).toEqual([['TT_BUOI', 200]]);
  });
});

describe('buildDraft on the thematic review (state format, request, annex)', () => {
  const t = byId('so-ket-chi-thi');
  const submissions = [
    sub('mttq', 'Ủy ban MTTQ Việt Nam huyện', 'MTTQ', { TAP_HOP: { cells: { TONG_SO: 1200, KET_NAP: 35, TY_LE: 92.5 } } }, 1),
    sub('hlhpn', 'Hội LHPN huyện', 'HLHPN', { TAP_HOP: { cells: { TONG_SO: 8450, KET_NAP: 215, TY_LE: 85.2 } } }, 2),
  ];
  const consolidation = consolidate({ template: t, submissions, unitOrder: ['mttq', 'hlhpn'] });
  const doc = buildDraft({
    header: { ...header, scheme: 'state', issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG', bodySymbol: 'UBND' },
    template: t,
    consolidation,
    narratives: [],
    signature,
    recipients: [{ name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['mttq', 'hlhpn'] }],
    archive: ['VT'],
    period: { kind: 'thematic', year: 2024, label: 'Sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU' },
    issuerName: 'Ủy ban nhân dân huyện Tam Đường',
    requestedBy: {
      reference: 'Công văn số 1257/SNV-XDCQ&TCBM',
      date: '2024-04-26',
      issuer: 'Sở Nội vụ tỉnh Lai Châu',
      subject: 'đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU',
      recipientName: 'Sở Nội vụ',
    },
  });
  it('quotes the request in the opening sentence and puts the requester first in Nơi nhận', () => {
    expect(passagesOf(doc)[1].text).toBe(
      'Thực hiện Công văn số 1257/SNV-XDCQ&TCBM ngày 26/4/2024 của Sở Nội vụ tỉnh Lai Châu về việc đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU; Ủy ban nhân dân huyện Tam Đường báo cáo cụ thể như sau:',
    );
    expect(doc.recipients.map((r) => `${r.name} (${r.purpose})`)).toEqual([
      'Sở Nội vụ (b/c)',
      'Thường trực Huyện ủy (b/c)',
      'Ban Dân vận Huyện ủy (b/c)',
      'Chủ tịch, các PCT UBND huyện (đ/b)',
      'Phòng Nội vụ (t/d)',
      'MTTQ và các đoàn thể huyện (t/d)',
    ]);
    expect(doc.body[1].heading).toBe('I. ĐẶC ĐIỂM TÌNH HÌNH');
    expect(doc.archive).toEqual(['VT', 'NV']);
  });
  it('consolidates the table indicator into an annex with a total row', () => {
    expect(doc.annexes).toEqual([
      {
        title: 'PHỤ LỤC\nKết quả tập hợp quần chúng vào các tổ chức chính trị - xã hội',
        header: ['STT', 'Tổ chức', 'Tổng số đoàn viên, hội viên', 'Kết nạp mới trong kỳ', 'Tỷ lệ tập hợp (%)'],
        rows: [
          ['1', 'Ủy ban MTTQ Việt Nam huyện', '1.200', '35', '92,5'],
          ['2', 'Hội LHPN huyện', '8.450', '215', '85,2'],
          ['', 'Tổng cộng', '9.650', '250', ''],
        ],
      },
    ]);
  });
});
