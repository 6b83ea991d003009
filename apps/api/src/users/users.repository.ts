import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../auth/roles';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  roles: Role[];
  unitIds: string[];
  officeUnitId: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
}

const fromRow = (r: any): UserRecord => ({
  id: r.id, username: r.username, displayName: r.display_name, email: r.email, passwordHash: r.password_hash, roles: r.roles,
  unitIds: r.unit_ids, officeUnitId: r.office_unit_id, failedLogins: r.failed_logins, lockedUntil: r.locked_until,
});

/** Persistence of accounts and sessions, named by intent. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async insertUser(u: Omit<UserRecord, 'failedLogins' | 'lockedUntil'> & { createdBy: string; now: Date }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO users (id, username, display_name, email, password_hash, roles, unit_ids, office_unit_id, password_changed_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.id, u.username, u.displayName, u.email, u.passwordHash, u.roles, u.unitIds, u.officeUnitId, u.now, u.createdBy]);
    return rows.length === 1;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const [row] = await this.db.query(`SELECT * FROM users WHERE username = $1`, [username]);
    return row ? fromRow(row) : null;
  }

  async byId(id: string): Promise<UserRecord | null> {
    const [row] = await this.db.query(`SELECT * FROM users WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.query(`SELECT * FROM users ORDER BY username`)).map(fromRow);
  }

  async countUsers(): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM users`))[0].n;
  }

  /** Counts a failed login; locks the account once `maxFailures` is reached. Returns the updated record. */
  async recordFailedLogin(id: string, maxFailures: number, lockUntil: Date): Promise<UserRecord> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [[row]] = await this.db.query(
      `UPDATE users SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
       WHERE id = $1 RETURNING *`, [id, maxFailures, lockUntil]);
    return fromRow(row);
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  async updatePassword(id: string, passwordHash: string, now: Date, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(`UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`, [id, passwordHash, now]);
  }

  async openSession(id: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [id, userId, now, expiresAt]);
  }

  async activeSession(id: string, now: Date): Promise<{ userId: string } | null> {
    const [row] = await this.db.query(
      `SELECT user_id FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2`, [id, now]);
    return row ? { userId: row.user_id } : null;
  }

  async revokeSession(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, now]);
  }

  /** Every session of the user except `keep` (after a password change). */
  async revokeOtherSessions(userId: string, keep: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [userId, keep, now]);
  }
}
