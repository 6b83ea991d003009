import { EntityManager } from 'typeorm';
import type { CycleEvent } from '../../../../domain/src/cycle';
import type { SubmissionEvent } from '../../../../domain/src/submission';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';

type Handled = CycleEvent | SubmissionEvent;
const HANDLES: Handled['type'][] = [
  'CycleOpened', 'UnitsAssigned', 'UnitUnassigned', 'UnitDeadlineExtended', 'SubmissionWindowClosed', 'CyclePhaseAdvanced',
  'CycleCancelled', 'SubmissionDraftSaved', 'SubmissionSubmitted', 'SubmissionReturned', 'SubmissionApproved', 'SubmissionCorrected',
];

/** The coordinator's board: the `cycles` row and one `cycle_units` row per assigned unit. */
export const cycleBoardProjection: Projection = {
  name: 'cycle-board',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    for (const recorded of events) {
      const e = { type: recorded.type, data: recorded.data } as Handled;
      const at = recorded.recordedAt;
      switch (e.type) {
        case 'CycleOpened': {
          const d = e.data;
          await m.query(
            `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id,
               issuing_body_name, coordinator_id, submission_deadline, status, opened_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'planned', $11, $12)`,
            [d.cycleId, d.templateId, d.templateVersion, d.period.label, d.period.dataFrom, d.period.dataTo, d.issuingBody.unitId,
              d.issuingBody.name, d.coordinatorId, d.milestones.submissionDeadline, at, recorded.version]);
          await assign(m, d.cycleId, d.units);
          break;
        }
        case 'UnitsAssigned':
          await assign(m, e.data.cycleId, e.data.units);
          break;
        case 'UnitUnassigned':
          await m.query(`UPDATE cycle_units SET assigned = false WHERE cycle_id = $1 AND unit_id = $2`, [e.data.cycleId, e.data.unitId]);
          break;
        case 'UnitDeadlineExtended':
          await m.query(`UPDATE cycle_units SET effective_deadline = $3 WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, e.data.newDeadline]);
          break;
        case 'SubmissionWindowClosed':
          await m.query(`UPDATE cycles SET status = 'reviewing', version = $2 WHERE id = $1`, [e.data.cycleId, recorded.version]);
          break;
        case 'CyclePhaseAdvanced':
          await m.query(`UPDATE cycles SET status = $2, version = $3 WHERE id = $1`, [e.data.cycleId, e.data.to, recorded.version]);
          break;
        case 'CycleCancelled':
          await m.query(`UPDATE cycles SET status = 'cancelled', version = $2 WHERE id = $1`, [e.data.cycleId, recorded.version]);
          break;
        case 'SubmissionDraftSaved':
          await m.query(`UPDATE cycle_units SET status = CASE WHEN status = 'not_started' THEN 'draft' ELSE status END,
                           last_activity_at = $3 WHERE cycle_id = $1 AND unit_id = $2`, [e.data.cycleId, e.data.unitId, at]);
          break;
        case 'SubmissionSubmitted':
          await m.query(`UPDATE cycle_units SET status = $3, current_version = $4, submitted_at = $5, late = $6, days_late = $7,
                           last_activity_at = $8, first_submitted_at = coalesce(first_submitted_at, $5), open_return_reasons = 0
                         WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, e.data.resubmission ? 'resubmitted' : 'submitted', e.data.version, e.data.submittedAt,
              e.data.late, e.data.daysLate, at]);
          break;
        case 'SubmissionReturned':
          await m.query(`UPDATE cycle_units SET status = 'returned', returns = returns + 1, last_activity_at = $3, open_return_reasons = $4
                         WHERE cycle_id = $1 AND unit_id = $2`, [e.data.cycleId, e.data.unitId, at, e.data.reasons.length]);
          break;
        case 'SubmissionApproved':
          await m.query(`UPDATE cycle_units SET status = 'approved', approved_version = $3, last_activity_at = $4, open_return_reasons = 0
                         WHERE cycle_id = $1 AND unit_id = $2`, [e.data.cycleId, e.data.unitId, e.data.version, at]);
          break;
        case 'SubmissionCorrected':
          await m.query(`UPDATE cycle_units SET current_version = $3, approved_version = $3, last_activity_at = $4
                         WHERE cycle_id = $1 AND unit_id = $2`, [e.data.cycleId, e.data.unitId, e.data.version, at]);
          break;
      }
    }
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM cycle_units`);
    await m.query(`DELETE FROM cycles`);
  },
};

/** Units (re)assigned in one statement: a 20,000-unit cycle is one INSERT, not 20,000 round trips in a long transaction. */
async function assign(m: EntityManager, cycleId: string, units: { unitId: string; baseDeadline: string }[]) {
  if (units.length === 0) return;
  await m.query(
    `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline)
     SELECT $1, u.unit_id, true, u.base_deadline, u.base_deadline FROM unnest($2::text[], $3::date[]) AS u(unit_id, base_deadline)
     ON CONFLICT (cycle_id, unit_id) DO UPDATE SET assigned = true, base_deadline = EXCLUDED.base_deadline, effective_deadline = EXCLUDED.effective_deadline`,
    [cycleId, units.map((u) => u.unitId), units.map((u) => u.baseDeadline)]);
}

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
export const cycleBoardQueries = {
  async unitsOfCycle(m: EntityManager, cycleId: string): Promise<BoardRow[]> {
    const rows = await m.query(
      `SELECT cu.*, ou.canonical_name, ou.kind FROM cycle_units cu LEFT JOIN org_units ou ON ou.id = cu.unit_id
        WHERE cu.cycle_id = $1 AND cu.assigned ORDER BY ou.canonical_name COLLATE "C", cu.unit_id`, [cycleId]);
    return rows.map((r: any) => ({
      unitId: r.unit_id, unitName: r.canonical_name ?? null, unitKind: r.kind ?? null, status: r.status,
      baseDeadline: r.base_deadline, effectiveDeadline: r.effective_deadline, currentVersion: r.current_version,
      submittedAt: r.submitted_at, firstSubmittedAt: r.first_submitted_at, late: r.late, daysLate: r.days_late, approvedVersion: r.approved_version,
      returns: r.returns, lastActivityAt: r.last_activity_at,
    }));
  },
  /**
   * One page of the cycle's assigned units in name order (keyset on name, id); with `onlyUnitIds`, just those
   * (a reporter's own). `total` counts the units every page together holds.
   */
  async unitsOfCyclePage(
    m: EntityManager, cycleId: string, page: { limit: number; after?: { name: string; unitId: string }; onlyUnitIds?: readonly string[] },
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
        WHERE ${where} ${keyset} ORDER BY coalesce(ou.canonical_name, '') COLLATE "C", cu.unit_id LIMIT $3`, params);
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM cycle_units cu WHERE ${where}`, [cycleId, page.onlyUnitIds ?? null]);
    const mapped: BoardRow[] = rows.map((r: any) => ({
      unitId: r.unit_id, unitName: r.canonical_name ?? null, unitKind: r.kind ?? null, status: r.status,
      baseDeadline: r.base_deadline, effectiveDeadline: r.effective_deadline, currentVersion: r.current_version,
      submittedAt: r.submitted_at, firstSubmittedAt: r.first_submitted_at, late: r.late, daysLate: r.days_late, approvedVersion: r.approved_version,
      returns: r.returns, lastActivityAt: r.last_activity_at,
    }));
    const tail = rows[rows.length - 1];
    return { rows: mapped, total, last: rows.length === page.limit ? { name: tail.canonical_name ?? '', unitId: tail.unit_id } : null };
  },

  /** Assigned units, those that submitted at least once, and those not yet approved: counted in SQL. */
  /** The cycle's counts; with `onlyUnitIds`, of those units alone (a reporter sees only their own units). */
  async countsOfCycle(m: EntityManager, cycleId: string, onlyUnitIds?: readonly string[]): Promise<{ expected: number; submitted: number; unapproved: number }> {
    const [row] = await m.query(
      `SELECT count(*)::int AS expected, count(current_version)::int AS submitted, count(*) FILTER (WHERE status <> 'approved')::int AS unapproved
         FROM cycle_units WHERE cycle_id = $1 AND assigned ${onlyUnitIds ? 'AND unit_id = ANY($2::text[])' : ''}`, onlyUnitIds ? [cycleId, onlyUnitIds] : [cycleId]);
    return row;
  },

  async approvedUnitIds(m: EntityManager, cycleId: string): Promise<string[]> {
    const rows = await m.query(`SELECT unit_id FROM cycle_units WHERE cycle_id = $1 AND assigned AND status = 'approved'`, [cycleId]);
    return rows.map((r: any) => r.unit_id);
  },

  /**
   * One page of the assignments of these units across cycles (cancelled cycles left out), most urgent first:
   * still to send (not started, draft, returned) by effective deadline, then awaiting review, then approved.
   * Keyset paging on (urgency, deadline, cycle, unit); `total` counts every assignment.
   */
  async assignmentsOfUnits(m: EntityManager, unitIds: readonly string[], page: { limit: number; after?: AssignmentKey }): Promise<{ rows: AssignmentRow[]; total: number }> {
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
        LIMIT $2`, params);
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id WHERE ${where}`, [unitIds]);
    return {
      total,
      rows: rows.map((r: any): AssignmentRow => ({
        urgency: r.urgency, cycleId: r.cycle_id, unitId: r.unit_id, unitName: r.canonical_name ?? null, status: r.status,
        baseDeadline: r.base_deadline, effectiveDeadline: r.effective_deadline, submittedAt: r.submitted_at, late: r.late, daysLate: r.days_late,
        openReturnReasons: r.open_return_reasons, templateId: r.template_id, templateVersion: r.template_version, periodLabel: r.period_label,
        issuingBodyName: r.issuing_body_name, cycleStatus: r.cycle_status,
      })),
    };
  },

  /** One page of the submissions awaiting review (submitted or resubmitted) across cycles, oldest first. */
  async awaitingReview(m: EntityManager, page: { limit: number; after?: ReviewKey }, scope: { issuers: readonly string[]; excludeUnitIds: readonly string[] })
    : Promise<{ rows: ReviewRow[]; total: number }> {
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
        LIMIT $1`, params);
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id WHERE ${filter(1)}`, scopeParams);
    return {
      total,
      rows: rows.map((r: any): ReviewRow => ({
        cycleId: r.cycle_id, unitId: r.unit_id, unitName: r.canonical_name ?? null, status: r.status, version: r.current_version,
        submittedAt: r.submitted_at, late: r.late === true, effectiveDeadline: r.effective_deadline, templateId: r.template_id,
        periodLabel: r.period_label, issuingBodyName: r.issuing_body_name,
      })),
    };
  },

  /** The board row of one unit of a cycle (name, effective deadline), or null when the unit was never assigned. */
  async unitOfCycle(m: EntityManager, cycleId: string, unitId: string): Promise<{ unitName: string | null; periodLabel: string; effectiveDeadline: string } | null> {
    const rows = await m.query(
      `SELECT ou.canonical_name, c.period_label, cu.effective_deadline FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id
         LEFT JOIN org_units ou ON ou.id = cu.unit_id WHERE cu.cycle_id = $1 AND cu.unit_id = $2`, [cycleId, unitId]);
    return rows[0] ? { unitName: rows[0].canonical_name ?? null, periodLabel: rows[0].period_label, effectiveDeadline: rows[0].effective_deadline } : null;
  },
};

/** 0: still to send (not started, draft, returned); 1: awaiting review; 2: approved. */
const URGENCY = `(CASE cu.status WHEN 'submitted' THEN 1 WHEN 'resubmitted' THEN 1 WHEN 'approved' THEN 2 ELSE 0 END)`;

export interface AssignmentKey { urgency: number; deadline: string; cycleId: string; unitId: string }
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
export interface ReviewKey { submittedAt: string; cycleId: string; unitId: string }
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
