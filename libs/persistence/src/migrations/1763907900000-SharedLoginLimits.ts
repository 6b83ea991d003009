import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login lock-outs and login rate-limit windows in PostgreSQL (issue #16, several API processes): kept in each
 * process's memory, N processes would allow N times the attempts. Neither is an event: both are short-lived
 * counters (rows are dropped on success, on an administrator's unlock, or once expired), not history.
 * - `login_lockouts`: wrong passwords per (username, client address), and until when that address is refused.
 * - `login_rate_windows`: attempts per throttler key in a fixed window ending at `expires_at`.
 */
export class SharedLoginLimits1763907900000 implements MigrationInterface {
  name = 'SharedLoginLimits1763907900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_lockouts (
        username      text NOT NULL,
        address       text NOT NULL,
        failures      integer NOT NULL,
        locked_until  timestamptz,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (username, address)
      )`);
    await q.query(`CREATE INDEX login_lockouts_updated_at ON login_lockouts (updated_at)`);
    await q.query(`
      CREATE TABLE login_rate_windows (
        key         text NOT NULL,
        throttler   text NOT NULL,
        hits        integer NOT NULL,
        expires_at  timestamptz NOT NULL,
        PRIMARY KEY (key, throttler)
      )`);
    await q.query(`CREATE INDEX login_rate_windows_expires_at ON login_rate_windows (expires_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_lockouts, login_rate_windows TO kybaocao_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_rate_windows`);
    await q.query(`DROP TABLE login_lockouts`);
  }
}
