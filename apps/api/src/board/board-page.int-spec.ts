import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  BOARD_STATUSES,
  computeBoard,
  filterBoardUnits,
  pendingUnitsLine,
  sortBoardUnits,
  type BoardStatus,
  type BoardUnitRow,
} from '@kybaocao/domain/board';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { LEVEL_ORDER } from './board-labels';
import { pagedBoard, pageRequest, toView } from './board-page';
import { boardPageRows } from './board-page.query';
import { BoardRepository } from './board.repository';
import type { BoardQueryDto } from './board-query.dto';

const NOW = new Date('2026-12-19T03:00:00Z');
const DATA_FROM = '2025-12-15';
const DATA_TO = '2026-12-14';
const KINDS = ['HLHPN', 'HND', 'DANG_UY_XA', 'HCCB', 'LA_KIND'];
const LEVELS = ['xa', 'huyen', 'tinh', 'thon'];
const NAMES = [
  'Đảng ủy xã Bản Bo',
  'Hội Nông dân xã Bình Lư',
  'Hội Cựu chiến binh xã Sơn Bình',
  'Ủy ban MTTQ xã Ẳng Nưa',
  'Chi hội Phụ nữ bản Nà Ơ',
  'Đoàn xã Giang Ma',
  'ấp An Hòa',
  'Ban Dân vận',
];

/** A deterministic mix of every case computeBoard distinguishes: statuses, late and on-time, extensions, unassigned, closed and opened units. */
function rowOf(i: number): BoardUnitRow & { lastActivityAt: string | null } {
  const status = BOARD_STATUSES[i % BOARD_STATUSES.length];
  const submittedStatus = ['submitted', 'returned', 'resubmitted', 'approved'].includes(status);
  const deadline = i % 7 === 0 ? '2026-12-22' : '2026-12-16';
  const submittedAt =
    !submittedStatus || i % 11 === 0
      ? null
      : i % 3 === 0
        ? '2026-12-16T16:59:59.999Z'
        : i % 3 === 1
          ? '2026-12-17T01:00:00.000Z'
          : '2026-12-18T20:00:00.000Z';
  return {
    unitId: `u-${String(i).padStart(5, '0')}`,
    unitName: `${NAMES[i % NAMES.length]} ${i % 13}`,
    unitKind: KINDS[i % KINDS.length],
    level: LEVELS[i % LEVELS.length],
    status: status as BoardStatus,
    effectiveDeadline: deadline,
    submittedAt,
    late: submittedStatus && submittedAt === null ? i % 2 === 0 : null,
    activeFrom: i % 17 === 0 ? '2026-12-15' : '2020-01-01',
    activeTo: i % 19 === 0 ? '2026-06-30' : null,
    assigned: i % 23 !== 0,
    lastActivityAt: submittedAt,
  };
}

async function seed(owner: DataSource, n: number): Promise<string> {
  const cycleId = randomUUID();
  await owner.query(
    `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
                       coordinator_id, submission_deadline, status, opened_at, version)
                     VALUES ($1, 'dan-van-annual', 1, 'năm 2026', $2, $3, 'hu', 'Huyện ủy', 'cv', '2026-12-16', 'collecting', now(), 1)`,
    [cycleId, DATA_FROM, DATA_TO],
  );
  const rows = Array.from({ length: n }, (_, i) => rowOf(i));
  await owner.query(
    `INSERT INTO org_units (id, level, kind, canonical_name, active_from, active_to, version)
                     SELECT * , 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((r) => r.unitId),
      rows.map((r) => r.level),
      rows.map((r) => r.unitKind),
      rows.map((r) => r.unitName),
      rows.map((r) => r.activeFrom),
      rows.map((r) => r.activeTo),
    ],
  );
  await owner.query(
    `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline, status, submitted_at, late, last_activity_at,
                              unit_name, unit_kind, unit_level, unit_active_from, unit_active_to)
                     SELECT $1, u.*, ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to
                       FROM unnest($2::text[], $3::boolean[], $4::date[], $4::date[], $5::text[], $6::timestamptz[], $7::boolean[], $6::timestamptz[]) AS u(unit_id)
                       LEFT JOIN org_units ou ON ou.id = u.unit_id`,
    [
      cycleId,
      rows.map((r) => r.unitId),
      rows.map((r) => r.assigned),
      rows.map((r) => r.effectiveDeadline),
      rows.map((r) => r.status),
      rows.map((r) => r.submittedAt),
      rows.map((r) => r.late),
    ],
  );
  return cycleId;
}

/** A DataSource whose queries' returned rows and bytes are counted. */
function counting(db: DataSource) {
  const seen = { rows: 0, bytes: 0 };
  const wrapped = Object.create(db) as DataSource;
  wrapped.query = async (text: string, params?: unknown[]) => {
    const rows = await db.query(text, params);
    seen.rows += rows.length;
    seen.bytes += Buffer.byteLength(JSON.stringify(rows));
    return rows;
  };
  return { db: wrapped, seen };
}

describe('the paged board: SQL gives what computeBoard gives, one page at a time', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const header = (id: string) => ({
    id,
    periodLabel: 'năm 2026',
    dataFrom: DATA_FROM,
    dataTo: DATA_TO,
    issuingBodyName: 'Huyện ủy',
    submissionDeadline: '2026-12-16',
    status: 'collecting',
    openedAt: NOW.toISOString(),
  });

  it.each<[string, BoardQueryDto]>([
    ['by name', {}],
    ['by name, descending', { order: 'desc' }],
    ['by status', { sort: 'status' }],
    ['by days late, descending', { sort: 'daysLate', order: 'desc' }],
    ['by kind', { sort: 'kind' }],
    ['by level, descending, pending ones of two kinds', { sort: 'level', order: 'desc', progress: ['pending'], kind: ['HND', 'LA_KIND'] }],
    ['returned and approved at two levels', { status: ['returned', 'approved'], level: ['xa', 'tinh'] }],
  ])('rows, totals and counts %s', async (_, query) => {
    const n = 300;
    const cycleId = await seed(db.owner, n);
    const board = await pagedBoard(new BoardRepository(db.app), header(cycleId), { ...query, limit: 500 }, NOW);

    const stats = computeBoard(
      Array.from({ length: n }, (_, i) => rowOf(i)),
      { dataFrom: DATA_FROM, dataTo: DATA_TO },
      NOW.toISOString(),
      { levelOrder: LEVEL_ORDER },
    );
    const filtered = filterBoardUnits(stats.units, {
      ...(query.status ? { statuses: query.status as BoardStatus[] } : {}),
      ...(query.progress ? { progress: query.progress as ('submitted' | 'pending')[] } : {}),
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.level ? { levels: query.level } : {}),
    });
    const sorted = sortBoardUnits(filtered, { by: query.sort ?? 'name', direction: query.order ?? 'asc', levelOrder: LEVEL_ORDER });
    expect(board.units).toEqual(sorted.map((u) => toView({ ...u, lastActivityAt: u.submittedAt }, 0)));
    expect(board.page).toEqual({ offset: 0, limit: 500, matching: filtered.length });
    expect(board.totalUnits).toBe(n);
    const { completeness, timeliness, ...overall } = board.overall;
    const { completeness: c2, timeliness: t2, ...expectedOverall } = stats.overall;
    expect(overall).toEqual(expectedOverall);
    expect([completeness, timeliness]).toEqual([c2, t2]);
    expect(board.byKind.map(({ label, ...g }) => g)).toEqual(stats.byKind.map(({ label, ...g }) => g));
    expect(board.byLevel.map((g) => [g.key, g.expected, g.submitted, g.onTime, g.overdue])).toEqual(
      stats.byLevel.map((g) => [g.key, g.expected, g.submitted, g.onTime, g.overdue]),
    );
    expect(board.submittedNotExpected).toBe(stats.submittedNotExpected);
    expect(board.filterCounts.statuses).toEqual(
      Object.fromEntries(BOARD_STATUSES.map((s) => [s, stats.units.filter((u) => u.status === s).length])),
    );
    expect(board.filterCounts.progress).toEqual({
      submitted: stats.units.filter((u) => u.submitted).length,
      pending: stats.units.filter((u) => !u.submitted).length,
    });
    // More pending units than the line names: the first ones in board order, then the rest counted.
    const full = pendingUnitsLine(stats);
    const pending = stats.units.filter((u) => u.expected && !u.submitted);
    expect(pending.length).toBeGreaterThan(30);
    expect(board.pendingLine).toBe(
      `${full.slice(0, full.indexOf('(') + 1)}${pending
        .slice(0, 30)
        .map((u) => u.unitName)
        .join(', ')} và ${pending.length - 30} đơn vị khác)`,
    );
  });

  it('pages the same order without gaps or repeats', async () => {
    const cycleId = await seed(db.owner, 250);
    const repo = new BoardRepository(db.app);
    const all = await pagedBoard(repo, header(cycleId), { sort: 'status', limit: 500 }, NOW);
    const pages = [];
    for (let offset = 0; offset < 250; offset += 40)
      pages.push(...(await pagedBoard(repo, header(cycleId), { sort: 'status', offset, limit: 40 }, NOW)).units);
    expect(pages.map((u) => u.unitId)).toEqual(all.units.map((u) => u.unitId));
  });

  it('reads one page of rows and a fixed number of aggregate rows, at 200 and at 5,000 units alike', async () => {
    const measure = async (n: number) => {
      const cycleId = await seed(db.owner, n);
      const { db: counted, seen } = counting(db.app);
      const board = await pagedBoard(new BoardRepository(counted), header(cycleId), {}, NOW);
      return { seen, units: board.units.length, bytes: Buffer.byteLength(JSON.stringify(board)), total: board.totalUnits };
    };
    const small = await measure(200);
    const large = await measure(5000);
    expect([small.total, large.total]).toEqual([200, 5000]);
    expect([small.units, large.units]).toEqual([100, 100]); // the first page holds one page of rows
    expect(large.seen.rows).toBe(small.seen.rows);
    // Names and numbers differ in length by a few characters at most: the size does not follow N.
    expect(Math.abs(large.bytes - small.bytes)).toBeLessThan(small.bytes * 0.05);
    expect(Math.abs(large.seen.bytes - small.seen.bytes)).toBeLessThan(small.seen.bytes * 0.05);
  });
  /** The plan of the first page's query (EXPLAIN ANALYZE, JSON): its node types, and the rows the sorts and scans of cycle_units handle. */
  const firstPagePlan = async (cycleId: string, query: BoardQueryDto) => {
    const statements: [string, unknown[]][] = [];
    const spy = Object.create(db.app) as DataSource;
    spy.query = async (text: string, params?: unknown[]) => {
      statements.push([text, params ?? []]);
      return db.app.query(text, params);
    };
    await boardPageRows(spy, pageRequest(cycleId, query, NOW, 0, 100));
    expect(statements).toHaveLength(1);
    const [[{ 'QUERY PLAN': plans }]] = [
      await db.app.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statements[0][0]}`, statements[0][1]),
    ];
    const nodes: any[] = [];
    const walk = (n: any) => {
      nodes.push(n);
      (n.Plans ?? []).forEach(walk);
    };
    walk(plans[0].Plan);
    const read = (n: any) => (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops'];
    return {
      shape: nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`),
      sortedRows: Math.max(0, ...nodes.filter((n) => n['Node Type'] === 'Sort').map((n) => read(n.Plans[0]))),
      unitRowsRead: nodes.filter((n) => n['Relation Name'] === 'cycle_units').reduce((sum, n) => sum + read(n), 0),
    };
  };

  describe('the first page LIMIT-first', () => {
    let [tiny, small, large] = ['', '', ''];
    beforeAll(async () => {
      [tiny, small, large] = [await seed(db.owner, 200), await seed(db.owner, 2000), await seed(db.owner, 20000)];
      await db.owner.query('ANALYZE cycle_units');
    });

    it.each<[string, BoardQueryDto, string]>([
      ['by name', {}, 'cycle_units_board_name'],
      ['by name, descending', { order: 'desc' }, 'cycle_units_board_name_desc'],
      ['by name, one status', { status: ['returned'] }, 'cycle_units_board_status'],
      ['by name, one kind', { kind: ['HND'] }, 'cycle_units_board_kind'],
      ['by name, one level', { level: ['tinh'] }, 'cycle_units_board_level'],
    ])(
      'the first page %s is read LIMIT-first from its index: the same plan at 2,000 and 20,000 units, no sort, one page of rows read',
      async (_, query, index) => {
        const [tiny, small, large] = [await seed(db.owner, 200), await seed(db.owner, 2000), await seed(db.owner, 20000)];
        await db.owner.query('ANALYZE cycle_units');
        const [t, a, b] = [await firstPagePlan(tiny, query), await firstPagePlan(small, query), await firstPagePlan(large, query)];
        expect(b.shape).toContain(`Index Scan ${index}`);
        expect(b.shape).toEqual(a.shape);
        // Nothing is sorted, and the rows of cycle_units read are the page's, whatever the size of the cycle.
        expect([a.sortedRows, b.sortedRows]).toEqual([0, 0]);
        expect([a.unitRowsRead, b.unitRowsRead]).toEqual([100, 100]);
        // With fewer matching rows than a page, the planner may sort them instead: still no more than a page.
        expect(t.sortedRows).toBeLessThanOrEqual(100);
        expect(t.unitRowsRead).toBeLessThanOrEqual(100);
      },
    );

    it.each<[string, BoardQueryDto, string, number]>([
      ['by status', { sort: 'status' }, 'cycle_units_board_status', BOARD_STATUSES.length],
      [
        'by status, descending, two kinds',
        { sort: 'status', order: 'desc', kind: ['HND', 'LA_KIND'] },
        'cycle_units_board_status',
        BOARD_STATUSES.length,
      ],
      ['by kind', { sort: 'kind' }, 'cycle_units_board_kind', KINDS.length],
      ['by kind, two statuses', { sort: 'kind', status: ['returned', 'approved'] }, 'cycle_units_board_kind', KINDS.length],
      ['by level, descending', { sort: 'level', order: 'desc' }, 'cycle_units_board_level', LEVELS.length],
    ])(
      'the first page %s reads a page per value of the column from its index at 2,000 and 20,000 units, not every row',
      async (_, query, index, values) => {
        const [a, b] = [await firstPagePlan(small, query), await firstPagePlan(large, query)];
        // (At 2,000 units the planner may take a value's few matching rows by a bitmap scan and sort them instead.)
        expect(b.shape).toContain(`Index Scan ${index}`);
        // At most a page of each value is sorted, and the rows read (with a filter, those it removes on the way too)
        // are a few pages per value, far from the cycle's 20,000 (board-cost.int-spec.ts compares 2,000 and 20,000).
        expect(b.sortedRows).toBeLessThanOrEqual(values * 100);
        expect(b.unitRowsRead).toBeLessThanOrEqual(values * 100 * (query.kind || query.status ? 8 : 1));
        expect(a.unitRowsRead).toBeLessThanOrEqual(values * 100 * (query.kind || query.status ? 8 : 1));
      },
    );
  });
});
