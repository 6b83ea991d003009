import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board's totals without a pass over the cycle's rows (issue #16): `cycle_board_counts` holds, per cycle, how
 * many `cycle_units` rows share each combination of what a total depends on (kind, level, status, effective
 * deadline, expected, late, submitted or not and after the deadline day or not). A board request reads these few
 * rows (tens to a few hundred, whatever the number of units) and evaluates timeliness against `now` per group.
 *
 * The counts are kept by statement-level triggers on `cycle_units`, in the transaction that changes the rows:
 * every writer (the cycle-board projection's batches, the org-units projection's copy of a unit's kind, level and
 * interval, a reset) keeps them current without knowing of them, and a statement of 20,000 rows costs one grouped
 * upsert. The delta of a statement is its new rows counted +1 and its old rows −1, grouped by the key; groups whose
 * delta is zero are not written. Groups that fall to zero stay (at n = 0) and are skipped by the readers.
 */

/** The key of a `cycle_units` row `x` of a cycle `c` (LEFT JOINed: no cycle, no expected unit), as columns. */
const KEY = `coalesce(x.unit_kind, 'KHONG_RO'), coalesce(x.unit_level, 'khong-ro'), x.status, x.effective_deadline,
  coalesce(x.assigned AND coalesce(x.unit_active_from, c.data_from) <= c.data_to AND (x.unit_active_to IS NULL OR x.unit_active_to >= c.data_to), false),
  x.late, x.submitted_at IS NOT NULL,
  coalesce(x.submitted_at > ((x.effective_deadline + 1)::timestamp AT TIME ZONE 'UTC' - interval '7 hours' - interval '1 millisecond'), false)`;
const COLUMNS = `cycle_id, unit_kind, level, status, effective_deadline, expected, late, has_submission, submitted_after`;

/** Adds the grouped rows of `source` (cycle_units rows with a column `d`: +1 or −1) to the counts. */
const upsert = (source: string) => `
  INSERT INTO cycle_board_counts (${COLUMNS}, n)
  SELECT x.cycle_id, ${KEY}, sum(x.d) FROM (${source}) x LEFT JOIN cycles c ON c.id = x.cycle_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(x.d) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (${COLUMNS}) DO UPDATE SET n = cycle_board_counts.n + EXCLUDED.n`;

export class CycleBoardCounts1763907700000 implements MigrationInterface {
  name = 'CycleBoardCounts1763907700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycle_board_counts (
        cycle_id           uuid    NOT NULL,
        unit_kind          text    NOT NULL,
        level              text    NOT NULL,
        status             text    NOT NULL,
        effective_deadline date    NOT NULL,
        expected           boolean NOT NULL,
        late               boolean,
        has_submission     boolean NOT NULL,
        submitted_after    boolean NOT NULL,
        n                  bigint  NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX cycle_board_counts_key ON cycle_board_counts (${COLUMNS}) NULLS NOT DISTINCT`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON cycle_board_counts TO kybaocao_app`);
    await q.query(`
      CREATE FUNCTION cycle_board_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${upsert(`SELECT r.*, 1 AS d FROM new_rows r`)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${upsert(`SELECT r.*, 1 AS d FROM new_rows r UNION ALL SELECT r.*, -1 AS d FROM old_rows r`)};
        ELSE
          ${upsert(`SELECT r.*, -1 AS d FROM old_rows r`)};
        END IF;
        RETURN NULL;
      END $$`);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    await q.query(`CREATE TRIGGER cycle_board_counts_insert AFTER INSERT ON cycle_units REFERENCING NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION cycle_board_counts_apply()`);
    await q.query(`CREATE TRIGGER cycle_board_counts_update AFTER UPDATE ON cycle_units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION cycle_board_counts_apply()`);
    await q.query(`CREATE TRIGGER cycle_board_counts_delete AFTER DELETE ON cycle_units REFERENCING OLD TABLE AS old_rows
                     FOR EACH STATEMENT EXECUTE FUNCTION cycle_board_counts_apply()`);
    // Existing cycles: their counts from their rows as they are.
    await q.query(upsert(`SELECT r.*, 1 AS d FROM cycle_units r`));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER cycle_board_counts_${t} ON cycle_units`);
    await q.query(`DROP FUNCTION cycle_board_counts_apply()`);
    await q.query(`DROP TABLE cycle_board_counts`);
  }
}
