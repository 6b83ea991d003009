import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** A (username, address) pair not seen for this long, and not locked, is forgotten: the ledger stays small. */
const FORGET_AFTER = '1 day';
/** One failure in this many also sweeps the forgotten pairs (one indexed DELETE). */
const SWEEP_EVERY = 100;

/**
 * Lock-out against the offending address only: after MAX_FAILED_LOGINS wrong passwords for one username from
 * one address, that address is refused for that username for LOCK_MINUTES — with the same answer and the same
 * argon2 work as a wrong password — while the account's owner still logs in from anywhere else. (A lock on the
 * account itself let anyone keep `admin` locked forever.) Guessing from many addresses is bounded by the
 * per-username rate limit (login-throttle.ts). Kept in PostgreSQL (`login_lockouts`), so that every API process
 * counts the same failures: in each process's memory, N processes would allow N × MAX_FAILED_LOGINS guesses.
 */
@Injectable()
export class LoginLockouts {
  private failuresSeen = 0;

  constructor(private readonly db: DataSource) {}

  async isLocked(username: string, address: string, now: Date): Promise<boolean> {
    const rows: { locked: boolean }[] = await this.db.query(
      `SELECT locked_until > $3 AS locked FROM login_lockouts WHERE username = $1 AND address = $2`,
      [username, address, now],
    );
    return rows[0]?.locked === true;
  }

  /** One more failure, counted atomically (two processes recording at once both count); an expired lock starts over. */
  async recordFailure(username: string, address: string, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO login_lockouts AS l (username, address, failures, locked_until, updated_at)
       VALUES ($1, $2, 1, CASE WHEN 1 >= $4 THEN $3::timestamptz + make_interval(mins => $5) END, $3)
       ON CONFLICT (username, address) DO UPDATE SET
         failures = CASE WHEN l.locked_until <= $3 THEN 1 ELSE l.failures + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN l.locked_until <= $3 THEN 1 ELSE l.failures + 1 END) >= $4 THEN $3::timestamptz + make_interval(mins => $5)
           WHEN l.locked_until <= $3 THEN NULL
           ELSE l.locked_until END,
         updated_at = $3`,
      [username, address, now, MAX_FAILED_LOGINS, LOCK_MINUTES],
    );
    if (++this.failuresSeen % SWEEP_EVERY === 0) {
      await this.db.query(
        `DELETE FROM login_lockouts WHERE updated_at < $1::timestamptz - interval '${FORGET_AFTER}' AND (locked_until IS NULL OR locked_until <= $1)`,
        [now],
      );
    }
  }

  async recordSuccess(username: string, address: string): Promise<void> {
    await this.db.query(`DELETE FROM login_lockouts WHERE username = $1 AND address = $2`, [username, address]);
  }

  /** An administrator lifted the account's lock: every address's lock-out of this username too. */
  async clear(username: string): Promise<void> {
    await this.db.query(`DELETE FROM login_lockouts WHERE username = $1`, [username]);
  }
}
