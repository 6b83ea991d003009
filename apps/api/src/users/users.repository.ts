import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccountState } from '@kybaocao/domain/account';

/** The `users` row: the account as the administration rules see it (AccountState), plus the login data. */
export interface UserRecord extends AccountState {
  username: string;
  passwordHash: string;
}

/** Columns an account change may write. */
export type AccountColumns = Partial<
  Pick<
    UserRecord,
    | 'displayName'
    | 'email'
    | 'roles'
    | 'unitIds'
    | 'officeUnitId'
    | 'failedLogins'
    | 'lockedUntil'
    | 'disabledAt'
    | 'mustChangePassword'
    | 'passwordHash'
  >
> & { passwordChangedAt?: Date };

const COLUMN_OF: Record<keyof AccountColumns, string> = {
  displayName: 'display_name',
  email: 'email',
  roles: 'roles',
  unitIds: 'unit_ids',
  officeUnitId: 'office_unit_id',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  disabledAt: 'disabled_at',
  mustChangePassword: 'must_change_password',
  passwordHash: 'password_hash',
  passwordChangedAt: 'password_changed_at',
};

const fromRow = (r: any): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  passwordHash: r.password_hash,
  roles: r.roles,
  unitIds: r.unit_ids,
  officeUnitId: r.office_unit_id,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  disabledAt: r.disabled_at ?? null,
  mustChangePassword: r.must_change_password === true,
  version: Number(r.version ?? 1),
});

/** Persistence of accounts and sessions, named by intent. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async insertUser(
    u: Omit<UserRecord, 'failedLogins' | 'lockedUntil' | 'disabledAt' | 'mustChangePassword' | 'version'> & {
      createdBy: string;
      now: Date;
      mustChangePassword?: boolean;
    },
    m: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO users (id, username, display_name, email, password_hash, roles, unit_ids, office_unit_id, password_changed_at, created_at, created_by, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [
        u.id,
        u.username,
        u.displayName,
        u.email,
        u.passwordHash,
        u.roles,
        u.unitIds,
        u.officeUnitId,
        u.now,
        u.createdBy,
        u.mustChangePassword === true,
      ],
    );
    return rows.length === 1;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const [row] = await this.db.query(`SELECT * FROM users WHERE username = $1`, [username]);
    return row ? fromRow(row) : null;
  }

  async byId(id: string, m: EntityManager = this.db.manager): Promise<UserRecord | null> {
    const [row] = await m.query(`SELECT * FROM users WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  /** The account, its row locked until the transaction of `m` ends (one administrative change at a time). */
  async lockForChange(id: string, m: EntityManager): Promise<UserRecord | null> {
    const [row] = await m.query(`SELECT * FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row ? fromRow(row) : null;
  }

  /** Writes `columns` and increments the version; returns the account as stored. */
  async applyAccountChange(id: string, columns: AccountColumns, m: EntityManager): Promise<UserRecord> {
    const keys = (Object.keys(columns) as (keyof AccountColumns)[]).filter((k) => columns[k] !== undefined);
    const sets = keys.map((k, i) => `${COLUMN_OF[k]} = $${i + 2}`);
    const [[row]] = await m.query(`UPDATE users SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1 RETURNING *`, [
      id,
      ...keys.map((k) => columns[k]),
    ]);
    return fromRow(row);
  }

  /** Every open session of the user ends (disabled, or a password reset by an administrator). */
  async revokeAllSessions(userId: string, now: Date, m: EntityManager = this.db.manager): Promise<number> {
    const [, count] = await m.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, now]);
    return Number(count ?? 0);
  }

  /** Of `unitIds`, those not in the org-units read model. */
  async unregisteredUnits(unitIds: string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM org_units WHERE id = ANY($1::text[])`, [unitIds]);
    const known = new Set(rows.map((r) => r.id));
    return unitIds.filter((id) => !known.has(id));
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
       WHERE id = $1 RETURNING *`,
      [id, maxFailures, lockUntil],
    );
    return fromRow(row);
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  async openSession(id: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [id, userId, now, expiresAt]);
  }

  async revokeSession(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, now]);
  }

  /** Every session of the user except `keep` (after a password change). */
  async revokeOtherSessions(userId: string, keep: string, now: Date, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(`UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`, [userId, keep, now]);
  }
}
