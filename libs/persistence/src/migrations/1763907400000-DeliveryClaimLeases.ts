import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail delivery that survives a crash at any point (issue #16, notifications sent 8 at once):
 * - `lease_until`: a claim ('sending') is held by a live dispatcher, which renews the lease while the SMTP send is
 *   in flight; a claim whose lease ran out belongs to a dispatcher that died, and is resolved explicitly (an
 *   event, then a re-send with the same Message-ID). Claims left by a dispatcher of before this migration get
 *   the old fixed 10-minute lease.
 * - a partial index over the open claims, so looking for expired ones reads the few in flight, not every
 *   attempt ever made;
 * - a GIN index over users.unit_ids, so a notification to a unit finds its reporters through the index
 *   (`unit_ids @> ARRAY[unit]`) instead of testing every user's list: the per-notification cost of the dispatcher
 *   does not grow with the number of accounts.
 */
export class DeliveryClaimLeases1763907400000 implements MigrationInterface {
  name = 'DeliveryClaimLeases1763907400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN lease_until timestamptz`);
    await q.query(`UPDATE notification_deliveries SET lease_until = attempted_at + interval '10 minutes' WHERE status = 'sending'`);
    await q.query(
      `ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_sending_has_lease CHECK (status <> 'sending' OR lease_until IS NOT NULL)`,
    );
    await q.query(`CREATE INDEX notification_deliveries_open_claims ON notification_deliveries (lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX users_unit_ids ON users USING gin (unit_ids) WITH (fastupdate = off)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_unit_ids`);
    await q.query(`DROP INDEX notification_deliveries_open_claims`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_sending_has_lease`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN lease_until`);
  }
}
