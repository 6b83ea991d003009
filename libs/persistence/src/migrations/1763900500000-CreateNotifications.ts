import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (in-app inbox and e-mail outbox). `dedupe_key` makes issuing idempotent: a retried or
 * replayed reminder activity inserts nothing twice (key: cycle, recipient, deadline, reminder point).
 */
export class CreateNotifications1763900500000 implements MigrationInterface {
  name = 'CreateNotifications1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key      text NOT NULL UNIQUE,
        cycle_id        uuid,
        recipient_type  text NOT NULL CHECK (recipient_type IN ('unit', 'user')),
        recipient_id    text NOT NULL,
        kind            text NOT NULL,
        reminder_key    text,
        deadline        date,
        due_at          timestamptz NOT NULL,
        subject         text NOT NULL,
        body            text NOT NULL,
        link            text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_recipient ON notifications (recipient_type, recipient_id, due_at)`);
    await q.query(`CREATE INDEX notifications_cycle ON notifications (cycle_id, due_at)`);
    await q.query(`GRANT SELECT, INSERT ON notifications TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
