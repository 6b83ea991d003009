import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board lists a cycle's e-mails whose latest attempt failed. It used to walk every notification of the cycle
 * (one or more per unit: 20,000 at national scale) and look up each one's latest delivery; with this partial index
 * it starts from the failed deliveries, a handful, and keeps those with no later attempt
 * (`notificationQueries.failedDeliveriesOfCycle`).
 */
export class FailedDeliveriesIndex1763908000000 implements MigrationInterface {
  name = 'FailedDeliveriesIndex1763908000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notification_deliveries_failed ON notification_deliveries (notification_id) WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_failed`);
  }
}
