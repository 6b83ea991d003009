import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read model of submitted versions and approvals (issue #16): the draft consolidates a cycle from its own
 * rows instead of scanning every submission event by stream-id prefix. Filled by the projector from the start
 * of the log (a new projection has no checkpoint).
 */
export class CreateApprovedSubmissions1763905100000 implements MigrationInterface {
  name = 'CreateApprovedSubmissions1763905100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE submission_versions (
        cycle_id   uuid NOT NULL,
        unit_id    text NOT NULL,
        version    integer NOT NULL,
        figures    jsonb NOT NULL,
        narrative  jsonb NOT NULL,
        PRIMARY KEY (cycle_id, unit_id, version)
      )`);
    await q.query(`
      CREATE TABLE submission_approvals (
        cycle_id         uuid NOT NULL,
        unit_id          text NOT NULL,
        version          integer NOT NULL,
        source_event_id  uuid PRIMARY KEY,
        source_position  bigint NOT NULL,
        approved_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX submission_approvals_cycle ON submission_approvals (cycle_id, unit_id, source_position DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON submission_versions, submission_approvals TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE submission_approvals`);
    await q.query(`DROP TABLE submission_versions`);
  }
}
