import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures per indicator per unit, as last submitted or corrected — each row names the event it came from
 * (provenance: every consolidated number can be traced back to the submission event).
 */
export class CreateUnitFiguresReadModel1763900300000 implements MigrationInterface {
  name = 'CreateUnitFiguresReadModel1763900300000';

  async up(q: QueryRunner): Promise<void> {
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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unit_figures`);
  }
}
