import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { heldConnection, rowsReadFrom } from '../../../../test/support/sql-tally';
import { pathsCtes } from './office-scope';

/**
 * Issue #16: every logged-in request climbs the registry from the caller's office (and the route's cycle issuer) in the
 * session's statement, a named prepared statement whose generic plan a pooled connection keeps. A plan made while
 * `org_units` was empty and never analyzed (a fresh deployment, before the registry import) hash-joined the whole table
 * at each level of the climb, and kept doing so once the import had put 20,000 units in it, until autovacuum analyzed
 * the table (minutes later; measured at 20,000 units: two scans of 23,607 rows per request). The climb is written so
 * that every plan probes the key, one unit per level.
 */
describe("the office's path up the registry: one key probe per level, whatever plan the connection kept", () => {
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

  it('climbs from the office to the root reading the units on its path alone, with the plan made on an empty registry', async () => {
    await connection.client.query(`SET plan_cache_mode = force_generic_plan`);
    await connection.client.query(
      `PREPARE office_path(text) AS WITH RECURSIVE ${pathsCtes('SELECT $1::text', 'NULL', 'NULL')} SELECT * FROM paths`,
    );
    expect((await connection.client.query(`EXECUTE office_path('bdv-tinh-1')`)).rows).toEqual([
      { tag: 'office', start: 'bdv-tinh-1', id: null, level: null, depth: null },
    ]);
    // The registry imported afterwards, not analyzed yet: a root, 34 provinces, 3,321 communes and 6 organisations each.
    await db.owner.query(
      `INSERT INTO org_units (id, parent_id, level, kind, canonical_name, active_from, version)
       SELECT 'root', NULL, 'trung-uong', 'MTTQ', 'Ủy ban Trung ương MTTQ Việt Nam', DATE '2020-01-01', 1
       UNION ALL SELECT 'tinh-' || p, 'root', 'tinh', 'MTTQ', 'Tỉnh ' || p, DATE '2020-01-01', 1 FROM generate_series(1, 34) AS p
       UNION ALL SELECT 'bdv-tinh-' || p, 'tinh-' || p, 'tinh', 'BAN_DAN_VAN', 'Ban Dân vận ' || p, DATE '2020-01-01', 1 FROM generate_series(1, 34) AS p
       UNION ALL SELECT 'xa-' || x, 'tinh-' || (x % 34 + 1), 'xa', 'MTTQ', 'Xã ' || x, DATE '2020-01-01', 1 FROM generate_series(1, 3321) AS x
       UNION ALL SELECT 'to-chuc-' || x || '-' || k, 'xa-' || x, 'xa', 'HOI', 'Hội ' || k || ' xã ' || x, DATE '2020-01-01', 1
                   FROM generate_series(1, 3321) AS x, generate_series(1, 6) AS k`,
    );
    expect(await connection.query(`EXECUTE office_path('bdv-tinh-1')`)).toEqual([
      { tag: 'office', start: 'bdv-tinh-1', id: 'bdv-tinh-1', level: 'tinh', depth: 0 },
      { tag: 'office', start: 'bdv-tinh-1', id: 'tinh-1', level: 'tinh', depth: 1 },
      { tag: 'office', start: 'bdv-tinh-1', id: 'root', level: 'trung-uong', depth: 2 },
    ]);
    const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM org_units`);
    expect(n).toBeGreaterThanOrEqual(23_315);
    // One row per probe: the office, its province, the root and the root's absent parent (EXPLAIN rounds the last
    // level's 2 rows in 3 loops up to 3), not the 23,315 of the registry at each level.
    expect(await rowsReadFrom(connection, [`EXECUTE office_path('bdv-tinh-1')`, []], 'org_units')).toBeLessThanOrEqual(4);
  });
});
