import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildReportHeads } from '../projections/report-heads/report-heads.projection';

/**
 * Inline read model of reports (issue #16): the report's status, latest version, signature, number and recall,
 * and its stream version, written in the transaction of each report append. The cycle's phase guards and
 * `GET /cycles/{id}` read one row instead of folding a stream whose drafts carry the whole document (megabytes at
 * 20,000 units, once per version). Backfilled from the log.
 */
export class CreateReportHeads1764300000000 implements MigrationInterface {
  name = 'CreateReportHeads1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_heads (
        cycle_id  text PRIMARY KEY,
        version   integer NOT NULL,
        status    text NOT NULL,
        head      jsonb NOT NULL
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON report_heads TO kybaocao_app`);
    await rebuildReportHeads(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_heads`);
  }
}
