import { EntityManager } from 'typeorm';
import type { SubmissionEvent } from '@kybaocao/domain/submission';
import { Figures, isRatioValue, scalarOf } from '@kybaocao/domain/templates/report-template';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';

type Handled = Extract<SubmissionEvent, { type: 'SubmissionSubmitted' | 'SubmissionApproved' | 'SubmissionCorrected' }>;
const HANDLES: Handled['type'][] = ['SubmissionSubmitted', 'SubmissionApproved', 'SubmissionCorrected'];

/**
 * unit_figures: the figures of each unit's latest submitted (or corrected) version, one row per indicator,
 * with the id and global position of the event they came from, and whether that version is approved.
 */
export const unitFiguresProjection: Projection = {
  name: 'unit-figures',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    for (const recorded of events) {
      const e = { type: recorded.type, data: recorded.data } as Handled;
      const { cycleId, unitId } = e.data;
      if (e.type === 'SubmissionApproved') {
        await m.query(`UPDATE unit_figures SET approved = true WHERE cycle_id = $1 AND unit_id = $2 AND submission_version = $3`, [
          cycleId,
          unitId,
          e.data.version,
        ]);
        continue;
      }
      await m.query(`DELETE FROM unit_figures WHERE cycle_id = $1 AND unit_id = $2`, [cycleId, unitId]);
      await insertFigures(m, cycleId, unitId, e.data.figures, e.data.version, e.type === 'SubmissionCorrected', recorded);
    }
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM unit_figures`);
  },
};

async function insertFigures(
  m: EntityManager,
  cycleId: string,
  unitId: string,
  figures: Figures,
  version: number,
  approved: boolean,
  source: RecordedEvent,
) {
  for (const [indicator, f] of Object.entries(figures)) {
    const [value, numerator, denominator] = isRatioValue(f) ? [null, f.numerator, f.denominator] : [scalarOf(f) ?? null, null, null];
    await m.query(
      `INSERT INTO unit_figures (cycle_id, unit_id, indicator, value, numerator, denominator, qualifier, submission_version, approved, source_event_id, source_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        cycleId,
        unitId,
        indicator,
        value,
        numerator,
        denominator,
        f.qualifier ?? null,
        version,
        approved,
        source.eventId,
        source.globalPosition,
      ],
    );
  }
}

export interface UnitFigureRow {
  unitId: string;
  indicator: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  qualifier: string | null;
  submissionVersion: number;
  approved: boolean;
  sourceEventId: string;
  sourcePosition: string;
}

export const unitFiguresQueries = {
  async ofCycle(m: EntityManager, cycleId: string, opts: { approvedOnly?: boolean } = {}): Promise<UnitFigureRow[]> {
    const rows = await m.query(
      `SELECT * FROM unit_figures WHERE cycle_id = $1 AND ($2::boolean IS NOT TRUE OR approved) ORDER BY indicator, unit_id`,
      [cycleId, opts.approvedOnly ?? false],
    );
    const num = (v: string | null) => (v === null ? null : Number(v));
    return rows.map((r: any) => ({
      unitId: r.unit_id,
      indicator: r.indicator,
      value: num(r.value),
      numerator: num(r.numerator),
      denominator: num(r.denominator),
      qualifier: r.qualifier,
      submissionVersion: r.submission_version,
      approved: r.approved,
      sourceEventId: r.source_event_id,
      sourcePosition: String(r.source_position),
    }));
  },
};
