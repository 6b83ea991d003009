import type { DataSource } from 'typeorm';
import { STATUS_SORT_ORDER, type BoardProgress, type BoardStatus } from '@kybaocao/domain/board';
import { UNIT_KINDS, unitKindLabel } from '@kybaocao/domain/org-units/unit-kinds';
import { BASE, DERIVED, derived } from './board-page.sql';

/**
 * The board computed in SQL, one page at a time: the same rules as the domain's `computeBoard` (who is expected,
 * timeliness against each unit's effective deadline at the end of that day in Vietnam, days late) written as
 * expressions over the read model, so a request reads aggregates and one page of rows whatever the number of
 * units. `board-page.int-spec.ts` checks it against `computeBoard` row by row.
 */

export interface BoardPageFilter {
  statuses?: readonly BoardStatus[];
  progress?: readonly BoardProgress[];
  kinds?: readonly string[];
  levels?: readonly string[];
}

export type BoardPageSortKey = 'name' | 'status' | 'daysLate' | 'kind' | 'level';

export interface BoardPageRequest {
  cycleId: string;
  now: string;
  filter: BoardPageFilter;
  sort: BoardPageSortKey;
  order: 'asc' | 'desc';
  levelOrder: readonly string[];
  offset: number;
  limit: number;
}

export interface BoardPageRow {
  unitId: string;
  unitName: string;
  unitKind: string;
  level: string;
  status: BoardStatus;
  effectiveDeadline: string;
  submittedAt: string | null;
  timeliness: string;
  daysLate: number | null;
  lastActivityAt: string | null;
  expected: boolean;
  submitted: boolean;
  assigned: boolean;
}

/** The WHERE of the filter over `d`, its parameters appended to `params`. */
export function filterSql(filter: BoardPageFilter, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  // One value is an equality (an index on it and the name order then serves the page); several, ANY.
  const oneOf = (column: string, values: readonly string[]) =>
    values.length === 1 ? add((p) => `${column} = ${p}::text`, values[0]) : add((p) => `${column} = ANY (${p}::text[])`, values);
  if (filter.statuses) oneOf('d.status', filter.statuses);
  if (filter.progress) add((p) => `(CASE WHEN d.submitted THEN 'submitted' ELSE 'pending' END) = ANY (${p}::text[])`, filter.progress);
  if (filter.kinds) oneOf('d.unit_kind', filter.kinds);
  if (filter.levels) oneOf('d.level', filter.levels);
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Kind code → Vietnamese label (an unknown kind sorts by its code, as unitKindLabel shows it). */
const KIND_LABELS = JSON.stringify(Object.fromEntries(Object.keys(UNIT_KINDS).map((k) => [k, unitKindLabel(k)])));

const NAME = `d.unit_name COLLATE vi_names`;

/** ORDER BY of a sort: the key in the asked direction; ties in the board's order (name, then id) whatever the direction. */
function orderSql(req: BoardPageRequest, params: unknown[]): string {
  const dir = req.order === 'desc' ? 'DESC' : 'ASC';
  const ties = `${NAME} ASC, d.unit_id COLLATE "C" ASC`;
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (req.sort) {
    case 'status':
      return `array_position(${param(STATUS_SORT_ORDER)}::text[], d.status) ${dir}, ${ties}`;
    case 'kind':
      return `coalesce(${param(KIND_LABELS)}::jsonb ->> d.unit_kind, d.unit_kind) COLLATE vi_names ${dir}, ${ties}`;
    case 'level':
      return `coalesce(array_position(${param(req.levelOrder)}::text[], d.level), 1000000) ${dir}, d.level COLLATE vi_names ${dir}, ${ties}`;
    case 'daysLate':
      return `coalesce(d.days_late, 2147483647) ${dir}, ${ties}`;
    default:
      return `${NAME} ${dir}, d.unit_id COLLATE "C" ASC`;
  }
}

/** The sorts by a column of few values, and that column of the board's rows (each has a board index with the name order). */
const GROUPED_SORTS: Partial<Record<BoardPageSortKey, string>> = { status: 'status', kind: 'unit_kind', level: 'level' };

/**
 * An instant as Date.prototype.toISOString writes it (UTC, milliseconds truncated as a JS Date truncates them), written
 * by PostgreSQL: the driver then hands over a string, instead of parsing a Date that the answer turns back into one.
 */
const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The columns of a page, exactly those BoardPageRow carries (#16: a page's cost is mostly the driver reading it, so it
 * reads no column the answer does not show, and no value it has to convert).
 */
const PAGE_COLUMNS = `d.unit_id, d.unit_name, d.unit_kind, d.level, d.status, d.effective_deadline,
  ${isoSql('d.submitted_at')} AS submitted_at, d.timeliness, d.days_late, ${isoSql('d.last_activity_at')} AS last_activity_at,
  d.expected, d.submitted, d.assigned`;

/**
 * One page of the board's rows, filtered and sorted as asked. Filters and every sort but days late need only
 * the cheap columns: the page is chosen over those, and timeliness and days late are computed for its rows alone.
 */
export async function boardPageRows(db: Pick<DataSource, 'query'>, req: BoardPageRequest): Promise<BoardPageRow[]> {
  const params: unknown[] = [req.cycleId, req.now];
  const where = filterSql(req.filter, params);
  const order = orderSql(req, params);
  params.push(req.limit, req.offset);
  const limit = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
  const group = GROUPED_SORTS[req.sort];
  let page = `SELECT d.* FROM base d WHERE ${where} ORDER BY ${order} ${limit}`;
  if (group) {
    // Sorted by a column of few values (status, kind, level): the values the cycle has (from its grouped counts,
    // filtered), then for each the first offset + limit rows in name order from that column's board index, and
    // the page from those: rows read and sorted ≤ values × (offset + limit), whatever the number of units.
    params.push(req.offset + req.limit);
    page = `SELECT p.* FROM (
              SELECT DISTINCT d.${group} AS k FROM (
                SELECT x.*, x.status IN ('submitted', 'resubmitted', 'approved') AS submitted FROM cycle_board_counts x WHERE x.cycle_id = $1 AND x.n > 0
              ) d WHERE ${where}
            ) keys CROSS JOIN LATERAL (
              SELECT d.* FROM base d WHERE d.${group} = keys.k AND ${where} ORDER BY ${NAME}, d.unit_id COLLATE "C" LIMIT $${params.length}
            ) p ORDER BY ${order.replace(/\bd\./g, 'p.')} ${limit}`;
  }
  const rows: any[] = await db.query(
    req.sort === 'daysLate'
      ? `${DERIVED} SELECT ${PAGE_COLUMNS} FROM d WHERE ${where} ORDER BY ${order} ${limit}`
      : `WITH ${BASE}, page AS (${page}), ${derived('page')}
         SELECT ${PAGE_COLUMNS} FROM d ORDER BY ${order}`,
    params,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: String(r.unit_name).normalize('NFC'),
    unitKind: r.unit_kind,
    level: r.level,
    status: r.status,
    effectiveDeadline: r.effective_deadline,
    submittedAt: r.submitted_at,
    timeliness: r.timeliness,
    daysLate: r.days_late,
    lastActivityAt: r.last_activity_at,
    expected: r.expected,
    submitted: r.submitted,
    assigned: r.assigned,
  }));
}

/**
 * The statement of pendingNames ($1 cycle id, $2 now; `limit` the parameter of the number of names): their names
 * and ids, in the board's order (name, then id).
 */
export const pendingNamesSql = (limit: string) =>
  `${DERIVED} SELECT d.unit_name, d.unit_id FROM d WHERE d.expected AND NOT d.submitted ORDER BY ${NAME}, d.unit_id COLLATE "C" LIMIT ${limit}`;

/** Names of the first `limit` expected units that have not submitted, in the board's order. */
export async function pendingNames(db: DataSource, cycleId: string, now: string, limit: number): Promise<string[]> {
  const rows: { unit_name: string }[] = await db.query(pendingNamesSql('$3'), [cycleId, now, limit]);
  return rows.map((r) => String(r.unit_name).normalize('NFC'));
}

/** Which of `unitIds` the cycle has assigned, in the board's order (name, then id). */
export async function assignedAmong(db: DataSource, cycleId: string, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows: { unit_id: string }[] = await db.query(
    `SELECT cu.unit_id FROM cycle_units cu WHERE cu.cycle_id = $1 AND cu.unit_id = ANY ($2::text[]) AND cu.assigned
      ORDER BY coalesce(cu.unit_name, cu.unit_id) COLLATE vi_names, cu.unit_id COLLATE "C"`,
    [cycleId, [...unitIds]],
  );
  return rows.map((r) => r.unit_id);
}
