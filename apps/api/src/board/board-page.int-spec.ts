import { BOARD_STATUSES, computeBoard, filterBoardUnits, pendingUnitsLine, sortBoardUnits, type BoardStatus } from '@kybaocao/domain/board';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { DATA_FROM, DATA_TO, NOW, rowOf, seed } from '../../../../test/support/board-seed';
import { tallied } from '../../../../test/support/sql-tally';
import { LEVEL_ORDER } from './board-labels';
import { Client } from 'pg';
import { pagedBoard, pageRequest, toView } from './board-page';
import { boardPageRows } from './board-page.query';
import { BoardRepository } from './board.repository';
import type { BoardQueryDto } from './board-query.dto';

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
      // Counted at the driver: the repository sends its statements as prepared statements, past DataSource.query.
      const { result: board, tally: seen } = await tallied(() => pagedBoard(new BoardRepository(db.app), header(cycleId), {}, NOW));
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

  it("reads back a page's columns as the answer shows them: no other column, and none the driver parses in JS (a timestamp, a decimal)", async () => {
    const cycleId = await seed(db.owner, 120);
    const client = new Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      for (const query of [{}, { sort: 'daysLate', order: 'desc' }, { sort: 'status', status: ['draft', 'approved'] }] as BoardQueryDto[]) {
        // The statement the page sends, run again through a plain client to read its row description.
        let sent: { text: string; values: unknown[] } | undefined;
        const rows = await boardPageRows(
          {
            query: (text: string, values?: unknown[]) => {
              sent = { text, values: values ?? [] };
              return db.app.query(text, values);
            },
          },
          pageRequest(cycleId, query, NOW, 0, 50),
        );
        expect(rows.length).toBeGreaterThan(0);
        const { fields } = await client.query(sent!.text, sent!.values);
        const types = Object.fromEntries(fields.map((f) => [f.name, f.dataTypeID]));
        expect(Object.keys(types).sort()).toEqual(
          [
            'assigned',
            'days_late',
            'effective_deadline',
            'expected',
            'last_activity_at',
            'level',
            'status',
            'submitted',
            'submitted_at',
            'timeliness',
            'unit_id',
            'unit_kind',
            'unit_name',
          ].sort(),
        );
        // timestamp, timestamptz, numeric: parsed value by value in JS (a Date the answer would only turn back into text).
        expect({ query, parsed: fields.filter((f) => [1114, 1184, 1700].includes(f.dataTypeID)).map((f) => f.name) }).toEqual({
          query,
          parsed: [],
        });
        // The instants as toISOString writes them.
        for (const r of rows)
          for (const at of [r.submittedAt, r.lastActivityAt]) if (at !== null) expect(new Date(at).toISOString()).toBe(at);
      }
    } finally {
      await client.end();
    }
  });
});
