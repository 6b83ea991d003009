import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail delivery of notifications, and per-user notification preferences.
 *
 * `notification_deliveries` holds one row per attempt to e-mail one notification to one user. An attempt
 * is claimed by inserting its row ('sending') before the message goes out: UNIQUE (notification_id, user_id,
 * attempt) lets only one dispatcher claim a given attempt, and the partial unique index lets a
 * (notification, user) pair be 'sent' once at most. Rows are updated once, to 'sent' or 'failed'.
 *
 * `user_preferences`: a missing row means the defaults (e-mail on, daily digest at 07:00 Vietnam time).
 */
export class CreateNotificationDeliveries1763900600000 implements MigrationInterface {
  name = 'CreateNotificationDeliveries1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id  uuid        NOT NULL REFERENCES notifications (id),
        user_id          uuid        NOT NULL REFERENCES users (id),
        email            text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        attempt          integer     NOT NULL CHECK (attempt >= 1),
        error            text,
        message_id       text,
        attempted_at     timestamptz NOT NULL,
        completed_at     timestamptz,
        next_attempt_at  timestamptz,
        CONSTRAINT notification_deliveries_attempt_unique UNIQUE (notification_id, user_id, attempt),
        CONSTRAINT notification_deliveries_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX notification_deliveries_sent_once ON notification_deliveries (notification_id, user_id)
                   WHERE status = 'sent'`);
    await q.query(`CREATE INDEX notification_deliveries_user ON notification_deliveries (user_id, attempted_at)`);
    // The dispatcher scans notifications by due time.
    await q.query(`CREATE INDEX notifications_due_at ON notifications (due_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON notification_deliveries TO kybaocao_app`);

    await q.query(`
      CREATE TABLE user_preferences (
        user_id        uuid PRIMARY KEY REFERENCES users (id),
        email_enabled  boolean  NOT NULL DEFAULT true,
        digest_hour    smallint NOT NULL DEFAULT 7 CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at     timestamptz NOT NULL
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON user_preferences TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_preferences`);
    await q.query(`DROP INDEX notifications_due_at`);
    await q.query(`DROP TABLE notification_deliveries`);
  }
}
