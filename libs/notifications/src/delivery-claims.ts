import type { Queryable } from './queryable';

/** An attempt claimed by a dispatcher whose lease ran out without an outcome. */
export interface ExpiredClaim {
  id: string;
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  messageId: string | null;
  claimedAt: Date;
  leaseUntil: Date;
}

/**
 * The dispatcher's working state in `notification_deliveries` (not the event store: rows here are updated): one
 * row per attempt, claimed 'sending' with a lease, then resolved once to 'sent' or 'failed'. Every resolution is
 * guarded by `status = 'sending'`, so an attempt is resolved once even when a dispatcher that lost its lease comes
 * back late.
 */
export const deliveryClaims = {
  /**
   * Claims attempt `attempt` of the pair (committed on its own, before the message goes out). Null when another
   * dispatcher claimed it first (UNIQUE (notification_id, user_id, attempt)).
   */
  async claim(
    db: Queryable,
    c: { notificationId: string; userId: string; email: string; attempt: number; messageId: string; now: Date; leaseUntil: Date },
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, attempted_at, message_id, lease_until)
       VALUES ($1, $2, $3, 'sending', $4, $5, $6, $7)
       ON CONFLICT (notification_id, user_id, attempt) DO NOTHING RETURNING id::text AS id`,
      [c.notificationId, c.userId, c.email, c.attempt, c.now, c.messageId, c.leaseUntil],
    );
    return rows[0]?.id ?? null;
  },

  /** Extends the leases of the attempts this dispatcher still has in flight. */
  async renewLeases(db: Queryable, ids: readonly string[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`UPDATE notification_deliveries SET lease_until = $2 WHERE id = ANY ($1::bigint[]) AND status = 'sending'`, [
      ids,
      leaseUntil,
    ]);
  },

  /** Records that the server accepted the attempt; false when it was no longer 'sending' (resolved elsewhere). */
  async resolveSent(db: Queryable, id: string, messageId: string, at: Date): Promise<boolean> {
    return resolved(
      await db.query(
        `WITH r AS (UPDATE notification_deliveries SET status = 'sent', message_id = $2, completed_at = $3, lease_until = NULL
                     WHERE id = $1 AND status = 'sending' RETURNING id)
         SELECT id FROM r`,
        [id, messageId, at],
      ),
    );
  },

  /** Records a failed (or uncertain) attempt and when the next one is due (null: given up). */
  async resolveFailed(db: Queryable, id: string, error: string, at: Date, nextAttemptAt: Date | null): Promise<boolean> {
    return resolved(
      await db.query(
        `WITH r AS (UPDATE notification_deliveries SET status = 'failed', error = $2, completed_at = $3, next_attempt_at = $4, lease_until = NULL
                     WHERE id = $1 AND status = 'sending' RETURNING id)
         SELECT id FROM r`,
        [id, error, at, nextAttemptAt],
      ),
    );
  },

  /**
   * Claims whose lease ran out before `now` (their dispatcher died), except `own` (this dispatcher's, still in
   * flight). Reads the partial index of open claims: the few in flight, never the history of attempts.
   */
  async expired(db: Queryable, now: Date, own: readonly string[], limit = 500): Promise<ExpiredClaim[]> {
    const rows: Record<string, any>[] = await db.query(
      `SELECT id::text AS id, notification_id, user_id, email, attempt, message_id, attempted_at, lease_until
         FROM notification_deliveries
        WHERE status = 'sending' AND lease_until < $1 AND NOT (id = ANY ($2::bigint[]))
        ORDER BY lease_until, id
        LIMIT $3`,
      [now, own, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      notificationId: r.notification_id,
      userId: r.user_id,
      email: r.email,
      attempt: r.attempt,
      messageId: r.message_id,
      claimedAt: r.attempted_at,
      leaseUntil: r.lease_until,
    }));
  },
};

const resolved = (rows: unknown[]) => rows.length > 0;
