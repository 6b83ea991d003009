import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporter's "Việc của tôi" and the reviewer's queue read the board's tables, paged with a keyset:
 * - cycle_units by unit (a reporter's units across cycles; the primary key starts with the cycle);
 * - the waiting submissions, oldest first;
 * - the number of reasons of the open return (shown on the reporter's list), filled from the log by
 *   rebuilding the projection.
 */
export class AssignmentsAndReviewQueue1763903000000 implements MigrationInterface {
  name = 'AssignmentsAndReviewQueue1763903000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cycle_units ADD COLUMN open_return_reasons integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX cycle_units_by_unit ON cycle_units (unit_id, effective_deadline, cycle_id) WHERE assigned`);
    await q.query(
      `CREATE INDEX cycle_units_waiting ON cycle_units (submitted_at, cycle_id, unit_id) WHERE assigned AND status IN ('submitted', 'resubmitted')`,
    );
    await q.query(`DELETE FROM projection_checkpoints WHERE projection = 'cycle-board'`);
    await q.query(`DELETE FROM cycle_units`);
    await q.query(`DELETE FROM cycles`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cycle_units_waiting`);
    await q.query(`DROP INDEX cycle_units_by_unit`);
    await q.query(`ALTER TABLE cycle_units DROP COLUMN open_return_reasons`);
  }
}
