import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read model of cycles and of each assigned unit's submission status (the coordinator's board). */
export class CreateCycleBoardReadModel1763900200000 implements MigrationInterface {
  name = 'CreateCycleBoardReadModel1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cycles (
        id                   uuid PRIMARY KEY,
        template_id          text NOT NULL,
        template_version     integer NOT NULL,
        period_label         text NOT NULL,
        data_from            date NOT NULL,
        data_to              date NOT NULL,
        issuing_body_unit_id text NOT NULL,
        issuing_body_name    text NOT NULL,
        coordinator_id       text NOT NULL,
        submission_deadline  date NOT NULL,
        status               text NOT NULL,
        opened_at            timestamptz NOT NULL,
        version              integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE cycle_units (
        cycle_id            uuid NOT NULL REFERENCES cycles (id),
        unit_id             text NOT NULL,
        assigned            boolean NOT NULL,
        base_deadline       date NOT NULL,
        effective_deadline  date NOT NULL,
        status              text NOT NULL DEFAULT 'not_started',
        current_version     integer,
        submitted_at        timestamptz,
        late                boolean,
        days_late           integer,
        approved_version    integer,
        returns             integer NOT NULL DEFAULT 0,
        last_activity_at    timestamptz,
        PRIMARY KEY (cycle_id, unit_id)
      )`);
    await q.query(`CREATE INDEX cycle_units_pending ON cycle_units (cycle_id, status) WHERE assigned`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON cycles, cycle_units TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cycle_units`);
    await q.query(`DROP TABLE cycles`);
  }
}
