import type { Queryable } from './queryable';

/** A notification to issue: to a unit (its reporters) or a user, once per dedupe key. */
export interface OutgoingNotification {
  /** Issued once per key: a retried or replayed issuer inserts nothing twice. */
  dedupeKey: string;
  cycleId: string | null;
  recipientType: 'unit' | 'user';
  recipientId: string;
  kind: string;
  /** Reminders: which reminder point ('before-3', 'manual', …) and the deadline it is about. */
  reminderKey?: string;
  deadline?: string;
  /** When it is due to be delivered. */
  dueAt: Date | string;
  subject: string;
  body: string;
  link: string;
  /** Default: now. */
  createdAt?: Date | string;
}

/**
 * The notification outbox: the one writer of the `notifications` table (the dispatcher reads it and delivers
 * in-app and by e-mail). Inserts those whose dedupe key is new, in one statement, and returns them — the
 * others were issued before.
 */
export async function issueNotifications(
  db: Queryable,
  items: readonly OutgoingNotification[],
): Promise<{ dedupeKey: string; recipientId: string }[]> {
  if (items.length === 0) return [];
  const column = <T>(f: (n: OutgoingNotification) => T) => items.map(f);
  const iso = (d: Date | string | undefined) => (d === undefined ? null : new Date(d).toISOString());
  const rows: { dedupe_key: string; recipient_id: string }[] = await db.query(
    `INSERT INTO notifications (dedupe_key, cycle_id, recipient_type, recipient_id, kind, reminder_key, deadline, due_at, subject, body, link, created_at)
     SELECT k, c, rt, ri, kd, rk, dl, du, s, b, l, COALESCE(ca, now())
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
         AS t(k, c, rt, ri, kd, rk, dl, du, s, b, l, ca)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key, recipient_id`,
    [
      column((n) => n.dedupeKey),
      column((n) => n.cycleId),
      column((n) => n.recipientType),
      column((n) => n.recipientId),
      column((n) => n.kind),
      column((n) => n.reminderKey ?? null),
      column((n) => n.deadline ?? null),
      column((n) => iso(n.dueAt)),
      column((n) => n.subject),
      column((n) => n.body),
      column((n) => n.link),
      column((n) => iso(n.createdAt)),
    ],
  );
  return rows.map((r) => ({ dedupeKey: r.dedupe_key, recipientId: r.recipient_id }));
}
