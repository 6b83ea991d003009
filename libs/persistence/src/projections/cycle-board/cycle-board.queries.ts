import { EntityManager } from 'typeorm';
import type { BoardStatus, BoardUnitRow } from '@kybaocao/domain/board';

/**
 * Queries of the board read model (`cycles`, `cycle_units`, joined with `org_units` for names and kinds),
 * named by intent. Everyone who reads the board — the API's board, cycles, assignments and reminders, the
 * worker's activities — calls these; nobody else writes SQL over these tables.
 */
type Sql = Pick<EntityManager, 'query'>;

export interface BoardRow {
  unitId: string;
  unitName: string | null;
  unitKind: string | null;
  status: string;
  baseDeadline: string;
  effectiveDeadline: string;
  currentVersion: number | null;
  submittedAt: Date | null;
  /** The first submission (timeliness is judged on it); submittedAt is the latest version's. */
  firstSubmittedAt: Date | null;
  late: boolean | null;
  daysLate: number | null;
  approvedVersion: number | null;
  returns: number;
  lastActivityAt: Date | null;
}

/** Queries of the board read model, named by intent. */
/** Which cycles a list shows: every one, or those issued by some units (and with `below`, by units under them). */
export type CycleScope = { all: true } | { issuers: readonly string[]; below: boolean };

/**
 * The SQL of a cycle scope, its parameters numbered from `first`: a CTE to put before the SELECT and a condition on
 * `column` (the cycle's issuer, `issuing_body_unit_id` unless aliased). Every list of cycles filters through it.
 */
export function cycleScopeSql(
  scope: CycleScope,
  first: number,
  column = 'issuing_body_unit_id',
): { cte: string; condition: string; params: unknown[] } {
  if ('all' in scope) return { cte: '', condition: 'TRUE', params: [] };
  const cte = scope.below
    ? `WITH RECURSIVE issuers(id) AS (SELECT unnest($${first}::text[]) UNION SELECT o.id FROM org_units o JOIN issuers i ON o.parent_id = i.id)`
    : `WITH issuers(id) AS (SELECT unnest($${first}::text[]))`;
  return { cte, condition: `${column} IN (SELECT id FROM issuers)`, params: [scope.issuers] };
}

export const cycleBoardQueries = {
  async unitsOfCycle(m: Sql, cycleId: string): Promise<BoardRow[]> {
    const rows = await m.query(
      `SELECT cu.*, ou.canonical_name, ou.kind FROM cycle_units cu LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE cu.cycle_id = $1 AND cu.assigned ORDER BY ou.canonical_name COLLATE "C", cu.unit_id`,
      [cycleId],
    );
    return rows.map(toBoardRow);
  },
  /**
   * One page of the cycle's assigned units in name order (keyset on name, id); with `onlyUnitIds`, just those
   * (a reporter's own). `total` counts the units every page together holds.
   */
  async unitsOfCyclePage(
    m: EntityManager,
    cycleId: string,
    page: { limit: number; after?: { name: string; unitId: string }; onlyUnitIds?: readonly string[] },
  ): Promise<{ rows: BoardRow[]; total: number; last: { name: string; unitId: string } | null }> {
    const where = `cu.cycle_id = $1 AND cu.assigned AND ($2::text[] IS NULL OR cu.unit_id = ANY($2::text[]))`;
    const params: unknown[] = [cycleId, page.onlyUnitIds ?? null, page.limit];
    let keyset = '';
    if (page.after) {
      params.push(page.after.name, page.after.unitId);
      keyset = `AND (coalesce(ou.canonical_name, '') COLLATE "C", cu.unit_id) > ($4::text COLLATE "C", $5::text)`;
    }
    const rows = await m.query(
      `SELECT cu.*, ou.canonical_name, ou.kind FROM cycle_units cu LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE ${where} ${keyset} ORDER BY coalesce(ou.canonical_name, '') COLLATE "C", cu.unit_id LIMIT $3`,
      params,
    );
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM cycle_units cu WHERE ${where}`, [
      cycleId,
      page.onlyUnitIds ?? null,
    ]);
    const mapped: BoardRow[] = rows.map(toBoardRow);
    const tail = rows[rows.length - 1];
    return { rows: mapped, total, last: rows.length === page.limit ? { name: tail.canonical_name ?? '', unitId: tail.unit_id } : null };
  },

  /**
   * The cycle's counts: assigned units, those with a current version, and those not yet approved. The whole cycle's
   * come from its grouped counts (`cycle_board_counts`, kept by triggers on cycle_units: a few hundred rows at most,
   * whatever the number of units); with `onlyUnitIds`, of those units alone, counted from their rows (a reporter
   * sees only their own units).
   */
  async countsOfCycle(
    m: Sql,
    cycleId: string,
    onlyUnitIds?: readonly string[],
  ): Promise<{ expected: number; submitted: number; unapproved: number }> {
    if (onlyUnitIds) {
      const [mine] = await m.query(
        `SELECT count(*)::int AS expected, count(current_version)::int AS submitted, count(*) FILTER (WHERE status <> 'approved')::int AS unapproved
           FROM cycle_units WHERE cycle_id = $1 AND assigned AND unit_id = ANY($2::text[])`,
        [cycleId, onlyUnitIds],
      );
      return mine;
    }
    const [row] = await m.query(
      `SELECT coalesce(sum(n), 0)::int AS expected, coalesce(sum(n) FILTER (WHERE has_version), 0)::int AS submitted,
              coalesce(sum(n) FILTER (WHERE status <> 'approved'), 0)::int AS unapproved
         FROM cycle_board_counts WHERE cycle_id = $1 AND assigned`,
      [cycleId],
    );
    return row;
  },

  /**
   * How many expected units have not submitted (their status is none of `submittedStatuses`), from the cycle's grouped
   * counts: a few rows whatever the number of units.
   */
  async pendingCount(m: Sql, cycleId: string, submittedStatuses: readonly string[]): Promise<number> {
    const [row] = await m.query(
      `SELECT coalesce(sum(n) FILTER (WHERE expected AND status <> ALL ($2::text[])), 0)::int AS pending
         FROM cycle_board_counts WHERE cycle_id = $1`,
      [cycleId, submittedStatuses],
    );
    return row.pending;
  },

  async approvedUnitIds(m: Sql, cycleId: string): Promise<string[]> {
    const rows = await m.query(`SELECT unit_id FROM cycle_units WHERE cycle_id = $1 AND assigned AND status = 'approved'`, [cycleId]);
    return rows.map((r: any) => r.unit_id);
  },

  /**
   * One page of the assignments of these units across cycles (cancelled cycles left out), most urgent first:
   * still to send (not started, draft, returned) by effective deadline, then awaiting review, then approved.
   * Keyset paging on (urgency, deadline, cycle, unit); `total` counts every assignment.
   */
  async assignmentsOfUnits(
    m: Sql,
    unitIds: readonly string[],
    page: { limit: number; after?: AssignmentKey },
  ): Promise<{ rows: AssignmentRow[]; total: number }> {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const where = `cu.unit_id = ANY($1) AND cu.assigned AND c.status <> 'cancelled'`;
    const params: unknown[] = [unitIds, page.limit];
    let keyset = '';
    if (page.after) {
      params.push(page.after.urgency, page.after.deadline, page.after.cycleId, page.after.unitId);
      keyset = `AND (${URGENCY}, cu.effective_deadline, cu.cycle_id, cu.unit_id) > ($3::int, $4::date, $5::uuid, $6::text)`;
    }
    const rows = await m.query(
      `SELECT ${URGENCY} AS urgency, cu.cycle_id, cu.unit_id, cu.status, cu.base_deadline, cu.effective_deadline, cu.submitted_at, cu.late, cu.days_late,
              cu.open_return_reasons, c.template_id, c.template_version, c.period_label, c.issuing_body_name, c.status AS cycle_status,
              ou.canonical_name
         FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE ${where} ${keyset}
        ORDER BY 1, cu.effective_deadline, cu.cycle_id, cu.unit_id
        LIMIT $2`,
      params,
    );
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id WHERE ${where}`,
      [unitIds],
    );
    return {
      total,
      rows: rows.map(
        (r: any): AssignmentRow => ({
          urgency: r.urgency,
          cycleId: r.cycle_id,
          unitId: r.unit_id,
          unitName: r.canonical_name ?? null,
          status: r.status,
          baseDeadline: r.base_deadline,
          effectiveDeadline: r.effective_deadline,
          submittedAt: r.submitted_at,
          late: r.late,
          daysLate: r.days_late,
          openReturnReasons: r.open_return_reasons,
          templateId: r.template_id,
          templateVersion: r.template_version,
          periodLabel: r.period_label,
          issuingBodyName: r.issuing_body_name,
          cycleStatus: r.cycle_status,
        }),
      ),
    };
  },

  /** One page of the submissions awaiting review (submitted or resubmitted) across cycles, oldest first. */
  async awaitingReview(
    m: Sql,
    page: { limit: number; after?: ReviewKey },
    scope: { issuers: readonly string[]; excludeUnitIds: readonly string[] },
  ): Promise<{ rows: ReviewRow[]; total: number }> {
    // The reviewer's office's cycles only, less the units the reviewer reports for.
    const filter = (first: number) => `cu.assigned AND cu.status IN ('submitted', 'resubmitted') AND c.status <> 'cancelled'
      AND c.issuing_body_unit_id = ANY($${first}::text[]) AND NOT cu.unit_id = ANY($${first + 1}::text[])`;
    const where = filter(2);
    const scopeParams = [scope.issuers, scope.excludeUnitIds];
    const params: unknown[] = [page.limit, ...scopeParams];
    let keyset = '';
    if (page.after) {
      params.push(page.after.submittedAt, page.after.cycleId, page.after.unitId);
      keyset = `AND (cu.submitted_at, cu.cycle_id, cu.unit_id) > ($4::timestamptz, $5::uuid, $6::text)`;
    }
    const rows = await m.query(
      `SELECT cu.cycle_id, cu.unit_id, cu.status, cu.current_version, cu.submitted_at, cu.late, cu.effective_deadline,
              c.template_id, c.period_label, c.issuing_body_name, ou.canonical_name
         FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE ${where} ${keyset}
        ORDER BY cu.submitted_at, cu.cycle_id, cu.unit_id
        LIMIT $1`,
      params,
    );
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id WHERE ${filter(1)}`,
      scopeParams,
    );
    return {
      total,
      rows: rows.map(
        (r: any): ReviewRow => ({
          cycleId: r.cycle_id,
          unitId: r.unit_id,
          unitName: r.canonical_name ?? null,
          status: r.status,
          version: r.current_version,
          submittedAt: r.submitted_at,
          late: r.late === true,
          effectiveDeadline: r.effective_deadline,
          templateId: r.template_id,
          periodLabel: r.period_label,
          issuingBodyName: r.issuing_body_name,
        }),
      ),
    };
  },

  /** The board row of one unit of a cycle (name, effective deadline), or null when the unit was never assigned. */
  async unitOfCycle(
    m: Sql,
    cycleId: string,
    unitId: string,
  ): Promise<{ unitName: string | null; periodLabel: string; effectiveDeadline: string } | null> {
    const rows = await m.query(
      `SELECT ou.canonical_name, c.period_label, cu.effective_deadline FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id
         LEFT JOIN org_units ou ON ou.id = cu.unit_id WHERE cu.cycle_id = $1 AND cu.unit_id = $2`,
      [cycleId, unitId],
    );
    return rows[0]
      ? { unitName: rows[0].canonical_name ?? null, periodLabel: rows[0].period_label, effectiveDeadline: rows[0].effective_deadline }
      : null;
  },

  /** The cycle's header row, or null when the read model has no such cycle. */
  async cycleHeader(m: Sql, cycleId: string): Promise<CycleHeaderRow | null> {
    const [row] = await m.query(`SELECT * FROM cycles WHERE id = $1`, [cycleId]);
    return row ? toCycle(row) : null;
  },

  /** Cycles (not cancelled) whose data period ends on `dataTo`, the most recently opened first. */
  async cyclesEndingOn(m: Sql, dataTo: string): Promise<(CycleHeaderRow & { issuingBodyUnitId: string })[]> {
    const rows = await m.query(`SELECT * FROM cycles WHERE data_to = $1 AND status <> 'cancelled' ORDER BY opened_at DESC, id`, [dataTo]);
    return rows.map((r: any) => ({ ...toCycle(r), issuingBodyUnitId: r.issuing_body_unit_id }));
  },

  /** Who runs the cycle and what it is called (for reminders), or null when the read model has no such cycle. */
  async coordinationOf(m: Sql, cycleId: string): Promise<{ status: string; coordinatorId: string; periodLabel: string } | null> {
    const [row] = await m.query(`SELECT status, coordinator_id, period_label FROM cycles WHERE id = $1`, [cycleId]);
    return row ? { status: row.status, coordinatorId: row.coordinator_id, periodLabel: row.period_label } : null;
  },

  /** Every cycle, the most recently opened first. */
  /**
   * Cycles in the scope (every cycle, or those issued by the scope's units — and with `below`, by any unit under
   * them in the registry), the most recently opened first (keyset on opened_at, id): at most `limit`, after `after`.
   */
  async cyclesNewestFirst(m: Sql, scope: CycleScope, limit: number, after?: { openedAt: string; id: string }): Promise<CycleHeaderRow[]> {
    const { cte, condition, params: scopeParams } = cycleScopeSql(scope, 2);
    const params: unknown[] = [limit, ...scopeParams];
    const conditions: string[] = [condition];
    if (after) {
      params.push(after.openedAt, after.id);
      conditions.push(`(opened_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const where = `WHERE ${conditions.join(' AND ')}`;
    const rows = await m.query(`${cte} SELECT * FROM cycles ${where} ORDER BY opened_at DESC, id DESC LIMIT $1`, params);
    return rows.map(toCycle);
  },

  /**
   * Every unit ever assigned to the cycle (unassigned ones included: the statistics leave them out of the
   * denominators), with the org unit's kind, level and existence interval, in unit id order.
   */
  async boardRowsOfCycle(m: Sql, cycleId: string): Promise<BoardReadRow[]> {
    const rows = await m.query(
      `SELECT cu.unit_id, cu.assigned, cu.status, cu.effective_deadline, cu.submitted_at, cu.late, cu.last_activity_at,
              ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to, c.data_from
         FROM cycle_units cu
         JOIN cycles c ON c.id = cu.cycle_id
         LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE cu.cycle_id = $1
        ORDER BY cu.unit_id`,
      [cycleId],
    );
    return rows.map((r: any) => ({
      unitId: r.unit_id,
      unitName: (r.canonical_name ?? r.unit_id).normalize('NFC'),
      unitKind: r.kind ?? 'KHONG_RO',
      level: r.level ?? 'khong-ro',
      status: r.status as BoardStatus,
      effectiveDeadline: r.effective_deadline,
      submittedAt: iso(r.submitted_at),
      late: r.late,
      activeFrom: r.active_from ?? r.data_from,
      activeTo: r.active_to ?? null,
      assigned: r.assigned,
      lastActivityAt: iso(r.last_activity_at),
    }));
  },

  /** The cycles (in these statuses) a coordinator runs, the nearest submission deadline first. */
  async cyclesCoordinatedBy(m: Sql, coordinatorId: string, statuses: readonly string[]): Promise<CycleHeaderRow[]> {
    const rows = await m.query(
      `SELECT * FROM cycles WHERE coordinator_id = $1 AND status = ANY ($2) ORDER BY submission_deadline, opened_at, id`,
      [coordinatorId, statuses],
    );
    return rows.map(toCycle);
  },

  /** The latest cycle (not cancelled) of this template and issuer whose data ends about a year before `dataTo` (±45 days). */
  async sameCycleYearBefore(
    m: Sql,
    templateId: string,
    issuerId: string,
    dataTo: string,
  ): Promise<{ cycleId: string; periodLabel: string; dataTo: string } | null> {
    const [row] = await m.query(
      `SELECT id, period_label, to_char(data_to, 'YYYY-MM-DD') AS data_to FROM cycles
        WHERE template_id = $1 AND issuing_body_unit_id = $2 AND status <> 'cancelled'
          AND data_to BETWEEN ($3::date - interval '1 year' - interval '45 days') AND ($3::date - interval '1 year' + interval '45 days')
        ORDER BY data_to DESC, opened_at DESC LIMIT 1`,
      [templateId, issuerId, dataTo],
    );
    return row ? { cycleId: row.id, periodLabel: row.period_label, dataTo: row.data_to } : null;
  },

  /** The distinct effective deadlines of the cycle's assigned units (what the reminder plan is built on). */
  async unitDeadlines(m: Sql, cycleId: string): Promise<string[]> {
    const rows = await m.query(`SELECT DISTINCT effective_deadline::text AS d FROM cycle_units WHERE cycle_id = $1 AND assigned`, [
      cycleId,
    ]);
    return rows.map((r: { d: string }) => r.d);
  },

  /** The cycle's assigned units whose status is one of `statuses` (those still to send), with name and deadline, by unit id. */
  async unitsWithStatus(
    m: Sql,
    cycleId: string,
    statuses: readonly string[],
  ): Promise<{ unitId: string; deadline: string; name: string | null }[]> {
    const rows = await m.query(
      `SELECT cu.unit_id, cu.effective_deadline::text AS deadline, ou.canonical_name AS name
         FROM cycle_units cu LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE cu.cycle_id = $1 AND cu.assigned AND cu.status = ANY($2) ORDER BY cu.unit_id`,
      [cycleId, statuses],
    );
    return rows.map((r: any) => ({ unitId: r.unit_id, deadline: r.deadline, name: r.name ?? null }));
  },
};

/** A cycle as the board lists it. */
export interface CycleHeaderRow {
  id: string;
  periodLabel: string;
  dataFrom: string;
  dataTo: string;
  issuingBodyName: string;
  submissionDeadline: string;
  status: string;
  openedAt: string;
}

/** A board row as the read model gives it, with what the board shows but the statistics do not need. */
export interface BoardReadRow extends BoardUnitRow {
  /** Last draft, submission, return or approval; null when nothing happened yet. */
  lastActivityAt: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

/** A `cycles` row (as pg or row_to_json gives it) as the board lists it. */
export const toCycle = (r: any): CycleHeaderRow => ({
  id: r.id,
  periodLabel: r.period_label,
  dataFrom: r.data_from,
  dataTo: r.data_to,
  issuingBodyName: r.issuing_body_name,
  submissionDeadline: r.submission_deadline,
  status: r.status,
  openedAt: iso(r.opened_at)!,
});

/** 0: still to send (not started, draft, returned); 1: awaiting review; 2: approved. */
const URGENCY = `(CASE cu.status WHEN 'submitted' THEN 1 WHEN 'resubmitted' THEN 1 WHEN 'approved' THEN 2 ELSE 0 END)`;

export interface AssignmentKey {
  urgency: number;
  deadline: string;
  cycleId: string;
  unitId: string;
}
export interface AssignmentRow {
  urgency: number;
  cycleId: string;
  unitId: string;
  unitName: string | null;
  status: string;
  baseDeadline: string;
  effectiveDeadline: string;
  submittedAt: Date | null;
  late: boolean | null;
  daysLate: number | null;
  openReturnReasons: number;
  templateId: string;
  templateVersion: number;
  periodLabel: string;
  issuingBodyName: string;
  cycleStatus: string;
}
export interface ReviewKey {
  submittedAt: string;
  cycleId: string;
  unitId: string;
}
export interface ReviewRow {
  cycleId: string;
  unitId: string;
  unitName: string | null;
  status: string;
  version: number;
  submittedAt: Date;
  late: boolean;
  effectiveDeadline: string;
  templateId: string;
  periodLabel: string;
  issuingBodyName: string;
}

/** A cycle_units row (joined to the registry's name and kind) as the board shows it. */
function toBoardRow(r: any): BoardRow {
  return {
    unitId: r.unit_id,
    unitName: r.canonical_name ?? null,
    unitKind: r.kind ?? null,
    status: r.status,
    baseDeadline: r.base_deadline,
    effectiveDeadline: r.effective_deadline,
    currentVersion: r.current_version,
    submittedAt: r.submitted_at,
    firstSubmittedAt: r.first_submitted_at,
    late: r.late,
    daysLate: r.days_late,
    approvedVersion: r.approved_version,
    returns: r.returns,
    lastActivityAt: r.last_activity_at,
  };
}
