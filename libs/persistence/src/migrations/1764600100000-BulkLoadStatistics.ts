import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models' statistics gathered as soon as a bulk load lands in them (issue #16; `bulk-load-statistics.ts`).
 * The API's hottest statements are named prepared statements, and a pooled connection keeps the generic plan it made
 * until a table's statistics change. A plan made on a small read model (a deployment's first cycles) and kept once a
 * national cycle has opened 20,000 units read every unit of the cycle and sorted them for a board page of 50, until
 * autovacuum analyzed the table, a minute or more later. ANALYZE is the table owner's; the application role may run it,
 * through this function, on these tables alone, and only on one that has more than doubled since it was last analyzed.
 */
export class BulkLoadStatistics1764600100000 implements MigrationInterface {
  name = 'BulkLoadStatistics1764600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION analyze_after_bulk_load(tables text[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE t text;
      BEGIN
        FOREACH t IN ARRAY tables LOOP
          IF t NOT IN ('org_units', 'users', 'cycle_units', 'cycle_memberships', 'cycle_board_counts') THEN
            RAISE EXCEPTION 'analyze_after_bulk_load: % is not a read model it analyzes', t;
          END IF;
          -- Only a table that has more than doubled (in pages) since its statistics were gathered: an import applied
          -- 500 events at a time analyzes its table a few times, not at every batch.
          IF pg_relation_size(t::regclass) / current_setting('block_size')::bigint >
             2 * (SELECT greatest(relpages, 0) FROM pg_class WHERE oid = t::regclass) + 8 THEN
            EXECUTE format('ANALYZE %I', t);
          END IF;
        END LOOP;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION analyze_after_bulk_load(text[]) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION analyze_after_bulk_load(text[]) TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION analyze_after_bulk_load(text[])`);
  }
}
