import type { Queryable } from './queryable';

export interface NotificationPreferences {
  /** false: notifications only in the in-app inbox, no e-mail. */
  emailEnabled: boolean;
  /** Hour (0-23, Vietnam time) after which the coordinator's daily digest is issued. */
  digestHour: number;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({ emailEnabled: true, digestHour: 7 });

/** Per-user notification preferences (table user_preferences; no row = the defaults). */
export const userPreferences = {
  async of(db: Queryable, userId: string): Promise<NotificationPreferences> {
    const [row] = await db.query(`SELECT email_enabled, digest_hour FROM user_preferences WHERE user_id = $1`, [userId]);
    return row ? { emailEnabled: row.email_enabled, digestHour: row.digest_hour } : { ...DEFAULT_NOTIFICATION_PREFERENCES };
  },

  /** Changes the given preferences (the others keep their value) and returns the result. */
  async update(db: Queryable, userId: string, changes: Partial<NotificationPreferences>, now: Date): Promise<NotificationPreferences> {
    if (changes.digestHour !== undefined && (!Number.isInteger(changes.digestHour) || changes.digestHour < 0 || changes.digestHour > 23)) {
      throw new RangeError(`digestHour must be an integer 0-23, got ${changes.digestHour}`);
    }
    const [row] = await db.query(
      `INSERT INTO user_preferences (user_id, email_enabled, digest_hour, updated_at)
       VALUES ($1, COALESCE($2::boolean, $4::boolean), COALESCE($3::smallint, $5::smallint), $6)
       ON CONFLICT (user_id) DO UPDATE SET email_enabled = COALESCE($2::boolean, user_preferences.email_enabled),
                                           digest_hour = COALESCE($3::smallint, user_preferences.digest_hour), updated_at = $6
       RETURNING email_enabled, digest_hour`,
      [userId, changes.emailEnabled ?? null, changes.digestHour ?? null, DEFAULT_NOTIFICATION_PREFERENCES.emailEnabled,
        DEFAULT_NOTIFICATION_PREFERENCES.digestHour, now]);
    return { emailEnabled: row.email_enabled, digestHour: row.digest_hour };
  },
};
