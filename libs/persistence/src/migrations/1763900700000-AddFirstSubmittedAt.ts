import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timeliness is judged on a unit's first submission (a resubmission after a return is not "late" again),
 * but cycle_units.submitted_at moves with every version: keep the first one too. Filled from the log by
 * rebuilding the projection.
 */
export class AddFirstSubmittedAt1763900700000 implements MigrationInterface {
  name = 'AddFirstSubmittedAt1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cycle_units ADD COLUMN first_submitted_at timestamptz`);
    await q.query(`DELETE FROM projection_checkpoints WHERE projection = 'cycle-board'`);
    await q.query(`DELETE FROM cycle_units`);
    await q.query(`DELETE FROM cycles`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cycle_units DROP COLUMN first_submitted_at`);
  }
}
