import type { DataSource } from 'typeorm';
import { BOARD_STATUSES } from '@kybaocao/domain/board';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { KINDS, LEVELS, NOW, seed } from '../../../../test/support/board-seed';
import { pageRequest } from './board-page';
import { boardPageRows } from './board-page.query';
import type { BoardQueryDto } from './board-query.dto';

/** The plans of the board's first page (EXPLAIN ANALYZE) at 200, 2,000 and 20,000 units: what they read and sort. */
describe('the paged board: the first page without reading or sorting the whole cycle', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

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
    const reads = (n: any, relation: string): boolean =>
      n['Relation Name'] === relation || (n.Plans ?? []).some((c: any) => reads(c, relation));
    const sorts = nodes.filter((n) => n['Node Type'] === 'Sort');
    // A sort of the cycle's grouped counts alone (the values a grouped sort takes them from) sorts groups, not units.
    const ofGroups = (n: any) => reads(n, 'cycle_board_counts') && !reads(n, 'cycle_units');
    const [groupSorts, rowSorts] = [sorts.filter(ofGroups), sorts.filter((n) => !ofGroups(n))];
    return {
      shape: nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`),
      sortedRows: Math.max(0, ...rowSorts.map((n) => read(n.Plans[0]))),
      sortedGroups: Math.max(0, ...groupSorts.map((n) => read(n.Plans[0]))),
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
        // The values come from the cycle's groups: at most every group of the cycle (those at zero too) is sorted, never its units.
        const [{ groups }] = await db.app.query(`SELECT count(*)::int AS groups FROM cycle_board_counts WHERE cycle_id = $1`, [large]);
        expect(b.sortedGroups).toBeLessThanOrEqual(groups);
        expect(groups).toBeLessThan(1000);
        expect(b.unitRowsRead).toBeLessThanOrEqual(values * 100 * (query.kind || query.status ? 8 : 1));
        expect(a.unitRowsRead).toBeLessThanOrEqual(values * 100 * (query.kind || query.status ? 8 : 1));
      },
    );
  });
});
