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

/** An attempt to claim: the pair, its attempt number and its Message-ID. */
export interface AttemptClaim {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  messageId: string;
}

/** What became of a claimed attempt (by its deliveries row id). */
export type AttemptOutcome =
  | { id: string; status: 'sent'; messageId: string; at: Date }
  | { id: string; status: 'failed'; error: string; at: Date; nextAttemptAt: Date | null };

/** The key of a (notification, user) pair. */
export const pairKey = (notificationId: string, userId: string) => `${notificationId}/${userId}`;

/**
 * The dispatcher's working state in `notification_deliveries` (not the event store: rows here are updated): one
 * row per attempt, claimed 'sending' with a lease, then resolved once to 'sent' or 'failed'. Every resolution is
 * guarded by `status = 'sending'`, so an attempt is resolved once even when a dispatcher that lost its lease comes
 * back late.
 */
export const deliveryClaims = {
  /**
   * Claims attempts (one statement for the lot, committed on its own, before any of them goes out) with the same
   * lease. Returns the ids of those claimed, by `pairKey`; an attempt another dispatcher claimed first
   * (UNIQUE (notification_id, user_id, attempt)) is not among them.
   */
  async claimMany(db: Queryable, claims: readonly AttemptClaim[], now: Date, leaseUntil: Date): Promise<Map<string, string>> {
    if (claims.length === 0) return new Map();
    const rows: { id: string; notification_id: string; user_id: string }[] = await db.query(
      `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, attempted_at, message_id, lease_until)
       SELECT n, u, e, 'sending', a, $5::timestamptz, m, $6::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $7::text[]) AS t(n, u, e, a, m)
       ON CONFLICT (notification_id, user_id, attempt) DO NOTHING
       RETURNING id::text AS id, notification_id::text AS notification_id, user_id::text AS user_id`,
      [
        claims.map((c) => c.notificationId),
        claims.map((c) => c.userId),
        claims.map((c) => c.email),
        claims.map((c) => c.attempt),
        now,
        leaseUntil,
        claims.map((c) => c.messageId),
      ],
    );
    return new Map(rows.map((r) => [pairKey(r.notification_id, r.user_id), r.id] as const));
  },

  /** Extends the leases of the attempts this dispatcher still has in flight. */
  async renewLeases(db: Queryable, ids: readonly string[], leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`UPDATE notification_deliveries SET lease_until = $2 WHERE id = ANY ($1::bigint[]) AND status = 'sending'`, [
      ids,
      leaseUntil,
    ]);
  },

  /**
   * Records the outcomes of claimed attempts in one statement: 'sent' (with the server's Message-ID) or 'failed'
   * (with the error and when the next attempt is due; null: given up). Only attempts still 'sending' are resolved,
   * so an attempt is resolved once even when a dispatcher that lost its lease comes back late; returns their ids.
   */
  async resolveMany(db: Queryable, outcomes: readonly AttemptOutcome[]): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const rows: { id: string }[] = await db.query(
      // As a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with its rows.
      `WITH r AS (
         UPDATE notification_deliveries d
            SET status = o.status, message_id = coalesce(o.message_id, d.message_id), error = o.error, completed_at = o.at,
                next_attempt_at = o.next, lease_until = NULL
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS o(id, status, message_id, error, at, next)
          WHERE d.id = o.id AND d.status = 'sending'
          RETURNING d.id::text AS id)
       SELECT id FROM r`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.status),
        outcomes.map((o) => (o.status === 'sent' ? o.messageId : null)),
        outcomes.map((o) => (o.status === 'failed' ? o.error : null)),
        outcomes.map((o) => o.at),
        outcomes.map((o) => (o.status === 'failed' ? o.nextAttemptAt : null)),
      ],
    );
    return new Set(rows.map((r) => r.id));
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
