import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office pages a report's deliveries in Nơi nhận order (GET /cycles/{id}/report/deliveries, issue #16): a page is
 * an index range of (cycle_id, ordinal) after the cursor's ordinal, not a sort of the report's ~20,000 deliveries per
 * request; the unacknowledged ones ("Chưa xác nhận") have a partial index of their own, which shrinks as receipts come.
 */
export class ReportDeliveriesOrder1764400000000 implements MigrationInterface {
  name = 'ReportDeliveriesOrder1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX report_deliveries_in_order ON report_deliveries (cycle_id, ordinal)`);
    await q.query(`CREATE INDEX report_deliveries_unacknowledged ON report_deliveries (cycle_id, ordinal) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX report_deliveries_unacknowledged`);
    await q.query(`DROP INDEX report_deliveries_in_order`);
  }
}
