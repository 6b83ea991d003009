import type { Queryable } from './queryable';

export interface NotificationPreferences {
  /** false: notifications only in the in-app inbox, no e-mail. */
  emailEnabled: boolean;
  /** Hour (0-23, Vietnam time) after which the coordinator's daily digest is issued. */
  digestHour: number;
  /** Minute (0-59) of that hour. */
  digestMinute: number;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  emailEnabled: true,
  digestHour: 7,
  digestMinute: 0,
});

/** "HH:MM", 00:00–23:59. */
export const DIGEST_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 7, 5 → "07:05". */
export const formatDigestTime = (p: Pick<NotificationPreferences, 'digestHour' | 'digestMinute'>): string =>
  `${String(p.digestHour).padStart(2, '0')}:${String(p.digestMinute).padStart(2, '0')}`;

/** "07:05" → { digestHour: 7, digestMinute: 5 }; RangeError for anything else. */
export function parseDigestTime(time: string): Pick<NotificationPreferences, 'digestHour' | 'digestMinute'> {
  if (typeof time !== 'string' || !DIGEST_TIME_PATTERN.test(time))
    throw new RangeError(`digest time must be HH:MM (00:00-23:59), got ${JSON.stringify(time)}`);
  return { digestHour: Number(time.slice(0, 2)), digestMinute: Number(time.slice(3, 5)) };
}

const check = (name: string, value: number | undefined, max: number) => {
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > max)) {
    throw new RangeError(`${name} must be an integer 0-${max}, got ${value}`);
  }
};

/** Per-user notification preferences (table user_preferences; no row = the defaults). */
export const userPreferences = {
  async of(db: Queryable, userId: string): Promise<NotificationPreferences> {
    const [row] = await db.query(`SELECT email_enabled, digest_hour, digest_minute FROM user_preferences WHERE user_id = $1`, [userId]);
    return row
      ? { emailEnabled: row.email_enabled, digestHour: row.digest_hour, digestMinute: row.digest_minute }
      : { ...DEFAULT_NOTIFICATION_PREFERENCES };
  },

  /** Changes the given preferences (the others keep their value) and returns the result. */
  async update(db: Queryable, userId: string, changes: Partial<NotificationPreferences>, now: Date): Promise<NotificationPreferences> {
    check('digestHour', changes.digestHour, 23);
    check('digestMinute', changes.digestMinute, 59);
    const [row] = await db.query(
      `INSERT INTO user_preferences (user_id, email_enabled, digest_hour, digest_minute, updated_at)
       VALUES ($1, COALESCE($2::boolean, $5::boolean), COALESCE($3::smallint, $6::smallint), COALESCE($4::smallint, $7::smallint), $8)
       ON CONFLICT (user_id) DO UPDATE SET email_enabled = COALESCE($2::boolean, user_preferences.email_enabled),
                                           digest_hour = COALESCE($3::smallint, user_preferences.digest_hour),
                                           digest_minute = COALESCE($4::smallint, user_preferences.digest_minute), updated_at = $8
       RETURNING email_enabled, digest_hour, digest_minute`,
      [
        userId,
        changes.emailEnabled ?? null,
        changes.digestHour ?? null,
        changes.digestMinute ?? null,
        DEFAULT_NOTIFICATION_PREFERENCES.emailEnabled,
        DEFAULT_NOTIFICATION_PREFERENCES.digestHour,
        DEFAULT_NOTIFICATION_PREFERENCES.digestMinute,
        now,
      ],
    );
    return { emailEnabled: row.email_enabled, digestHour: row.digest_hour, digestMinute: row.digest_minute };
  },
};
