import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read model of distributed reports and their deliveries ("Văn bản đến"): a unit's page of received reports is an
 * index range of its own deliveries, instead of a scan of every ReportDistributed event and a fold of each listed
 * report's stream per request. Filled by the projector from the start of the log (a new projection has no checkpoint).
 */
export class CreateReceivedReports1763907500000 implements MigrationInterface {
  name = 'CreateReceivedReports1763907500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issued_reports (
        cycle_id              text PRIMARY KEY,
        type_name             text NOT NULL,
        title                 text NOT NULL,
        issuing_body          text NOT NULL,
        number_text           text,
        issued_on             text,
        recalled_reason       text,
        distributed_position  bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE report_deliveries (
        cycle_id              text NOT NULL,
        unit_id               text NOT NULL,
        ordinal               integer NOT NULL,
        line                  text NOT NULL,
        purpose               text,
        delivered_at          text NOT NULL,
        acknowledged_at       text,
        acknowledged_by       text,
        distributed_position  bigint NOT NULL,
        PRIMARY KEY (cycle_id, unit_id)
      )`);
    await q.query(`CREATE INDEX report_deliveries_by_unit ON report_deliveries (unit_id, distributed_position DESC)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON issued_reports, report_deliveries TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_deliveries`);
    await q.query(`DROP TABLE issued_reports`);
  }
}
