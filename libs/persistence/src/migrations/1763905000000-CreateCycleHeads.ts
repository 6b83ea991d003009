import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildCycleHeads } from '../projections/cycle-heads/cycle-heads.projection';

/**
 * Inline read model of cycles (issue #16): the folded cycle without its units, and one row per assigned unit,
 * written in the transaction of each cycle append. Commands on one unit (a submission, an approval) read two
 * rows instead of folding a stream whose CycleOpened event holds every unit. Backfilled from the log.
 */
export class CreateCycleHeads1763905000000 implements MigrationInterface {
  name = 'CreateCycleHeads1763905000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycle_heads (
        cycle_id  text PRIMARY KEY,
        version   integer NOT NULL,
        state     jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE cycle_memberships (
        cycle_id            text NOT NULL REFERENCES cycle_heads (cycle_id) DEFERRABLE INITIALLY DEFERRED,
        unit_id             text NOT NULL,
        assigned            boolean NOT NULL,
        base_deadline       date NOT NULL,
        effective_deadline  date NOT NULL,
        position            integer NOT NULL,
        PRIMARY KEY (cycle_id, unit_id)
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON cycle_heads, cycle_memberships TO kybaocao_app`);
    await rebuildCycleHeads(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cycle_memberships`);
    await q.query(`DROP TABLE cycle_heads`);
  }
}
