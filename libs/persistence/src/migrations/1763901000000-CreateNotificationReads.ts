import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox over HTTP and the digest time to the minute.
 *
 * `notification_reads`: one row when a user first marks a notification read. Insert-only — a read mark is
 * never changed or removed (the application role has SELECT and INSERT only); marking again keeps the first
 * instant (ON CONFLICT DO NOTHING).
 *
 * `user_preferences.digest_minute`: the preference is a time of day "HH:MM" (Vietnam time); digest_hour keeps
 * the hour, this column the minute (default 0, so existing rows keep their meaning).
 *
 * Event-driven notifications (returns, approvals, sign-off …, libs/notifications event-notifications) follow
 * the global log from a checkpoint: on an installation that already has events, they start at the current end
 * of the log, so deploying the feature does not announce the whole history again.
 */
export class CreateNotificationReads1763901000000 implements MigrationInterface {
  name = 'CreateNotificationReads1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id  uuid        NOT NULL REFERENCES notifications (id),
        user_id          uuid        NOT NULL REFERENCES users (id),
        read_at          timestamptz NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      )`);
    await q.query(`CREATE INDEX notification_reads_user ON notification_reads (user_id)`);
    await q.query(`GRANT SELECT, INSERT ON notification_reads TO kybaocao_app`);
    await q.query(`
      INSERT INTO projection_checkpoints (projection, transaction_id, global_position, updated_at)
      SELECT 'event-notifications', transaction_id, global_position, now() FROM events
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1
      ON CONFLICT (projection) DO NOTHING`);
    await q.query(
      `ALTER TABLE user_preferences ADD COLUMN digest_minute smallint NOT NULL DEFAULT 0 CHECK (digest_minute BETWEEN 0 AND 59)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_preferences DROP COLUMN digest_minute`);
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DELETE FROM projection_checkpoints WHERE projection = 'event-notifications'`);
  }
}
