import type { DataSource } from 'typeorm';
import { toCycle, type CycleHeaderRow } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { pendingNamesSql, type BoardPageRequest } from './board-page.query';
import { aggregatesOf, aggregatesSql, type BoardAggregates } from './board-totals.query';

/** What a board request reads besides its page of rows and the failed e-mails. */
export interface BoardSummary {
  /** Null when the read model has no such cycle. */
  cycle: CycleHeaderRow | null;
  aggregates: BoardAggregates;
  /** Names of the first pending units in the board's order. */
  pendingNames: string[];
}

/**
 * The cycle's header, every total (boardAggregates) and the first pending names (pendingNames) in one statement:
 * one round trip, each part an uncorrelated subquery evaluated once.
 */
export async function boardSummary(
  db: Pick<DataSource, 'query'>,
  req: Pick<BoardPageRequest, 'cycleId' | 'now' | 'filter'>,
  pendingLimit: number,
): Promise<BoardSummary> {
  const params: unknown[] = [req.cycleId, req.now];
  const totals = aggregatesSql(req.filter, params);
  params.push(pendingLimit);
  const [row]: { cycle: Record<string, unknown> | null; totals: Record<string, unknown>[]; pending: string[] }[] = await db.query(
    `SELECT (SELECT row_to_json(c) FROM cycles c WHERE c.id = $1) AS cycle,
            (SELECT coalesce(json_agg(t), '[]') FROM (${totals}) t) AS totals,
            (SELECT coalesce(json_agg(p.unit_name ORDER BY p.unit_name COLLATE vi_names, p.unit_id COLLATE "C"), '[]')
               FROM (${pendingNamesSql(`$${params.length}`)}) p) AS pending`,
    params,
  );
  return {
    cycle: row.cycle ? toCycle(row.cycle) : null,
    aggregates: aggregatesOf(row.totals),
    pendingNames: row.pending.map((n) => String(n).normalize('NFC')),
  };
}
