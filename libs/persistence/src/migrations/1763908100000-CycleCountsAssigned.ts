import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /cycles/{id} and the close/advance check answer a cycle's counts from `cycle_board_counts`, not from a pass
 * over its `cycle_units` rows (issue #16). Those counts mean: assigned rows; assigned rows with a current version;
 * assigned rows not approved. The key had `expected` (assigned and active in the period) and `has_submission`
 * (submitted_at not null), which are not the same thing, so the key gains `assigned` and `has_version`
 * (current_version not null). More key columns only split groups: every reader sums n over the groups it needs.
 *
 * The trigger function is replaced with the new key (the triggers call it by name), the unique index is rebuilt
 * over the new columns, and the counts of existing cycles are computed afresh from their rows.
 */

/** The key of a `cycle_units` row `x` of a cycle `c` (LEFT JOINed) before this migration, as in 1763907700000. */
const OLD_KEY = `coalesce(x.unit_kind, 'KHONG_RO'), coalesce(x.unit_level, 'khong-ro'), x.status, x.effective_deadline,
  coalesce(x.assigned AND coalesce(x.unit_active_from, c.data_from) <= c.data_to AND (x.unit_active_to IS NULL OR x.unit_active_to >= c.data_to), false),
  x.late, x.submitted_at IS NOT NULL,
  coalesce(x.submitted_at > ((x.effective_deadline + 1)::timestamp AT TIME ZONE 'UTC' - interval '7 hours' - interval '1 millisecond'), false)`;
const OLD_COLUMNS = `cycle_id, unit_kind, level, status, effective_deadline, expected, late, has_submission, submitted_after`;

const KEY = `${OLD_KEY}, x.assigned, x.current_version IS NOT NULL`;
const COLUMNS = `${OLD_COLUMNS}, assigned, has_version`;

/** Adds the grouped rows of `source` (cycle_units rows with a column `d`: +1 or −1) to the counts, by `key`. */
const upsert = (key: string, columns: string, source: string) => {
  const positions = columns
    .split(',')
    .map((_, i) => i + 1)
    .join(', ');
  return `
  INSERT INTO cycle_board_counts (${columns}, n)
  SELECT x.cycle_id, ${key}, sum(x.d) FROM (${source}) x LEFT JOIN cycles c ON c.id = x.cycle_id
   GROUP BY ${positions} HAVING sum(x.d) <> 0
   ORDER BY ${positions}
  ON CONFLICT (${columns}) DO UPDATE SET n = cycle_board_counts.n + EXCLUDED.n`;
};

/** The statement-level trigger function over `key` (the triggers of 1763907700000 call it by name). */
const applyFunction = (key: string, columns: string) => `
  CREATE OR REPLACE FUNCTION cycle_board_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${upsert(key, columns, `SELECT r.*, 1 AS d FROM new_rows r`)};
    ELSIF TG_OP = 'UPDATE' THEN
      ${upsert(key, columns, `SELECT r.*, 1 AS d FROM new_rows r UNION ALL SELECT r.*, -1 AS d FROM old_rows r`)};
    ELSE
      ${upsert(key, columns, `SELECT r.*, -1 AS d FROM old_rows r`)};
    END IF;
    RETURN NULL;
  END $$`;

/** The counts of every cycle afresh from its rows, by `key`. */
async function rebuild(q: QueryRunner, key: string, columns: string): Promise<void> {
  await q.query(`DELETE FROM cycle_board_counts`);
  await q.query(upsert(key, columns, `SELECT r.*, 1 AS d FROM cycle_units r`));
}

export class CycleCountsAssigned1763908100000 implements MigrationInterface {
  name = 'CycleCountsAssigned1763908100000';

  async up(q: QueryRunner): Promise<void> {
    // No writer may change cycle_units between the new function and the rebuild (their deltas would be counted twice).
    await q.query(`LOCK TABLE cycle_units IN SHARE MODE`);
    await q.query(
      `ALTER TABLE cycle_board_counts ADD COLUMN assigned boolean NOT NULL DEFAULT false, ADD COLUMN has_version boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE cycle_board_counts ALTER COLUMN assigned DROP DEFAULT, ALTER COLUMN has_version DROP DEFAULT`);
    await q.query(`DROP INDEX cycle_board_counts_key`);
    await q.query(`DELETE FROM cycle_board_counts`);
    await q.query(`CREATE UNIQUE INDEX cycle_board_counts_key ON cycle_board_counts (${COLUMNS}) NULLS NOT DISTINCT`);
    await q.query(applyFunction(KEY, COLUMNS));
    await rebuild(q, KEY, COLUMNS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE cycle_units IN SHARE MODE`);
    await q.query(`DROP INDEX cycle_board_counts_key`);
    await q.query(`DELETE FROM cycle_board_counts`);
    await q.query(`ALTER TABLE cycle_board_counts DROP COLUMN assigned, DROP COLUMN has_version`);
    await q.query(`CREATE UNIQUE INDEX cycle_board_counts_key ON cycle_board_counts (${OLD_COLUMNS}) NULLS NOT DISTINCT`);
    await q.query(applyFunction(OLD_KEY, OLD_COLUMNS));
    await rebuild(q, OLD_KEY, OLD_COLUMNS);
  }
}
