import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A receiving unit's receipt reads what it is decided on without the report's other deliveries (issue #16; see
 * apps/api/src/reports/report-read.ts, readForReceipt): a report distributed to 20,000 units holds one ReportDelivered
 * event per unit and, in time, one receipt each. Two partial indexes: a report stream's events other than deliveries
 * and receipts (a few dozen per report), and the deliveries and receipts by stream and unit. Neither holds any other
 * stream's events, so the submissions' appends do not maintain them.
 */
export class ReceiptReads1764500000000 implements MigrationInterface {
  name = 'ReceiptReads1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_report_decisions ON events (stream_id, version)
        WHERE stream_type = 'report' AND event_type NOT IN ('ReportDelivered', 'ReportReceiptAcknowledged')`,
    );
    await q.query(
      `CREATE INDEX events_report_deliveries_by_unit ON events (stream_id, (data->>'unitId'))
        WHERE event_type IN ('ReportDelivered', 'ReportReceiptAcknowledged')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_report_deliveries_by_unit`);
    await q.query(`DROP INDEX events_report_decisions`);
  }
}
