import { EntityManager } from 'typeorm';
import type { CycleEvent } from '@kybaocao/domain/cycle';
import type { SubmissionEvent } from '@kybaocao/domain/submission';
import { RecordedEvent } from '../../event-store/event-store';
import { Projection } from '../projector';
import { CycleBoardBatch } from './cycle-board.batch';

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

/**
 * The coordinator's board: the `cycles` row and one `cycle_units` row per assigned unit. A batch is applied
 * set-based (cycle-board.batch.ts): a handful of statements per batch, not one per event.
 */
export const cycleBoardProjection: Projection = {
  name: 'cycle-board',
  handles: HANDLES,
  async apply(m: EntityManager, events: RecordedEvent[]) {
    const batch = new CycleBoardBatch(m);
    for (const recorded of events) await batch.add(recorded);
    await batch.flush();
  },
  async reset(m: EntityManager) {
    await m.query(`DELETE FROM cycle_units`);
    await m.query(`DELETE FROM cycles`);
    // Kept by triggers on cycle_units (migration 1763907700000): the delete above left its groups at zero.
    await m.query(`DELETE FROM cycle_board_counts`);
  },
};

// The board's queries live beside it (cycle-board.queries.ts); re-exported for the callers of this file.
export * from './cycle-board.queries';
