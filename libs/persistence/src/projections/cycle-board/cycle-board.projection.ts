import { EntityManager } from 'typeorm';
import type { CycleEvent } from '@kybaocao/domain/cycle';
import type { SubmissionEvent } from '@kybaocao/domain/submission';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';

type Handled = CycleEvent | SubmissionEvent;
const HANDLES: Handled['type'][] = [
  'CycleOpened',
  'UnitsAssigned',
  'UnitUnassigned',
  'UnitDeadlineExtended',
  'SubmissionWindowClosed',
  'CyclePhaseAdvanced',
  'CycleCancelled',
  'SubmissionDraftSaved',
  'SubmissionSubmitted',
  'SubmissionReturned',
  'SubmissionApproved',
  'SubmissionCorrected',
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
            [
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
          );
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
          await m.query(`UPDATE cycle_units SET effective_deadline = $3 WHERE cycle_id = $1 AND unit_id = $2`, [
            e.data.cycleId,
            e.data.unitId,
            e.data.newDeadline,
          ]);
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
          await m.query(
            `UPDATE cycle_units SET status = CASE WHEN status = 'not_started' THEN 'draft' ELSE status END,
                           last_activity_at = $3 WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, at],
          );
          break;
        case 'SubmissionSubmitted':
          await m.query(
            `UPDATE cycle_units SET status = $3, current_version = $4, submitted_at = $5, late = $6, days_late = $7,
                           last_activity_at = $8, first_submitted_at = coalesce(first_submitted_at, $5), open_return_reasons = 0
                         WHERE cycle_id = $1 AND unit_id = $2`,
            [
              e.data.cycleId,
              e.data.unitId,
              e.data.resubmission ? 'resubmitted' : 'submitted',
              e.data.version,
              e.data.submittedAt,
              e.data.late,
              e.data.daysLate,
              at,
            ],
          );
          break;
        case 'SubmissionReturned':
          await m.query(
            `UPDATE cycle_units SET status = 'returned', returns = returns + 1, last_activity_at = $3, open_return_reasons = $4
                         WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, at, e.data.reasons.length],
          );
          break;
        case 'SubmissionApproved':
          await m.query(
            `UPDATE cycle_units SET status = 'approved', approved_version = $3, last_activity_at = $4, open_return_reasons = 0
                         WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, e.data.version, at],
          );
          break;
        case 'SubmissionCorrected':
          await m.query(
            `UPDATE cycle_units SET current_version = $3, approved_version = $3, last_activity_at = $4
                         WHERE cycle_id = $1 AND unit_id = $2`,
            [e.data.cycleId, e.data.unitId, e.data.version, at],
          );
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
    [cycleId, units.map((u) => u.unitId), units.map((u) => u.baseDeadline)],
  );
}

// The board's queries live beside it (cycle-board.queries.ts); re-exported for the callers of this file.
export * from './cycle-board.queries';
