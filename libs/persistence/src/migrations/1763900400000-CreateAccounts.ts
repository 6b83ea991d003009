import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts and sessions. Credentials are not events: a password hash must be replaceable, an event is not. */
export class CreateAccounts1763900400000 implements MigrationInterface {
  name = 'CreateAccounts1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id                  uuid PRIMARY KEY,
        username            text NOT NULL UNIQUE CHECK (username = lower(username)),
        display_name        text NOT NULL,
        email               text,
        password_hash       text NOT NULL,
        roles               text[] NOT NULL CHECK (cardinality(roles) > 0),
        unit_ids            text[] NOT NULL DEFAULT '{}',
        office_unit_id      text,
        failed_logins       integer NOT NULL DEFAULT 0,
        locked_until        timestamptz,
        password_changed_at timestamptz NOT NULL,
        created_at          timestamptz NOT NULL,
        created_by          text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id          uuid PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES users (id),
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        revoked_at  timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON users, sessions TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
