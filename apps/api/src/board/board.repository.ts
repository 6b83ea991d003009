import type { CycleListScope } from '@kybaocao/domain/permissions';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@kybaocao/persistence/prepared-query';
import type { Queryable } from '@kybaocao/notifications/queryable';
import { notificationQueries, type FailedDelivery } from '@kybaocao/notifications/notification.queries';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { assignedAmong, boardPageRows, pendingNames, type BoardPageRequest, type BoardPageRow } from './board-page.query';
import { boardAggregates, type BoardAggregates } from './board-totals.query';

import { boardSummary, type BoardSummary } from './board-summary.query';

export type { BoardReadRow, CycleHeaderRow } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';

/** What the board reads: the board read model's own queries (cycle-board.queries.ts) and failed e-mails. */
@Injectable()
export class BoardRepository {
  /**
   * The board's statements sent as named prepared statements (prepared-query.ts): parsed once per connection, and
   * their generic plans are checked by board-cost.int-spec.ts (the SQL tally replays them) at 200 to 20,000 units.
   */
  private readonly prepared: Queryable;

  constructor(private readonly db: DataSource) {
    this.prepared = { query: (text: string, values?: unknown[]) => preparedQuery(db, text, values ?? []) };
  }

  cycleHeader(cycleId: string) {
    return cycleBoardQueries.cycleHeader(this.db.manager, cycleId);
  }

  cyclesEndingOn(dataTo: string) {
    return cycleBoardQueries.cyclesEndingOn(this.db.manager, dataTo);
  }

  /** The cycles in the scope (issued by the scope's units, or below them), the most recently opened first: at most `limit`, after `after`. */
  cyclesNewestFirst(scope: CycleListScope, limit: number, after?: { openedAt: string; id: string }) {
    return cycleBoardQueries.cyclesNewestFirst(this.db.manager, scope, limit, after);
  }

  /** Which of `unitIds` the cycle has assigned, in the board's order (name, then id): one index probe per id. */
  assignedAmong(cycleId: string, unitIds: readonly string[]): Promise<string[]> {
    return assignedAmong(this.db, cycleId, unitIds);
  }

  /** One page of the board's rows, filtered and sorted in SQL. */
  pageRows(request: BoardPageRequest): Promise<BoardPageRow[]> {
    return boardPageRows(this.prepared, request);
  }

  /** Every total of the board and the number of rows the filter keeps, in SQL. */
  aggregates(request: Pick<BoardPageRequest, 'cycleId' | 'now' | 'filter'>): Promise<BoardAggregates> {
    return boardAggregates(this.db, request);
  }

  /** The cycle's header, every total and the first `pendingLimit` pending names, in one statement. */
  summary(request: BoardPageRequest, pendingLimit: number): Promise<BoardSummary> {
    return boardSummary(this.prepared, request, pendingLimit);
  }

  /** Names of the first `limit` expected units that have not submitted, in name order. */
  pendingNames(cycleId: string, now: string, limit: number): Promise<string[]> {
    return pendingNames(this.db, cycleId, now, limit);
  }

  /** Canonical names of the given units (those not found are left out). */
  async unitNames(unitIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; canonical_name: string }[] = await this.db.query(
      `SELECT id, canonical_name FROM org_units WHERE id = ANY ($1::text[])`,
      [[...new Set(unitIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.canonical_name.normalize('NFC')] as const));
  }

  /** E-mails of the cycle's notifications whose latest attempt failed. */
  failedDeliveriesOfCycle(cycleId: string, limit: number): Promise<{ list: FailedDelivery[]; total: number }> {
    return notificationQueries.failedDeliveriesOfCycle(this.prepared, cycleId, limit);
  }

  /** Per unit of `unitIds` (a page of the board), its e-mails whose latest attempt failed. */
  failedDeliveriesPerUnit(cycleId: string, unitIds: readonly string[]): Promise<Map<string, number>> {
    return notificationQueries.failedDeliveriesPerUnit(this.prepared, cycleId, unitIds);
  }
}
