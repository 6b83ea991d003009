import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `unit_figures` had no reader left (the draft and figure sources read `submission_versions` / `submission_approvals`)
 * but cost 41 statements per 40-figure submission: at 20,000 units it was the one read model still behind 77 s after
 * the submission rush (BENCHMARKS.md). The read model and its checkpoint go; the events it was built from stay.
 */
export class DropUnitFigures1763907600000 implements MigrationInterface {
  name = 'DropUnitFigures1763907600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unit_figures`);
    await q.query(`DELETE FROM projection_checkpoints WHERE projection = 'unit-figures'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_figures (
        cycle_id          uuid    NOT NULL,
        unit_id           text    NOT NULL,
        indicator         text    NOT NULL,
        value             numeric,
        numerator         numeric,
        denominator       numeric,
        qualifier         text,
        submission_version integer NOT NULL,
        approved          boolean NOT NULL DEFAULT false,
        source_event_id   uuid    NOT NULL,
        source_position   bigint  NOT NULL,
        PRIMARY KEY (cycle_id, unit_id, indicator)
      )`);
    await q.query(`CREATE INDEX unit_figures_indicator ON unit_figures (cycle_id, indicator)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON unit_figures TO kybaocao_app`);
  }
}
