import { BoardCycleDto, BoardDto, BoardTotalsDto, CycleSummaryDto } from './board.dto';

/** OpenAPI examples. */
const EXAMPLE_CYCLE: BoardCycleDto = {
  id: '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b',
  periodLabel: 'năm 2026',
  dataFrom: '2025-12-15',
  dataTo: '2026-12-14',
  issuingBodyName: 'Huyện ủy Tam Đường',
  submissionDeadline: '2026-12-16',
  status: 'collecting',
  openedAt: '2026-11-20T02:00:00.000Z',
};

export const CYCLES_EXAMPLE: CycleSummaryDto[] = [EXAMPLE_CYCLE];

const exampleTotals = (expected: number, submitted: number, onTime: number): BoardTotalsDto => ({
  expected,
  submitted,
  onTime,
  submittedLate: submitted - onTime,
  pending: expected - submitted,
  overdue: 0,
  returned: 0,
  approved: 0,
  completeness: {
    count: submitted,
    of: expected,
    ratio: expected ? submitted / expected : null,
    percent: expected ? `${Math.round((submitted / expected) * 1000) / 10}%`.replace('.', ',') : null,
  },
  timeliness: {
    count: onTime,
    of: expected,
    ratio: expected ? onTime / expected : null,
    percent: expected ? `${Math.round((onTime / expected) * 1000) / 10}%`.replace('.', ',') : null,
  },
});

export const BOARD_EXAMPLE: BoardDto = {
  cycle: EXAMPLE_CYCLE,
  now: '2026-12-10T03:00:00.000Z',
  totalUnits: 2,
  page: { offset: 0, limit: 100, matching: 2 },
  units: [
    {
      unitId: 'hlhpn-tam-duong',
      unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      unitKind: 'HLHPN',
      unitKindLabel: 'Hội Liên hiệp Phụ nữ',
      level: 'huyen',
      levelLabel: 'Cấp huyện',
      status: 'submitted',
      statusLabel: 'Đã nộp',
      effectiveDeadline: '2026-12-16',
      submittedAt: '2026-12-09T02:15:00.000Z',
      timeliness: 'on_time',
      daysLate: 0,
      lastActivityAt: '2026-12-09T02:15:00.000Z',
      expected: true,
      submitted: true,
      assigned: true,
      failedDeliveries: 0,
    },
    {
      unitId: 'hccb-tam-duong',
      unitName: 'Hội Cựu chiến binh huyện Tam Đường',
      unitKind: 'HCCB',
      unitKindLabel: 'Hội Cựu chiến binh',
      level: 'huyen',
      levelLabel: 'Cấp huyện',
      status: 'not_started',
      statusLabel: 'Chưa nộp',
      effectiveDeadline: '2026-12-16',
      submittedAt: null,
      timeliness: 'not_due',
      daysLate: 0,
      lastActivityAt: null,
      expected: true,
      submitted: false,
      assigned: true,
      failedDeliveries: 1,
    },
  ],
  filterCounts: {
    progress: { submitted: 1, pending: 1 },
    statuses: { not_started: 1, draft: 0, submitted: 1, returned: 0, resubmitted: 0, approved: 0 },
  },
  overall: exampleTotals(2, 1, 1),
  byKind: [
    { key: 'HCCB', label: 'Hội Cựu chiến binh', ...exampleTotals(1, 0, 0) },
    { key: 'HLHPN', label: 'Hội Liên hiệp Phụ nữ', ...exampleTotals(1, 1, 1) },
  ],
  byLevel: [{ key: 'huyen', label: 'Cấp huyện', ...exampleTotals(2, 1, 1) }],
  submittedNotExpected: 0,
  pendingLine: 'còn 1/2 đơn vị chưa nộp báo cáo (Hội Cựu chiến binh huyện Tam Đường)',
  failedDeliveriesTotal: 1,
  failedDeliveries: [
    {
      notificationId: '5f0c8a52-3c1e-4d8b-9a57-7f2d1c6b9e01',
      kind: 'reminder',
      subject: '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026',
      unitId: 'hccb-tam-duong',
      unitName: 'Hội Cựu chiến binh huyện Tam Đường',
      recipientName: 'Cán bộ Hội CCB',
      email: 'ccb.tamduong@example.vn',
      attempt: 2,
      error: '550 5.1.1 <ccb.tamduong@example.vn>: Recipient address rejected: User unknown',
      attemptedAt: '2026-12-10T01:01:00.000Z',
      nextAttemptAt: '2026-12-10T01:06:00.000Z',
      gaveUp: false,
    },
  ],
};
