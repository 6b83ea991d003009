/**
 * The SQL fragments of the board computed in SQL (board-page.query.ts): the cycle's rows from the read model, and
 * the domain's timeliness rules (latenessAgainst, computeBoard) written as expressions over them.
 */

/** The last instant of `x`'s deadline day in Vietnam (UTC+7): an instant after it is late. */
export const DEADLINE_END = `((x.effective_deadline + 1)::timestamp AT TIME ZONE 'UTC' - interval '7 hours' - interval '1 millisecond')`;

/** End of the deadline day in Vietnam (UTC+7), minus the instant: > 0 ms when late (latenessAgainst's rule). */
const overMs = (instant: string) =>
  `(extract(epoch FROM (${instant} - ((x.effective_deadline + 1)::timestamp AT TIME ZONE 'UTC' - interval '7 hours' - interval '1 millisecond'))) * 1000)`;

/**
 * The cycle's rows with what filters and sorts by name, status, kind and level need ($1 cycle id): cheap per
 * row, from cycle_units alone (it carries its org unit's name, kind, level and interval), so the default order
 * (name, then id) is the index cycle_units_board_name's and the first page is read LIMIT-first.
 */
export const BASE = `
  cycle AS (SELECT data_from, data_to FROM cycles WHERE id = $1),
  base AS (
    SELECT cu.unit_id, cu.assigned, cu.status, cu.effective_deadline, cu.submitted_at, cu.late, cu.last_activity_at,
           coalesce(cu.unit_name, cu.unit_id) AS unit_name, coalesce(cu.unit_kind, 'KHONG_RO') AS unit_kind, coalesce(cu.unit_level, 'khong-ro') AS level,
           (cu.assigned AND coalesce(cu.unit_active_from, (SELECT data_from FROM cycle)) <= (SELECT data_to FROM cycle)
              AND (cu.unit_active_to IS NULL OR cu.unit_active_to >= (SELECT data_to FROM cycle))) AS expected,
           cu.status IN ('submitted', 'resubmitted', 'approved') AS submitted
      FROM cycle_units cu
     WHERE cu.cycle_id = $1 AND EXISTS (SELECT 1 FROM cycle)
  )`;

/** Timeliness and days late ($2 now) of the rows of `source` (a CTE with base's columns), as `d`. */
export const derived = (source: string) => `
  b AS (
    SELECT x.*, ${overMs('x.submitted_at')} AS sub_over, ${overMs('$2::timestamptz')} AS now_over
      FROM ${source} x
  ), d AS (
    SELECT b.*,
           CASE WHEN b.submitted_at IS NOT NULL THEN CASE WHEN b.sub_over > 0 THEN 'late' ELSE 'on_time' END
                WHEN b.status NOT IN ('not_started', 'draft') AND b.late IS NOT NULL THEN CASE WHEN b.late THEN 'late' ELSE 'on_time' END
                WHEN NOT b.expected THEN 'not_expected'
                WHEN b.now_over > 0 THEN 'overdue' ELSE 'not_due' END AS timeliness,
           CASE WHEN b.submitted_at IS NOT NULL THEN CASE WHEN b.sub_over > 0 THEN ceil(b.sub_over / 86400000)::int ELSE 0 END
                WHEN b.status NOT IN ('not_started', 'draft') AND b.late IS NOT NULL THEN CASE WHEN b.late THEN NULL ELSE 0 END
                WHEN NOT b.expected THEN 0
                WHEN b.now_over > 0 THEN ceil(b.now_over / 86400000)::int ELSE 0 END AS days_late
      FROM b
  )`;

/** The derived board rows of one cycle ($1 cycle id, $2 now). */
export const DERIVED = `WITH ${BASE}, ${derived('base')}`;
