/** The tables whose statistics a bulk load refreshes at once (migration 1764600100000). */
export type BulkLoadedTable = 'org_units' | 'users' | 'cycle_units' | 'cycle_memberships' | 'cycle_board_counts';

/** Rows written to a table at once (a projector's batch is 500 events) from which its growth is checked. */
export const BULK_LOAD_ROWS = 500;

/**
 * Gathers the statistics of each table that has more than doubled in size since they were last gathered (ANALYZE, as
 * the owner, through analyze_after_bulk_load), in the caller's transaction, so the rows it wrote are counted:
 * PostgreSQL then drops every connection's cached plans of statements on them, and the next run plans for the table's
 * new size. Without it, a named prepared statement's generic plan made on a small table (read models start empty) was
 * kept after a bulk load until autovacuum analyzed the table: a board page of 50 read and sorted every one of 20,000
 * units (`board-generic-plans.int-spec.ts`). An ANALYZE costs tens of ms at 20,000 rows (it samples at most 30,000),
 * and a table only doubles a few times: an import of 20,000 units 500 at a time analyzes org_units about 5 times.
 * Checked after a load of BULK_LOAD_ROWS rows or more.
 */
export async function analyzeAfterBulkLoad(
  m: { query(sql: string, params?: unknown[]): Promise<unknown> },
  tables: readonly BulkLoadedTable[],
) {
  await m.query(`SELECT analyze_after_bulk_load($1::text[])`, [tables]);
}
