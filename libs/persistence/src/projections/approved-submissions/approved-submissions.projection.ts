import { DataSource, EntityManager } from 'typeorm';
import type { SubmissionEvent } from '@kybaocao/domain/submission';
import type { FigureRow } from '@kybaocao/domain/templates/figure-row';
import type { Figures } from '@kybaocao/domain/templates/report-template';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';
import { FigureRowReader } from './figure-rows';

type Handled = Extract<SubmissionEvent, { type: 'SubmissionSubmitted' | 'SubmissionApproved' | 'SubmissionCorrected' }>;
const HANDLES: Handled['type'][] = ['SubmissionSubmitted', 'SubmissionApproved', 'SubmissionCorrected'];

/**
 * What consolidation reads: every submitted (or corrected) version's content, and every approval — append-only,
 * so "the approvals as of the moment a lower report was signed" is a query, not a replay. A unit's approved
 * content is that of its latest approval (approvals are never withdrawn; a correction is a new approval).
 */
export const approvedSubmissionsProjection: Projection = {
  name: 'approved-submissions',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    for (const recorded of events) {
      const e = { type: recorded.type, data: recorded.data } as Handled;
      const { cycleId, unitId, version } = e.data;
      if (e.type !== 'SubmissionApproved') {
        await m.query(
          `INSERT INTO submission_versions (cycle_id, unit_id, version, figures, narrative) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (cycle_id, unit_id, version) DO NOTHING`,
          [cycleId, unitId, version, e.data.figures, e.data.narrative ?? {}],
        );
      }
      if (e.type !== 'SubmissionSubmitted') {
        await m.query(
          `INSERT INTO submission_approvals (cycle_id, unit_id, version, source_event_id, source_position, approved_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_event_id) DO NOTHING`,
          [cycleId, unitId, version, recorded.eventId, recorded.globalPosition, recorded.recordedAt],
        );
      }
    }
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM submission_approvals`);
    await m.query(`DELETE FROM submission_versions`);
  },
};

export interface ApprovedSubmissionRow {
  unitId: string;
  version: number;
  figures: Figures;
  narrative: Record<string, string>;
  /** The approving (or correcting) event: the provenance of every figure taken from this version. */
  sourceEventId: string;
  sourcePosition: string;
}

/** The latest approval of each unit of a cycle (as of a position), with its content: ordered by unit id. */
const APPROVED_OF_CYCLE = `SELECT DISTINCT ON (a.unit_id) a.unit_id, a.version, a.source_event_id, a.source_position::text AS source_position, v.figures, v.narrative
         FROM submission_approvals a
         JOIN submission_versions v ON v.cycle_id = a.cycle_id AND v.unit_id = a.unit_id AND v.version = a.version
        WHERE a.cycle_id = $1 AND ($2::bigint IS NULL OR a.source_position <= $2::bigint)
        ORDER BY a.unit_id, a.source_position DESC`;

function approvedRow(r: any): ApprovedSubmissionRow {
  return {
    unitId: r.unit_id,
    version: r.version,
    figures: r.figures,
    narrative: r.narrative,
    sourceEventId: r.source_event_id,
    sourcePosition: r.source_position,
  };
}

/**
 * A row of ofCycleInBatches: an approved version's figures read as numbers (`row`, from the columns migration
 * 1764300100000 computes from its jsonb), or as the jsonb itself (`figures`) for the rare version those columns do not
 * describe (figures with an array-index-like code): exactly one of the two.
 */
export type ApprovedFiguresRow = Omit<ApprovedSubmissionRow, 'figures'> &
  ({ figures: Figures; row?: undefined } | { figures?: undefined; row: FigureRow });

/** APPROVED_OF_CYCLE with each version's figures as its compact columns, and its jsonb only where they are NULL. */
const APPROVED_OF_CYCLE_COMPACT = `SELECT DISTINCT ON (a.unit_id) a.unit_id, a.version, a.source_event_id, a.source_position::text AS source_position,
         CASE WHEN v.figures_layout IS NULL THEN v.figures END AS figures,
         v.figures_layout, v.figures_numbers, v.figures_qualifiers, v.figures_other, v.narrative
         FROM submission_approvals a
         JOIN submission_versions v ON v.cycle_id = a.cycle_id AND v.unit_id = a.unit_id AND v.version = a.version
        WHERE a.cycle_id = $1 AND ($2::bigint IS NULL OR a.source_position <= $2::bigint)
        ORDER BY a.unit_id, a.source_position DESC`;

function approvedFiguresRow(r: any, reader: FigureRowReader): ApprovedFiguresRow {
  const common = {
    unitId: r.unit_id as string,
    version: r.version as number,
    narrative: r.narrative as Record<string, string>,
    sourceEventId: r.source_event_id as string,
    sourcePosition: r.source_position as string,
  };
  return r.figures_layout === null ? { ...common, figures: r.figures as Figures } : { ...common, row: reader.row(r) };
}

/** Rows a batch of ofCycleInBatches hands over (a cursor's FETCH). */
export const APPROVED_BATCH_ROWS = 1000;

export const approvedSubmissionQueries = {
  /**
   * Each unit's approved version of the cycle (its latest approval), with content and source; with
   * `upToPosition`, as the approvals stood at that global position (a signed lower report's basis).
   * One indexed range of the cycle's rows: other cycles and the rest of the log are never read. All of them at once
   * (a national cycle's 800,000 figure objects alive together): the application reads them through ofCycleInBatches;
   * this whole read is the reference the specs compare that with.
   */
  async ofCycle(m: EntityManager, cycleId: string, opts: { upToPosition?: string } = {}): Promise<ApprovedSubmissionRow[]> {
    const rows = await m.query(APPROVED_OF_CYCLE, [cycleId, opts.upToPosition ?? null]);
    return rows.map(approvedRow);
  },

  /**
   * The rows of ofCycle handed to `onBatch` a batch at a time (a server-side cursor in one read-only transaction: one
   * snapshot, ordered by unit id), each batch awaited before the next is handed over (the next is fetched meanwhile):
   * a caller that reads each batch into its own structures holds at most two batches' figures, never a whole national
   * cycle's (20,000 units × 40 figures were 26 MB of JSON and 800,000 objects alive at once). A batch's rows are not
   * used after `onBatch`.
   */
  async ofCycleInBatches(
    db: DataSource,
    cycleId: string,
    opts: { upToPosition?: string; batchRows?: number },
    onBatch: (rows: ApprovedFiguresRow[]) => void | Promise<void>,
  ): Promise<void> {
    const batchRows = opts.batchRows ?? APPROVED_BATCH_ROWS;
    if (!Number.isInteger(batchRows) || batchRows < 1)
      throw new RangeError(`batchRows must be a whole number of at least 1, not ${batchRows}`);
    const runner = db.createQueryRunner();
    const reader = new FigureRowReader();
    try {
      await runner.connect();
      await runner.query('BEGIN READ ONLY');
      try {
        await runner.query(`DECLARE approved_of_cycle NO SCROLL CURSOR FOR ${APPROVED_OF_CYCLE_COMPACT}`, [
          cycleId,
          opts.upToPosition ?? null,
        ]);
        const fetch = (): Promise<unknown[]> => runner.query(`FETCH FORWARD ${batchRows} FROM approved_of_cycle`);
        // The next batch asked for before this one is handed over: PostgreSQL reads it while the caller reads this one.
        let next: Promise<unknown[]> | undefined = fetch();
        try {
          while (next !== undefined) {
            const rows: unknown[] = await next;
            next = rows.length < batchRows ? undefined : fetch();
            if (rows.length > 0) await onBatch(rows.map((r) => approvedFiguresRow(r, reader)));
          }
        } finally {
          // A batch that threw: the fetch asked for meanwhile ends before the transaction does (its error is the batch's).
          await next?.catch(() => undefined);
        }
      } finally {
        // Closes the cursor too; a failed statement left the transaction aborted, which ROLLBACK also ends.
        await runner.query('ROLLBACK');
      }
    } finally {
      await runner.release();
    }
  },
};
