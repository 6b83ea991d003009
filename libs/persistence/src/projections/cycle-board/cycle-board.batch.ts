import type { CycleEvent } from '@kybaocao/domain/cycle';
import { analyzeAfterBulkLoad, BULK_LOAD_ROWS } from '../../bulk-load-statistics';
import type { SubmissionEvent } from '@kybaocao/domain/submission';
import type { RecordedEvent } from '../../event-store/event-store';
import { pages, UNIT_PAGE } from '../pages';

/**
 * The board projection's batch, applied set-based: the events are folded in log order into a few pending sets
 * (cycles to insert, units to (re)assign, a patch per unit row, a patch per cycle row) and each set is written
 * by one statement over unnest()ed arrays. A set is flushed before an event of the other family would reorder
 * it (an assignment after patches, a patch after an assignment), so the rows end exactly as the events applied
 * one by one would leave them; a batch of submissions, returns and approvals is one UPDATE whatever its size.
 */
type Handled = CycleEvent | SubmissionEvent;

/**
 * The advisory lock (two int4 keys) under which cycle_units' copy of each org unit's name, kind, level and
 * interval is written: shared by the board's assignments, exclusive for an org-units batch's update of the copies.
 */
export const BOARD_UNIT_COPY_LOCK = [27513, 29297] as const;
type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

/** What the events of a batch do to one cycle_units row, composed in log order. */
interface UnitPatch {
  cycleId: string;
  unitId: string;
  /** 'set': status = value; 'draft': a draft moves not_started to draft; null: untouched. */
  statusMode: 'set' | 'draft' | null;
  status: string | null;
  /** A submission's fields (current version, submitted at, late, days late) were set. */
  submission: boolean;
  currentVersion: number | null;
  submittedAt: string | null;
  late: boolean | null;
  daysLate: number | null;
  /** The first submission in the batch (kept only if the row has none yet). */
  firstSubmittedAt: string | null;
  lastActivityAt: Date | null;
  openReturnReasons: number | null;
  returnsAdded: number;
  approvedVersion: number | null;
  effectiveDeadline: string | null;
  unassigned: boolean;
}

interface CycleInsert {
  values: unknown[];
}

/** The pending writes of a batch; `flush` writes them (at most one statement per set) and empties them. */
export class CycleBoardBatch {
  private cycleInserts: CycleInsert[] = [];
  private assignments = new Map<string, { cycleId: string; unitId: string; baseDeadline: string }>();
  private unitPatches = new Map<string, UnitPatch>();
  private cyclePatches = new Map<string, { status: string; version: number }>();
  private copyLockHeld = false;

  constructor(private readonly m: Sql) {}

  async add(recorded: RecordedEvent): Promise<void> {
    const e = { type: recorded.type, data: recorded.data } as Handled;
    const at = recorded.recordedAt;
    switch (e.type) {
      case 'CycleOpened': {
        await this.beforeAssignments();
        const d = e.data;
        this.cycleInserts.push({
          values: [
            d.cycleId,
            d.templateId,
            d.templateVersion,
            d.period.label,
            d.period.dataFrom,
            d.period.dataTo,
            d.issuingBody.unitId,
            d.issuingBody.name,
            d.coordinatorId,
            d.milestones.submissionDeadline,
            at,
            recorded.version,
          ],
        });
        this.assign(d.cycleId, d.units);
        return;
      }
      case 'UnitsAssigned':
        await this.beforeAssignments();
        this.assign(e.data.cycleId, e.data.units);
        return;
      case 'SubmissionWindowClosed':
        return this.patchCycle(e.data.cycleId, 'reviewing', recorded.version);
      case 'CyclePhaseAdvanced':
        return this.patchCycle(e.data.cycleId, e.data.to, recorded.version);
      case 'CycleCancelled':
        return this.patchCycle(e.data.cycleId, 'cancelled', recorded.version);
      case 'UnitUnassigned':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          p.unassigned = true;
        });
      case 'UnitDeadlineExtended':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          p.effectiveDeadline = e.data.newDeadline;
        });
      case 'SubmissionDraftSaved':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          if (p.statusMode === null) p.statusMode = 'draft';
          p.lastActivityAt = at;
        });
      case 'SubmissionSubmitted':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          setStatus(p, e.data.resubmission ? 'resubmitted' : 'submitted');
          p.submission = true;
          p.currentVersion = e.data.version;
          p.submittedAt = e.data.submittedAt ?? null;
          p.late = e.data.late ?? null;
          p.daysLate = e.data.daysLate ?? null;
          p.firstSubmittedAt ??= e.data.submittedAt ?? null;
          p.lastActivityAt = at;
          p.openReturnReasons = 0;
        });
      case 'SubmissionReturned':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          setStatus(p, 'returned');
          p.returnsAdded += 1;
          p.lastActivityAt = at;
          p.openReturnReasons = e.data.reasons.length;
        });
      case 'SubmissionApproved':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          setStatus(p, 'approved');
          p.approvedVersion = e.data.version;
          p.lastActivityAt = at;
          p.openReturnReasons = 0;
        });
      case 'SubmissionCorrected':
        return this.patchUnit(e.data.cycleId, e.data.unitId, (p) => {
          p.currentVersion = e.data.version;
          p.approvedVersion = e.data.version;
          p.lastActivityAt = at;
        });
    }
  }

  /** Writes everything pending: assignments first (they precede every pending patch in the log), then patches. */
  async flush(): Promise<void> {
    await this.flushAssignments();
    await this.flushPatches();
  }

  private assign(cycleId: string, units: readonly { unitId: string; baseDeadline: string }[]) {
    // The last assignment of a unit wins (one INSERT … ON CONFLICT may not touch a row twice).
    for (const u of units) this.assignments.set(`${cycleId}\u0000${u.unitId}`, { cycleId, unitId: u.unitId, baseDeadline: u.baseDeadline });
  }

  /** An assignment after pending patches: the patches go first (they came first). */
  private async beforeAssignments() {
    if (this.unitPatches.size || this.cyclePatches.size) await this.flushPatches();
  }

  /** A patch after pending assignments: the assignments go first. */
  private async beforePatches() {
    if (this.cycleInserts.length || this.assignments.size) await this.flushAssignments();
  }

  private async patchCycle(cycleId: string, status: string, version: number) {
    await this.beforePatches();
    this.cyclePatches.set(cycleId, { status, version });
  }

  private async patchUnit(cycleId: string, unitId: string, change: (p: UnitPatch) => void) {
    await this.beforePatches();
    const key = `${cycleId}\u0000${unitId}`;
    let p = this.unitPatches.get(key);
    if (!p) {
      p = {
        cycleId,
        unitId,
        statusMode: null,
        status: null,
        submission: false,
        currentVersion: null,
        submittedAt: null,
        late: null,
        daysLate: null,
        firstSubmittedAt: null,
        lastActivityAt: null,
        openReturnReasons: null,
        returnsAdded: 0,
        approvedVersion: null,
        effectiveDeadline: null,
        unassigned: false,
      };
      this.unitPatches.set(key, p);
    }
    change(p);
  }

  private async flushAssignments() {
    if (this.cycleInserts.length) {
      const columns = this.cycleInserts[0].values.map((_, i) => this.cycleInserts.map((c) => c.values[i]));
      await this.m.query(
        `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id,
           issuing_body_name, coordinator_id, submission_deadline, status, opened_at, version)
         SELECT c.id, c.template_id, c.template_version, c.period_label, c.data_from, c.data_to, c.issuing_body_unit_id,
                c.issuing_body_name, c.coordinator_id, c.submission_deadline, 'planned', c.opened_at, c.version
           FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[],
                       $10::date[], $11::timestamptz[], $12::int[])
             AS c(id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
                  coordinator_id, submission_deadline, opened_at, version)`,
        columns,
      );
      this.cycleInserts = [];
    }
    if (this.assignments.size) {
      // The org unit's name, kind, level and interval are copied as org_units has them; under the shared lock,
      // so an org-units batch changing one of them either committed before this copy or updates it after.
      if (!this.copyLockHeld) {
        await this.m.query(`SELECT pg_advisory_xact_lock_shared($1::int, $2::int)`, [...BOARD_UNIT_COPY_LOCK]);
        this.copyLockHeld = true;
      }
      // A page of units per statement: a national cycle's opening (20,000 units in one event) never builds its
      // parameters, its statement and its answer for every unit at once (#16, the API's peak memory).
      for (const rows of pages(this.assignments.values(), UNIT_PAGE)) await this.insertAssignments(rows);
      // A national cycle's opening: the board's prepared statements plan for its units from the next read on.
      if (this.assignments.size >= BULK_LOAD_ROWS) await analyzeAfterBulkLoad(this.m, ['cycle_units', 'cycle_board_counts']);
      this.assignments.clear();
    }
  }

  private async insertAssignments(rows: readonly { cycleId: string; unitId: string; baseDeadline: string }[]) {
    await this.m.query(
      `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline,
                                  unit_name, unit_kind, unit_level, unit_active_from, unit_active_to)
         SELECT u.cycle_id, u.unit_id, true, u.base_deadline, u.base_deadline, ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to
           FROM unnest($1::uuid[], $2::text[], $3::date[]) AS u(cycle_id, unit_id, base_deadline)
           LEFT JOIN org_units ou ON ou.id = u.unit_id
         ON CONFLICT (cycle_id, unit_id) DO UPDATE SET assigned = true, base_deadline = EXCLUDED.base_deadline,
           effective_deadline = EXCLUDED.effective_deadline, unit_name = EXCLUDED.unit_name, unit_kind = EXCLUDED.unit_kind,
           unit_level = EXCLUDED.unit_level, unit_active_from = EXCLUDED.unit_active_from, unit_active_to = EXCLUDED.unit_active_to`,
      [rows.map((r) => r.cycleId), rows.map((r) => r.unitId), rows.map((r) => r.baseDeadline)],
    );
  }

  private async flushPatches() {
    if (this.unitPatches.size) {
      const ps = [...this.unitPatches.values()];
      const col = <K extends keyof UnitPatch>(k: K) => ps.map((p) => p[k]);
      await this.m.query(
        `UPDATE cycle_units cu SET
           status = CASE p.status_mode WHEN 'set' THEN p.status
                      WHEN 'draft' THEN CASE WHEN cu.status = 'not_started' THEN 'draft' ELSE cu.status END
                      ELSE cu.status END,
           current_version = coalesce(p.current_version, cu.current_version),
           submitted_at = CASE WHEN p.submission THEN p.submitted_at ELSE cu.submitted_at END,
           late = CASE WHEN p.submission THEN p.late ELSE cu.late END,
           days_late = CASE WHEN p.submission THEN p.days_late ELSE cu.days_late END,
           first_submitted_at = coalesce(cu.first_submitted_at, p.first_submitted_at),
           last_activity_at = coalesce(p.last_activity_at, cu.last_activity_at),
           open_return_reasons = coalesce(p.open_return_reasons, cu.open_return_reasons),
           returns = cu.returns + p.returns_added,
           approved_version = coalesce(p.approved_version, cu.approved_version),
           effective_deadline = coalesce(p.effective_deadline, cu.effective_deadline),
           assigned = cu.assigned AND NOT p.unassigned
          FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::timestamptz[], $8::boolean[],
                      $9::int[], $10::timestamptz[], $11::timestamptz[], $12::int[], $13::int[], $14::int[], $15::date[], $16::boolean[])
            AS p(cycle_id, unit_id, status_mode, status, submission, current_version, submitted_at, late, days_late,
                 first_submitted_at, last_activity_at, open_return_reasons, returns_added, approved_version, effective_deadline, unassigned)
         WHERE cu.cycle_id = p.cycle_id AND cu.unit_id = p.unit_id`,
        [
          col('cycleId'),
          col('unitId'),
          col('statusMode'),
          col('status'),
          col('submission'),
          col('currentVersion'),
          col('submittedAt'),
          col('late'),
          col('daysLate'),
          col('firstSubmittedAt'),
          col('lastActivityAt'),
          col('openReturnReasons'),
          col('returnsAdded'),
          col('approvedVersion'),
          col('effectiveDeadline'),
          col('unassigned'),
        ],
      );
      this.unitPatches.clear();
    }
    if (this.cyclePatches.size) {
      const ids = [...this.cyclePatches.keys()];
      const ps = [...this.cyclePatches.values()];
      await this.m.query(
        `UPDATE cycles c SET status = p.status, version = p.version
           FROM unnest($1::uuid[], $2::text[], $3::int[]) AS p(id, status, version) WHERE c.id = p.id`,
        [ids, ps.map((p) => p.status), ps.map((p) => p.version)],
      );
      this.cyclePatches.clear();
    }
  }
}

function setStatus(p: UnitPatch, status: string) {
  p.statusMode = 'set';
  p.status = status;
}
