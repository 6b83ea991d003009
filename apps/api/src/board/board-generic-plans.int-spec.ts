import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { NOW, seed } from '../../../../test/support/board-seed';
import { heldConnection, rowsReadFrom } from '../../../../test/support/sql-tally';
import { analyzeAfterBulkLoad } from '@kybaocao/persistence/bulk-load-statistics';
import { pageRequest } from './board-page';
import { boardPageRows } from './board-page.query';
import { boardSummary } from './board-summary.query';
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };

/**
 * Issue #16: the board's statements are named prepared statements, and a pooled connection keeps the generic plan it
 * made at their first runs, until the tables' statistics change. Made on a small read model (the first cycles of a
 * deployment) and kept while a national cycle's 20,000 units are opened, before autovacuum analyzes the tables: the
 * first page must still read a page of units, not the cycle's (or every cycle's) rows.
 */
describe("the board's generic plans, made on a small read model, once a 20,000-unit cycle is opened", () => {
  let db: TestDatabase;
  let connection: Awaited<ReturnType<typeof heldConnection>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    connection = await heldConnection(db.appUrl);
  });
  afterAll(async () => {
    await connection?.client.end();
    await db?.drop();
  });

  it('reads a page of units for the first page and its summary', async () => {
    const small = await seed(db.owner, 20);
    const statements: [string, unknown[]][] = [];
    const capture = {
      query: (text: string, params?: unknown[]) => (statements.push([text, params ?? []]), db.app.query(text, params)),
    } as unknown as DataSource;
    const request = (cycleId: string) => pageRequest(cycleId, {}, NOW, 0, 50);
    await boardPageRows(capture, request(small));
    await boardSummary(capture, request(small), 30);
    expect(statements).toHaveLength(2);
    const literals = (params: unknown[], cycleId: string) =>
      params
        .map((v) => (v === small ? cycleId : v))
        .map((v) => {
          const text = prepareValue(v) as string | null;
          return text === null ? 'NULL' : connection.client.escapeLiteral(String(text));
        });
    await connection.client.query('SET plan_cache_mode = force_generic_plan');
    for (const [i, [text, params]] of statements.entries()) {
      await connection.client.query(`PREPARE board_${i} AS ${text}`);
      await connection.client.query(`EXECUTE board_${i}(${literals(params, small).join(', ')})`);
    }
    const large = await seed(db.owner, 20_000);
    // What the board's projection does after a batch that wrote 500 rows or more (cycle-board.batch.ts), as the
    // application role: the table has more than doubled, so its statistics are gathered and the plans dropped.
    await analyzeAfterBulkLoad(db.app, ['cycle_units', 'cycle_board_counts']);
    const read = [];
    for (const [i, [, params]] of statements.entries())
      read.push(await rowsReadFrom(connection, [`EXECUTE board_${i}(${literals(params, large).join(', ')})`, []], 'cycle_units'));
    // The page: its 50 rows from the name index; the summary: its grouped counts and the first pending names. Without
    // the statistics gathered, the plans kept read the cycle's 20,000 units and 19,130 of them.
    expect(read).toHaveLength(2);
    expect(Math.max(...read)).toBeLessThanOrEqual(200);
  });
});
