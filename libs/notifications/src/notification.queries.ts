import type { Queryable } from './queryable';

export interface InboxItem {
  id: string;
  kind: string;
  cycleId: string | null;
  subject: string;
  body: string;
  link: string | null;
  dueAt: Date;
  /** 'user': addressed to the reader; 'unit': to one of the reader's units (`unitId`, `unitName`). */
  addressedTo: 'user' | 'unit';
  unitId: string | null;
  unitName: string | null;
}

export interface InboxOptions {
  /** Only notifications due at or before this instant (default: all issued). */
  asOf?: Date;
  /** Keyset paging: only notifications due strictly before this instant. */
  before?: Date;
  /** Default 50, at most 500. */
  limit?: number;
}

export interface FailedDelivery {
  deliveryId: string;
  notificationId: string;
  /** The unit the notification was addressed to; null when it was addressed to a user. */
  unitId: string | null;
  kind: string;
  subject: string;
  userId: string;
  displayName: string;
  email: string;
  /** The number of the last attempt, which failed. */
  attempt: number;
  error: string;
  attemptedAt: Date;
  /** When the dispatcher tries again; null when it gave up. */
  nextAttemptAt: Date | null;
  gaveUp: boolean;
}

/** `n` is addressed to the user `u` or to one of the units `u` reports for. */
const VISIBLE_TO_U = `((n.recipient_type = 'user' AND n.recipient_id = u.id::text) OR (n.recipient_type = 'unit' AND n.recipient_id = ANY (u.unit_ids)))`;

/** Queries of notifications and their deliveries, named by intent. */
export const notificationQueries = {
  /** The in-app inbox of a user: notifications addressed to them or to any of their units, newest first. */
  async inboxOf(db: Queryable, userId: string, options: InboxOptions = {}): Promise<InboxItem[]> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
    const rows = await db.query(
      `SELECT n.id, n.kind, n.cycle_id, n.subject, n.body, n.link, n.due_at, n.recipient_type, n.recipient_id, ou.canonical_name
         FROM notifications n
         JOIN users u ON u.id = $1
         LEFT JOIN org_units ou ON n.recipient_type = 'unit' AND ou.id = n.recipient_id
        WHERE ((n.recipient_type = 'user' AND n.recipient_id = u.id::text)
            OR (n.recipient_type = 'unit' AND n.recipient_id = ANY (u.unit_ids)))
          AND ($2::timestamptz IS NULL OR n.due_at <= $2)
          AND ($3::timestamptz IS NULL OR n.due_at < $3)
        ORDER BY n.due_at DESC, n.id
        LIMIT $4`,
      [userId, options.asOf ?? null, options.before ?? null, limit],
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      kind: r.kind,
      cycleId: r.cycle_id,
      subject: r.subject,
      body: r.body,
      link: r.link,
      dueAt: r.due_at,
      addressedTo: r.recipient_type,
      unitId: r.recipient_type === 'unit' ? r.recipient_id : null,
      unitName: r.recipient_type === 'unit' ? (r.canonical_name ?? null) : null,
    }));
  },

  /** When `userId` first read each of `notificationIds` (only those read). */
  async readMarksOf(db: Queryable, userId: string, notificationIds: string[]): Promise<Map<string, Date>> {
    if (notificationIds.length === 0) return new Map();
    const rows: { notification_id: string; read_at: Date }[] = await db.query(
      `SELECT notification_id, read_at FROM notification_reads WHERE user_id = $1 AND notification_id = ANY ($2::uuid[])`,
      [userId, notificationIds],
    );
    return new Map(rows.map((r) => [r.notification_id, r.read_at]));
  },

  /** Notifications of the user's inbox they have not marked read. */
  async unreadCountOf(db: Queryable, userId: string): Promise<number> {
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = $1
        WHERE ${VISIBLE_TO_U}
          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = u.id)`,
      [userId],
    );
    return row.n;
  },

  /**
   * Marks a notification of the user's inbox read (insert-only: a second mark keeps the first instant) and
   * returns when it was first read; null when the notification is not in their inbox (or does not exist).
   */
  async markRead(db: Queryable, userId: string, notificationId: string, now: Date): Promise<Date | null> {
    const rows: { read_at: Date }[] = await db.query(
      `WITH visible AS (
         SELECT n.id FROM notifications n JOIN users u ON u.id = $1 WHERE n.id = $2 AND ${VISIBLE_TO_U}),
       inserted AS (
         INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT id, $1::uuid, $3::timestamptz FROM visible
         ON CONFLICT (notification_id, user_id) DO NOTHING RETURNING read_at)
       SELECT read_at FROM inserted
       UNION ALL
       SELECT r.read_at FROM notification_reads r JOIN visible v ON v.id = r.notification_id WHERE r.user_id = $1`,
      [userId, notificationId, now],
    );
    return rows[0]?.read_at ?? null;
  },

  /**
   * E-mails of a cycle's notifications whose latest attempt failed — still to be retried, or given up —
   * oldest notification first: the first `limit`, and how many there are in all. A delivery that failed and then
   * succeeded is not listed (its attempts stay in notification_deliveries).
   */
  async failedDeliveriesOfCycle(db: Queryable, cycleId: string, limit: number): Promise<{ list: FailedDelivery[]; total: number }> {
    // From the failed deliveries (a partial index: a handful), not from every notification of the cycle (one or
    // more per unit).
    const rows = await db.query(
      `SELECT d.id, d.notification_id, n.recipient_type, n.recipient_id, n.kind, n.subject, d.user_id, u.display_name, d.email, d.attempt, d.error, d.attempted_at,
              d.next_attempt_at, count(*) OVER ()::int AS total
         FROM notification_deliveries d
         JOIN notifications n ON n.id = d.notification_id
         JOIN users u ON u.id = d.user_id
        WHERE d.status = 'failed' AND n.cycle_id = $1 AND ${IS_LATEST_ATTEMPT}
        ORDER BY n.due_at, n.id, u.display_name, d.user_id
        LIMIT $2`,
      [cycleId, limit],
    );
    return { list: rows.map(toFailedDelivery), total: rows[0]?.total ?? 0 };
  },

  /** Per unit of `unitIds`, how many of the cycle's e-mails to it failed at their latest attempt (units with none left out). */
  async failedDeliveriesPerUnit(db: Queryable, cycleId: string, unitIds: readonly string[]): Promise<Map<string, number>> {
    // From each unit's notifications (its own index), then their failed deliveries: the page's units, not the cycle's.
    const rows: { unit_id: string; n: number }[] = await db.query(
      `SELECT n.recipient_id AS unit_id, count(*)::int AS n
         FROM notifications n
         JOIN notification_deliveries d ON d.notification_id = n.id AND d.status = 'failed'
        WHERE n.recipient_type = 'unit' AND n.recipient_id = ANY ($2::text[]) AND n.cycle_id = $1 AND ${IS_LATEST_ATTEMPT}
        GROUP BY n.recipient_id`,
      [cycleId, [...unitIds]],
    );
    return new Map(rows.map((r) => [r.unit_id, r.n] as const));
  },
};

/**
 * The delivery `d` is its notification's latest attempt to its user. A scalar subquery, looked up per failed
 * delivery through (notification_id, user_id, attempt): a NOT EXISTS became an anti-join hashing every delivery.
 */
const IS_LATEST_ATTEMPT = `d.attempt = (SELECT max(x.attempt) FROM notification_deliveries x
                                  WHERE x.notification_id = d.notification_id AND x.user_id = d.user_id)`;

function toFailedDelivery(r: Record<string, any>): FailedDelivery {
  return {
    deliveryId: String(r.id),
    notificationId: r.notification_id,
    unitId: r.recipient_type === 'unit' ? r.recipient_id : null,
    kind: r.kind,
    subject: r.subject,
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    attempt: r.attempt,
    error: r.error,
    attemptedAt: r.attempted_at,
    nextAttemptAt: r.next_attempt_at,
    gaveUp: r.next_attempt_at === null,
  };
}
