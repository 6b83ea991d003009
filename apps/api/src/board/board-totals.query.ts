import type { DataSource } from 'typeorm';
import { DEADLINE_END } from './board-page.sql';
import { filterSql, type BoardPageFilter, type BoardPageRequest } from './board-page.query';

/** The board's totals, read from the cycle's grouped counts (`cycle_board_counts`). */

export interface BoardCounts {
  expected: number;
  submitted: number;
  onTime: number;
  submittedLate: number;
  overdue: number;
  returned: number;
  approved: number;
}

export interface BoardAggregates {
  totalUnits: number;
  matching: number;
  submittedNotExpected: number;
  statuses: Record<string, number>;
  overall: BoardCounts;
  byKind: Map<string, BoardCounts>;
  byLevel: Map<string, BoardCounts>;
}

const counts = (r: any): BoardCounts => ({
  expected: Number(r.expected),
  submitted: Number(r.submitted),
  onTime: Number(r.on_time),
  submittedLate: Number(r.submitted_late),
  overdue: Number(r.overdue),
  returned: Number(r.returned),
  approved: Number(r.approved),
});

/**
 * Every total of the board from the cycle's grouped counts (`cycle_board_counts`, kept by triggers on cycle_units
 * in the transaction that changes them): overall, per kind and per level over the expected units (GROUPING SETS),
 * the count of each status and of the rows the filter keeps. The groups hold everything a total depends on (kind,
 * level, status, deadline, expected, late, submitted after the deadline day), so timeliness against `now` and the
 * filter are evaluated per group, not per unit: the read is a few hundred rows at most, whatever the number of units.
 */
export async function boardAggregates(db: DataSource, req: Pick<BoardPageRequest, 'cycleId' | 'now' | 'filter'>): Promise<BoardAggregates> {
  const params: unknown[] = [req.cycleId, req.now];
  return aggregatesOf(await db.query(aggregatesSql(req.filter, params), params));
}

/** The statement of boardAggregates ($1 cycle id, $2 now), the filter's parameters appended to `params`. */
export function aggregatesSql(filter: BoardPageFilter, params: unknown[]): string {
  const where = filterSql(filter, params);
  return `WITH g AS (
       SELECT x.unit_kind, x.level, x.status, x.effective_deadline, x.expected, x.status IN ('submitted', 'resubmitted', 'approved') AS submitted,
              x.late, x.has_submission, x.submitted_after, x.n
         FROM cycle_board_counts x
        WHERE x.cycle_id = $1 AND x.n > 0 AND EXISTS (SELECT 1 FROM cycles WHERE id = $1)
     ), d AS (
       SELECT x.*,
              CASE WHEN x.has_submission THEN CASE WHEN x.submitted_after THEN 'late' ELSE 'on_time' END
                   WHEN x.status NOT IN ('not_started', 'draft') AND x.late IS NOT NULL THEN CASE WHEN x.late THEN 'late' ELSE 'on_time' END
                   WHEN NOT x.expected THEN 'not_expected'
                   WHEN $2::timestamptz > ${DEADLINE_END} THEN 'overdue' ELSE 'not_due' END AS timeliness
         FROM g x
     )
     SELECT GROUPING(d.unit_kind) AS g_kind, GROUPING(d.level) AS g_level, GROUPING(d.status) AS g_status, d.unit_kind, d.level, d.status,
            sum(d.n) AS all_rows,
            sum(d.n) FILTER (WHERE ${where}) AS matching,
            sum(d.n) FILTER (WHERE NOT d.expected AND d.submitted) AS submitted_not_expected,
            sum(d.n) FILTER (WHERE d.expected) AS expected,
            sum(d.n) FILTER (WHERE d.expected AND d.submitted) AS submitted,
            sum(d.n) FILTER (WHERE d.expected AND d.submitted AND d.timeliness = 'on_time') AS on_time,
            sum(d.n) FILTER (WHERE d.expected AND d.submitted AND d.timeliness = 'late') AS submitted_late,
            sum(d.n) FILTER (WHERE d.expected AND d.timeliness = 'overdue') AS overdue,
            sum(d.n) FILTER (WHERE d.expected AND d.status = 'returned') AS returned,
            sum(d.n) FILTER (WHERE d.expected AND d.status = 'approved') AS approved
       FROM d
      GROUP BY GROUPING SETS ((), (d.unit_kind), (d.level), (d.status))`;
}

/** The totals from aggregatesSql's rows. */
export function aggregatesOf(rows: any[]): BoardAggregates {
  const result: BoardAggregates = {
    totalUnits: 0,
    matching: 0,
    submittedNotExpected: 0,
    statuses: {},
    overall: counts({}),
    byKind: new Map(),
    byLevel: new Map(),
  };
  for (const r of rows) {
    const [gKind, gLevel, gStatus] = [Number(r.g_kind), Number(r.g_level), Number(r.g_status)];
    if (gKind && gLevel && gStatus) {
      result.totalUnits = Number(r.all_rows);
      result.matching = Number(r.matching);
      result.submittedNotExpected = Number(r.submitted_not_expected);
      result.overall = counts(r);
    } else if (!gKind) {
      if (Number(r.expected) > 0) result.byKind.set(r.unit_kind, counts(r));
    } else if (!gLevel) {
      if (Number(r.expected) > 0) result.byLevel.set(r.level, counts(r));
    } else {
      result.statuses[r.status] = Number(r.all_rows);
    }
  }
  return result;
}
