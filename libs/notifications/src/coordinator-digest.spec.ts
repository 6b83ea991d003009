import { computeBoard, type BoardUnitRow } from '@kybaocao/domain/board';
import { renderCoordinatorDigest, type DigestCycle } from './coordinator-digest';

const NOW = new Date('2026-12-18T00:30:00Z'); // 07:30 in Vietnam
const row = (unitId: string, unitName: string, extra: Partial<BoardUnitRow> = {}): BoardUnitRow => ({
  unitId,
  unitName,
  unitKind: 'DANG_UY_XA',
  level: 'xa',
  status: 'not_started',
  effectiveDeadline: '2026-12-16',
  submittedAt: null,
  late: null,
  activeFrom: '2000-01-01',
  assigned: true,
  ...extra,
});
const cycle = (cycleId: string, periodLabel: string, deadline: string, rows: BoardUnitRow[]): DigestCycle => ({
  cycleId,
  periodLabel,
  submissionDeadline: deadline,
  boardLink: `https://kb.vn/cycles/${cycleId}`,
  board: computeBoard(rows, { dataFrom: '2025-12-15', dataTo: '2026-12-14' }, NOW.toISOString()),
});

describe('renderCoordinatorDigest', () => {
  it('given two cycles with pending units, lists both under one subject and links to the list of cycles', () => {
    const digest = renderCoordinatorDigest({
      asOf: NOW,
      overviewLink: 'https://kb.vn/cycles',
      cycles: [
        cycle('c1', 'năm 2026', '2026-12-16', [
          row('a', 'Xã Khun Há'),
          row('b', 'Thị trấn', { status: 'draft', effectiveDeadline: '2026-12-20' }),
        ]),
        cycle('c2', 'chuyên đề Chỉ thị 05', '2026-12-25', [row('c', 'Xã Bản Bo', { effectiveDeadline: '2026-12-25' })]),
        cycle('c3', 'quý IV', '2026-12-16', [
          row('d', 'Xã Nùng Nàng', { status: 'approved', submittedAt: '2026-12-10T08:00:00+07:00', late: false }),
        ]),
      ],
    });
    expect(digest).toEqual({
      subject: '[Tổng hợp ngày 18/12/2026] 2 kỳ báo cáo còn đơn vị chưa nộp',
      body: [
        'Tình hình nộp báo cáo lúc 07:30 ngày 18/12/2026:',
        '',
        '1. Báo cáo năm 2026 (hạn nộp 16/12/2026): còn 2/2 đơn vị chưa nộp báo cáo (Thị trấn, Xã Khun Há).',
        '   - Quá hạn: Xã Khun Há (2 ngày).',
        '   - Bảng theo dõi: https://kb.vn/cycles/c1',
        '',
        '2. Báo cáo chuyên đề Chỉ thị 05 (hạn nộp 25/12/2026): còn 1/1 đơn vị chưa nộp báo cáo (Xã Bản Bo).',
        '   - Bảng theo dõi: https://kb.vn/cycles/c2',
      ].join('\n'),
      link: 'https://kb.vn/cycles',
      cycleId: null,
    });
  });

  it('given nothing pending anywhere, renders nothing (no digest that day)', () => {
    expect(
      renderCoordinatorDigest({
        asOf: NOW,
        overviewLink: 'https://kb.vn/cycles',
        cycles: [
          cycle('c3', 'quý IV', '2026-12-16', [
            row('d', 'Xã Nùng Nàng', { status: 'approved', submittedAt: '2026-12-10T08:00:00+07:00', late: false }),
          ]),
        ],
      }),
    ).toBeNull();
    expect(renderCoordinatorDigest({ asOf: NOW, overviewLink: 'https://kb.vn/cycles', cycles: [] })).toBeNull();
  });

  it('given 1,234 overdue and 45 returned units, names the first 30 of each and counts the rest: the e-mail stays a few lines', () => {
    const name = (i: number) => `Xã số ${String(i).padStart(4, '0')}`;
    const rows = [
      ...Array.from({ length: 1234 }, (_, i) => row(`o${i}`, name(i))),
      ...Array.from({ length: 45 }, (_, i) =>
        row(`r${i}`, name(2000 + i), { status: 'returned', submittedAt: '2026-12-10T08:00:00+07:00', late: false }),
      ),
    ];
    const digest = renderCoordinatorDigest({
      asOf: NOW,
      overviewLink: 'https://kb.vn/cycles',
      cycles: [cycle('c1', 'năm 2026', '2026-12-16', rows)],
    });
    const lines = digest!.body.split('\n');
    const names = (from: number, n: number) => Array.from({ length: n }, (_, i) => name(from + i));
    expect(lines).toEqual([
      'Tình hình nộp báo cáo lúc 07:30 ngày 18/12/2026:',
      '',
      `1. Báo cáo năm 2026 (hạn nộp 16/12/2026): còn 1.279/1.279 đơn vị chưa nộp báo cáo (${names(0, 30).join(', ')} và 1.249 đơn vị khác).`,
      `   - Quá hạn: ${names(0, 30)
        .map((n) => `${n} (2 ngày)`)
        .join(', ')} và 1.204 đơn vị khác.`,
      `   - Bị trả lại, chưa nộp lại: ${names(2000, 30).join(', ')} và 15 đơn vị khác.`,
      '   - Bảng theo dõi: https://kb.vn/cycles/c1',
    ]);
  });
});
