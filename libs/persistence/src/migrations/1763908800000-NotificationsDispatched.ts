import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail dispatcher reads due notifications from the ones it has not finished with only (issue #16, the
 * reminder round). Before, every pass walked every notification of the last 48 h and looked up each recipient's
 * latest attempt: after a 20,000-unit cycle, tens of thousands already e-mailed before the few new ones.
 * - `dispatched_at`: set by the dispatcher once every recipient's latest attempt is final (sent, or given up), or
 *   the notification has no recipient to e-mail. The application role may update this column only: a
 *   notification's content stays insert-only.
 * - a partial index over (due_at, id) of the notifications not dispatched yet: the dispatcher's keyset read.
 */
export class NotificationsDispatched1763908800000 implements MigrationInterface {
  name = 'NotificationsDispatched1763908800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN dispatched_at timestamptz`);
    await q.query(`CREATE INDEX notifications_undispatched ON notifications (due_at, id) WHERE dispatched_at IS NULL`);
    await q.query(`GRANT UPDATE (dispatched_at) ON notifications TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (dispatched_at) ON notifications FROM kybaocao_app`);
    await q.query(`DROP INDEX notifications_undispatched`);
    await q.query(`ALTER TABLE notifications DROP COLUMN dispatched_at`);
  }
}
