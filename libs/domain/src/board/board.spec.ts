import { catchDomainError } from '../shared/domain-error';
import type { BoardPeriod, BoardUnit, BoardUnitRow } from './board.model';
import { boardFilterCounts, filterBoardUnits, sortBoardUnits } from './board-filters';
import { computeBoard, rate } from './board-statistics';
import { pendingUnits, pendingUnitsLine } from './pending-line';

/*
 * A scripted annual cycle, 2026 (data 15/12/2025 → 14/12/2026, deadline 16/12/2026), looked at on
 * 20/12/2026 at 09:00 in Vietnam. Every expectation below is computed by hand from these rows.
 *
 *  unit    status        deadline    first submission (VN)  expected?                      timeliness  days
 *  mttq    approved      16/12       10/12 10:00            yes                            on_time     0
 *  hlhpn   resubmitted   16/12       16/12 23:59:59         yes                            on_time     0   (last second)
 *  hnd     submitted     16/12       18/12 00:00            yes                            late        2   (17/12 is day 1)
 *  dtn     submitted     19/12 (ext) 18/12 15:00            yes                            on_time     0   (2 days late against 16/12)
 *  hccb    not_started   16/12       —                      yes                            overdue     4   (17, 18, 19, 20/12)
 *  bgiang  returned      16/12       15/12 09:00            yes                            on_time     0   (but pending again)
 *  bhon    not_started   16/12       —                      no: closed 30/6/2026 (merged)  not_expected 0
 *  blu     draft         16/12       —                      yes                            overdue     4
 *  sbinh   approved      16/12       16/12 10:00            yes: created 01/7/2026         on_time     0
 *  hnct    not_started   16/12       —                      no: unassigned                 not_expected 0
 *
 *  expected 8; submitted (submitted/resubmitted/approved) 5 → 62,5 %; on time and submitted 4 → 50 %.
 */
const PERIOD: BoardPeriod = { dataFrom: '2025-12-15', dataTo: '2026-12-14' };
const NOW = '2026-12-20T09:00:00+07:00';

const row = (unitId: string, unitName: string, unitKind: string, level: string, extra: Partial<BoardUnitRow>): BoardUnitRow => ({
  unitId,
  unitName,
  unitKind,
  level,
  status: 'not_started',
  effectiveDeadline: '2026-12-16',
  submittedAt: null,
  late: null,
  activeFrom: '2000-01-01',
  assigned: true,
  ...extra,
});

const ROWS: BoardUnitRow[] = [
  row('mttq', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện', 'MTTQ', 'huyen', {
    status: 'approved',
    submittedAt: '2026-12-10T10:00:00+07:00',
    late: false,
  }),
  row('hlhpn', 'Hội Liên hiệp Phụ nữ huyện', 'HLHPN', 'huyen', {
    status: 'resubmitted',
    submittedAt: '2026-12-16T23:59:59+07:00',
    late: false,
  }),
  row('hnd', 'Hội Nông dân huyện', 'HND', 'huyen', { status: 'submitted', submittedAt: '2026-12-18T00:00:00+07:00', late: true }),
  row('dtn', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện', 'DTN', 'huyen', {
    status: 'submitted',
    effectiveDeadline: '2026-12-19',
    submittedAt: '2026-12-18T15:00:00+07:00',
    late: false,
  }),
  row('hccb', 'Hội Cựu chiến binh huyện', 'HCCB', 'huyen', {}),
  row('bgiang', 'Đảng ủy xã Bản Giang', 'DANG_UY_XA', 'xa', { status: 'returned', submittedAt: '2026-12-15T09:00:00+07:00', late: false }),
  row('bhon', 'Đảng ủy xã Bản Hon', 'DANG_UY_XA', 'xa', { activeTo: '2026-06-30' }),
  row('blu', 'Đảng ủy xã Bình Lư', 'DANG_UY_XA', 'xa', { status: 'draft' }),
  row('sbinh', 'Đảng ủy xã Sơn Bình', 'DANG_UY_XA', 'xa', {
    status: 'approved',
    activeFrom: '2026-07-01',
    submittedAt: '2026-12-16T10:00:00+07:00',
    late: false,
  }),
  row('hnct', 'Hội Người cao tuổi huyện', 'HNCT', 'huyen', { assigned: false }),
];

const ids = (units: readonly BoardUnit[]) => units.map((u) => u.unitId);
const board = computeBoard(ROWS, PERIOD, NOW);
const unit = (id: string) => board.units.find((u) => u.unitId === id)!;

describe('computeBoard, given the scripted annual cycle on 20/12/2026', () => {
  it('lists every unit in Vietnamese alphabetical order (Đ after D, before H), not code-point order', () => {
    expect(board.units.map((u) => u.unitName)).toEqual([
      'Đảng ủy xã Bản Giang',
      'Đảng ủy xã Bản Hon',
      'Đảng ủy xã Bình Lư',
      'Đảng ủy xã Sơn Bình',
      'Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện',
      'Hội Cựu chiến binh huyện',
      'Hội Liên hiệp Phụ nữ huyện',
      'Hội Người cao tuổi huyện',
      'Hội Nông dân huyện',
      'Ủy ban Mặt trận Tổ quốc Việt Nam huyện',
    ]);
  });

  it('derives per unit: expected, submitted, timeliness and days late against its own effective deadline', () => {
    expect(board.units.map((u) => [u.unitId, u.expected, u.notExpectedReason, u.submitted, u.timeliness, u.daysLate])).toEqual([
      ['bgiang', true, null, false, 'on_time', 0],
      ['bhon', false, 'closed_before_period_end', false, 'not_expected', 0],
      ['blu', true, null, false, 'overdue', 4],
      ['sbinh', true, null, true, 'on_time', 0],
      ['dtn', true, null, true, 'on_time', 0],
      ['hccb', true, null, false, 'overdue', 4],
      ['hlhpn', true, null, true, 'on_time', 0],
      ['hnct', false, 'not_assigned', false, 'not_expected', 0],
      ['hnd', true, null, true, 'late', 2],
      ['mttq', true, null, true, 'on_time', 0],
    ]);
  });

  it('computes overall completeness 5/8 and timeliness 4/8 over the expected units only', () => {
    expect(board.overall).toEqual({
      expected: 8,
      submitted: 5,
      onTime: 4,
      submittedLate: 1,
      pending: 3,
      overdue: 2,
      returned: 1,
      approved: 2,
      completeness: { count: 5, of: 8, ratio: 0.625, percent: '62,5%' },
      timeliness: { count: 4, of: 8, ratio: 0.5, percent: '50%' },
    });
    expect(board.submittedNotExpected).toBe(0);
  });

  it('groups by kind, in Vietnamese order of the kind label', () => {
    expect(board.byKind.map((g) => [g.key, g.label, g.expected, g.completeness.percent, g.timeliness.percent, g.overdue])).toEqual([
      ['DANG_UY_XA', 'Đảng ủy xã, thị trấn', 3, '33,3%', '33,3%', 1],
      ['DTN', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 1, '100%', '100%', 0],
      ['HCCB', 'Hội Cựu chiến binh', 1, '0%', '0%', 1],
      ['HLHPN', 'Hội Liên hiệp Phụ nữ', 1, '100%', '100%', 0],
      ['HND', 'Hội Nông dân', 1, '100%', '0%', 0],
      ['MTTQ', 'Mặt trận Tổ quốc', 1, '100%', '100%', 0],
    ]);
  });

  it('groups by level; the closed and the unassigned unit form no part of any group', () => {
    expect(board.byLevel).toEqual([
      {
        key: 'huyen',
        label: 'huyen',
        expected: 5,
        submitted: 4,
        onTime: 3,
        submittedLate: 1,
        pending: 1,
        overdue: 1,
        returned: 0,
        approved: 1,
        completeness: { count: 4, of: 5, ratio: 0.8, percent: '80%' },
        timeliness: { count: 3, of: 5, ratio: 0.6, percent: '60%' },
      },
      {
        key: 'xa',
        label: 'xa',
        expected: 3,
        submitted: 1,
        onTime: 1,
        submittedLate: 0,
        pending: 2,
        overdue: 1,
        returned: 1,
        approved: 1,
        completeness: { count: 1, of: 3, ratio: 1 / 3, percent: '33,3%' },
        timeliness: { count: 1, of: 3, ratio: 1 / 3, percent: '33,3%' },
      },
    ]);
  });

  it('orders levels as the caller says when given a level order', () => {
    expect(computeBoard(ROWS, PERIOD, NOW, { levelOrder: ['tinh', 'xa', 'huyen'] }).byLevel.map((g) => g.key)).toEqual(['xa', 'huyen']);
  });

  it('writes the line ready to paste, names in Vietnamese order', () => {
    expect(pendingUnitsLine(board)).toBe(
      'còn 3/8 đơn vị chưa nộp báo cáo (Đảng ủy xã Bản Giang, Đảng ủy xã Bình Lư, Hội Cựu chiến binh huyện)',
    );
    expect(ids(pendingUnits(board))).toEqual(['bgiang', 'blu', 'hccb']);
  });

  it('follows a canonical unit order given by the caller, in the list and in the line', () => {
    const canonical = computeBoard(ROWS, PERIOD, NOW, { unitOrder: ['hccb', 'blu', 'bgiang', 'mttq'] });
    expect(ids(canonical.units).slice(0, 5)).toEqual(['hccb', 'blu', 'bgiang', 'mttq', 'bhon']);
    expect(pendingUnitsLine(canonical)).toBe(
      'còn 3/8 đơn vị chưa nộp báo cáo (Hội Cựu chiến binh huyện, Đảng ủy xã Bình Lư, Đảng ủy xã Bản Giang)',
    );
  });
});

describe('computeBoard, who is expected', () => {
  const base = (extra: Partial<BoardUnitRow>) => row('u', 'Đảng ủy xã U', 'DANG_UY_XA', 'xa', extra);
  const reasonOf = (extra: Partial<BoardUnitRow>) => computeBoard([base(extra)], PERIOD, NOW).units[0].notExpectedReason;

  it.each([
    ['closed the day before the period ends', { activeTo: '2026-12-13' }, 'closed_before_period_end'],
    ['closed on the last day of the period', { activeTo: '2026-12-14' }, null],
    ['closed after the period, before the deadline', { activeTo: '2026-12-15' }, null],
    ['closed before the period began', { activeTo: '2025-01-01' }, 'closed_before_period_end'],
    ['created on the last day of the period', { activeFrom: '2026-12-14' }, null],
    ['created after the period ended', { activeFrom: '2026-12-15' }, 'opened_after_period_end'],
    ['unassigned, though active', { assigned: false }, 'not_assigned'],
    ['activeTo null (open-ended, as the read model gives it)', { activeTo: null }, null],
  ] as const)('%s → %p', (_, extra, reason) => {
    expect(reasonOf(extra)).toBe(reason);
  });

  it('never reports a rate above 100 %: a closed unit that submitted anyway counts apart', () => {
    const b = computeBoard(
      [
        row('a', 'Đảng ủy xã A', 'DANG_UY_XA', 'xa', { status: 'approved', submittedAt: '2026-12-10T08:00:00+07:00', late: false }),
        row('b', 'Đảng ủy xã B', 'DANG_UY_XA', 'xa', { status: 'submitted', submittedAt: '2026-12-11T08:00:00+07:00', late: false }),
        row('c', 'Đảng ủy xã C', 'DANG_UY_XA', 'xa', {
          status: 'submitted',
          submittedAt: '2026-12-11T08:00:00+07:00',
          late: false,
          activeTo: '2026-06-30',
        }),
      ],
      PERIOD,
      NOW,
    );
    expect(b.overall.completeness).toEqual({ count: 2, of: 2, ratio: 1, percent: '100%' });
    expect(b.overall.timeliness).toEqual({ count: 2, of: 2, ratio: 1, percent: '100%' });
    expect(b.submittedNotExpected).toBe(1);
    expect(pendingUnitsLine(b)).toBe('2/2 đơn vị đã nộp báo cáo');
  });

  it('with nobody expected, rates have no ratio and the line says so', () => {
    const b = computeBoard([base({ assigned: false })], PERIOD, NOW);
    expect(b.overall.completeness).toEqual({ count: 0, of: 0, ratio: null, percent: null });
    expect(b.byKind).toEqual([]);
    expect(pendingUnitsLine(b)).toBe('không có đơn vị nào phải nộp báo cáo');
  });
});

describe('computeBoard, timeliness against the effective deadline', () => {
  const one = (extra: Partial<BoardUnitRow>, now = NOW) =>
    computeBoard([row('u', 'Hội Nông dân xã U', 'HND', 'xa', extra)], PERIOD, now).units[0];

  it('an extension granted after a late submission makes it on time (the recorded flag is not trusted)', () => {
    const u = one({ status: 'submitted', effectiveDeadline: '2026-12-18', submittedAt: '2026-12-17T10:00:00+07:00', late: true });
    expect([u.timeliness, u.daysLate]).toEqual(['on_time', 0]);
  });

  it('without the extension the same submission is 1 day late', () => {
    const u = one({ status: 'submitted', effectiveDeadline: '2026-12-16', submittedAt: '2026-12-17T10:00:00+07:00', late: true });
    expect([u.timeliness, u.daysLate]).toEqual(['late', 1]);
  });

  it.each([
    ['the last millisecond of the deadline day', '2026-12-16T23:59:59.999+07:00', 'not_due', 0],
    ['midnight after the deadline', '2026-12-17T00:00:00+07:00', 'overdue', 1],
    ['the whole next day', '2026-12-17T23:59:59+07:00', 'overdue', 1],
    ['the day after that, as UTC', '2026-12-17T17:00:00Z', 'overdue', 2],
    ['four days later', '2026-12-20T09:00:00+07:00', 'overdue', 4],
  ] as const)('a unit not yet submitted, at %s → %s %p', (_, now, timeliness, days) => {
    const u = one({ status: 'draft' }, now);
    expect([u.timeliness, u.daysLate]).toEqual([timeliness, days]);
  });

  it('an extension keeps a unit that has not submitted out of "overdue"', () => {
    const u = one({ status: 'draft', effectiveDeadline: '2026-12-23' });
    expect([u.timeliness, u.daysLate]).toEqual(['not_due', 0]);
  });

  it('a submitted row without its submission instant falls back on the recorded flag, days unknown', () => {
    expect([one({ status: 'approved', late: true }).timeliness, one({ status: 'approved', late: true }).daysLate]).toEqual(['late', null]);
    expect([one({ status: 'approved', late: false }).timeliness, one({ status: 'approved', late: false }).daysLate]).toEqual([
      'on_time',
      0,
    ]);
  });
});

describe('computeBoard, given bad input', () => {
  it('rejects a unit listed twice', () => {
    expect(catchDomainError(() => computeBoard([ROWS[0], ROWS[0]], PERIOD, NOW)).code).toBe('BOARD_DUPLICATE_UNIT');
  });

  it('rejects a reversed period', () => {
    expect(catchDomainError(() => computeBoard(ROWS, { dataFrom: '2026-12-14', dataTo: '2025-12-15' }, NOW)).code).toBe(
      'BOARD_PERIOD_REVERSED',
    );
  });

  it('rejects a deadline that is not a date, an instant that is not one, and an unknown status', () => {
    expect(catchDomainError(() => computeBoard([{ ...ROWS[0], effectiveDeadline: '2026-02-30' }], PERIOD, NOW)).code).toBe('INVALID_DATE');
    expect(catchDomainError(() => computeBoard(ROWS, PERIOD, '20/12/2026')).code).toBe('INVALID_INSTANT');
    expect(catchDomainError(() => computeBoard([{ ...ROWS[0], status: 'lost' as never }], PERIOD, NOW)).code).toBe('BOARD_UNKNOWN_STATUS');
  });
});

describe('rate', () => {
  it('formats with one decimal, Vietnamese style', () => {
    expect(rate(2, 3)).toEqual({ count: 2, of: 3, ratio: 2 / 3, percent: '66,7%' });
    expect(rate(0, 7).percent).toBe('0%');
  });

  it('refuses a count above its total', () => {
    expect(() => rate(4, 3)).toThrow(RangeError);
  });
});

describe('pendingUnitsLine', () => {
  it('takes the noun the report uses and writes NFC whatever the input', () => {
    const decomposed = 'Xã Bản Hòn'.normalize('NFD');
    const b = computeBoard(
      [
        row('a', decomposed, 'DANG_UY_XA', 'xa', {}),
        row('b', 'Xã Khun Há', 'DANG_UY_XA', 'xa', { status: 'submitted', submittedAt: '2026-12-10T08:00:00+07:00', late: false }),
        row('c', 'Thị trấn', 'DANG_UY_XA', 'xa', {}),
      ],
      PERIOD,
      NOW,
    );
    const line = pendingUnitsLine(b, { noun: 'xã, thị trấn' });
    expect(line).toBe('còn 2/3 xã, thị trấn chưa nộp báo cáo (Thị trấn, Xã Bản Hòn)');
    expect(line).toBe(line.normalize('NFC'));
  });

  it('refuses a blank noun', () => {
    expect(catchDomainError(() => pendingUnitsLine(board, { noun: ' ' })).code).toBe('FIELD_REQUIRED');
  });
});

describe('filterBoardUnits', () => {
  it.each([
    ['pending expected units', { pending: true, expected: true }, ['bgiang', 'blu', 'hccb']],
    ['overdue units', { timeliness: ['overdue'] }, ['blu', 'hccb']],
    ['expected units of a kind', { kinds: ['DANG_UY_XA'], expected: true }, ['bgiang', 'blu', 'sbinh']],
    ['units at least 2 days late', { minDaysLate: 2 }, ['blu', 'hccb', 'hnd']],
    ['a name typed without diacritics', { nameContains: 'ban hon' }, ['bhon']],
    ['part of a name', { nameContains: 'Đảng ủy xã B' }, ['bgiang', 'bhon', 'blu']],
    ['approved units of the commune level', { levels: ['xa'], statuses: ['approved'] }, ['sbinh']],
    ['units not expected', { expected: false }, ['bhon', 'hnct']],
    ['an empty list of statuses', { statuses: [] }, []],
  ] as const)('%s', (_, filter, expected) => {
    expect(ids(filterBoardUnits(board.units, filter))).toEqual(expected);
  });
});

describe('sortBoardUnits', () => {
  it('by days late, most late first; ties keep the name order', () => {
    expect(ids(sortBoardUnits(board.units, { by: 'daysLate', direction: 'desc' }))).toEqual([
      'blu',
      'hccb',
      'hnd',
      'bgiang',
      'bhon',
      'sbinh',
      'dtn',
      'hlhpn',
      'hnct',
      'mttq',
    ]);
  });

  it('by status, most in need of attention first', () => {
    expect(ids(sortBoardUnits(board.units, { by: 'status' }))).toEqual([
      'bhon',
      'hccb',
      'hnct',
      'blu',
      'bgiang',
      'dtn',
      'hnd',
      'hlhpn',
      'sbinh',
      'mttq',
    ]);
  });

  it('by kind, in Vietnamese order of the kind label', () => {
    expect(ids(sortBoardUnits(board.units, { by: 'kind', direction: 'desc' }))).toEqual([
      'mttq',
      'hnd',
      'hnct',
      'hlhpn',
      'hccb',
      'dtn',
      'bgiang',
      'bhon',
      'blu',
      'sbinh',
    ]);
  });

  it('by level, in the order given', () => {
    expect(ids(sortBoardUnits(board.units, { by: 'level', levelOrder: ['xa', 'huyen'] }))).toEqual([
      'bgiang',
      'bhon',
      'blu',
      'sbinh',
      'dtn',
      'hccb',
      'hlhpn',
      'hnct',
      'hnd',
      'mttq',
    ]);
  });

  it('by name, descending', () => {
    expect(ids(sortBoardUnits(board.units, { by: 'name', direction: 'desc' }))).toEqual([
      'mttq',
      'hnd',
      'hnct',
      'hlhpn',
      'hccb',
      'dtn',
      'sbinh',
      'blu',
      'bhon',
      'bgiang',
    ]);
  });

  it('does not reorder its input', () => {
    const before = ids(board.units);
    sortBoardUnits(board.units, { by: 'daysLate' });
    expect(ids(board.units)).toEqual(before);
  });
});

describe('the status filter agrees with the summary', () => {
  const stats = computeBoard(ROWS, PERIOD, NOW);

  it('"Đã nộp" keeps the submitted, resubmitted and approved units: the ones the summary counts (not the exact status "submitted" alone)', () => {
    const submitted = filterBoardUnits(stats.units, { progress: ['submitted'], expected: true }).map((u) => u.unitId);
    expect(submitted.sort()).toEqual(['dtn', 'hlhpn', 'hnd', 'mttq', 'sbinh']);
    expect(submitted).toHaveLength(stats.overall.submitted);
    expect(filterBoardUnits(stats.units, { progress: ['pending'], expected: true })).toHaveLength(stats.overall.pending);
    expect(
      filterBoardUnits(stats.units, { statuses: ['submitted'] })
        .map((u) => u.unitId)
        .sort(),
    ).toEqual(['dtn', 'hnd']);
  });

  it("counts each option with the filter's own predicate, over the board before filtering", () => {
    const counts = boardFilterCounts(stats.units);
    expect(counts).toEqual({
      progress: { submitted: 5, pending: 5 },
      statuses: { not_started: 3, draft: 1, submitted: 2, returned: 1, resubmitted: 1, approved: 2 },
    });
    for (const p of ['submitted', 'pending'] as const)
      expect(filterBoardUnits(stats.units, { progress: [p] })).toHaveLength(counts.progress[p]);
    // Every unit here that the summary does not count is unexpected and pending, so "Đã nộp" equals the summary's.
    expect(counts.progress.submitted).toBe(stats.overall.submitted);
    const allExpected = computeBoard(
      ROWS.filter((r) => r.assigned && r.unitId !== 'bhon'),
      PERIOD,
      NOW,
    );
    expect(boardFilterCounts(allExpected.units).progress).toEqual({
      submitted: allExpected.overall.submitted,
      pending: allExpected.overall.pending,
    });
  });
});
