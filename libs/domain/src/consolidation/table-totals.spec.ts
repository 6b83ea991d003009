import { buildDraft } from '../report/draft-builder';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates';
import type { ReportTemplate, TableColumn } from '../templates/report-template';
import { validateTemplate } from '../templates/template-validation';
import { consolidate } from './consolidate';
import { columnTotal } from './table-totals';

const rate = (total?: TableColumn['total']): TableColumn => ({
  code: 'TY_LE',
  label: 'Tỷ lệ tập hợp (%)',
  valueType: 'percent',
  aggregation: 'none',
  ...(total ? { total } : {}),
});
const rows: Record<string, number>[] = [
  { TONG_SO: 1200, CO_THE: 1300, TY_LE: 92.5 },
  { TONG_SO: 8450, CO_THE: 9900, TY_LE: 85.2 },
  { TONG_SO: 3 },
];

describe('totals of a table column', () => {
  it('adds a sum column exactly, leaves a percent column blank unless the template says how', () => {
    expect(columnTotal({ code: 'TONG_SO', label: 'x', valueType: 'integer', aggregation: 'sum' }, rows)).toBe(9653);
    expect(columnTotal(rate(), rows)).toBeUndefined();
  });
  it('a weighted mean (rows lacking a value or a weight are left out) or a ratio of two count columns, to one decimal', () => {
    // (92,5 × 1.200 + 85,2 × 8.450) / 9.650 = 86,1
    expect(columnTotal(rate({ kind: 'weighted', by: 'TONG_SO' }), rows)).toBe(86.1);
    // 9.650 / 11.200 × 100 = 86,2
    expect(columnTotal(rate({ kind: 'ratio', numerator: 'TONG_SO', denominator: 'CO_THE' }), rows)).toBe(86.2);
    expect(columnTotal(rate({ kind: 'ratio', numerator: 'TONG_SO', denominator: 'CO_THE' }), [{ TONG_SO: 3 }])).toBeUndefined();
  });

  const base = BUILTIN_TEMPLATES.find((t) => t.id === 'so-ket-chi-thi')!;
  const withRule = (total: TableColumn['total']): ReportTemplate => ({
    ...base,
    indicators: base.indicators.map((i) =>
      i.table ? { ...i, table: { ...i.table, columns: i.table.columns.map((c) => (c.code === 'TY_LE' ? { ...c, total } : c)) } } : i,
    ),
  });

  it('a rule naming a column the table does not have, or a percent column, is refused with its path', () => {
    const problems = validateTemplate(withRule({ kind: 'weighted', by: 'KHONG_CO' }));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['TABLE_COLUMN_TOTAL_INVALID', expect.stringMatching(/^indicators\[\d+\]\.table\.columns\[2\]\.total$/)],
    ]);
    expect(validateTemplate(withRule({ kind: 'weighted', by: 'TONG_SO' }))).toEqual([]);
  });

  it('the annex writes the stated total of a percent column', () => {
    const t = withRule({ kind: 'weighted', by: 'TONG_SO' });
    const sub = (unitId: string, unitName: string, cells: Record<string, number>, n: number) => ({
      unitId,
      unitName,
      unitKind: 'MTTQ',
      figures: { TAP_HOP: { cells } },
      sourceEventId: `evt-${unitId}`,
      sourcePosition: String(n),
    });
    const consolidation = consolidate({
      template: t,
      submissions: [
        sub('a', 'MTTQ', { TONG_SO: 1200, KET_NAP: 35, TY_LE: 92.5 }, 1),
        sub('b', 'Hội LHPN', { TONG_SO: 8450, KET_NAP: 215, TY_LE: 85.2 }, 2),
      ],
      unitOrder: ['a', 'b'],
    });
    const doc = buildDraft({
      header: {
        scheme: 'state',
        issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG',
        bodySymbol: 'UBND',
        typeCode: 'BC',
        place: 'Tam Đường',
        draftYear: 2026,
      },
      template: t,
      consolidation,
      narratives: [],
      signature: { authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'A' },
      recipients: [],
      archive: ['VT'],
      period: { kind: 'thematic', year: 2024, label: 'Sơ kết' },
    });
    expect(doc.annexes?.[0].rows.at(-1)).toEqual(['', 'Tổng cộng', '9.650', '250', '86,1']);
  });
});
