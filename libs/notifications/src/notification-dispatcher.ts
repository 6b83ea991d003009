import type { EventMetadata, NewEvent } from '@kybaocao/persistence/event-store/event-store';
import { uuidFromKey } from './event-notifications';
import type { Mailer } from './smtp-mailer';
import { renderNotificationEmail } from './notification-email';
import type { Queryable } from './queryable';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './retry-policy';

/** Where delivery outcomes are recorded as events (libs/persistence's EventStore fits). */
export interface DeliveryEventLog {
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: 'any'; metadata: EventMetadata; now: Date },
  ): Promise<unknown>;
}

/** Stream of a notification's delivery events. */
export const notificationStream = (notificationId: string) => `notification-${notificationId}`;

export interface NotificationDeliveredData {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  messageId: string;
  deliveredAt: string;
}

export interface NotificationDeliveryFailedData {
  notificationId: string;
  userId: string;
  email: string;
  attempt: number;
  error: string;
  failedAt: string;
  /** When it is tried again; null: given up. */
  nextAttemptAt: string | null;
}

export interface NotificationDispatcherDeps {
  /** Runs as the application role: SELECT on notifications, users, org_units; SELECT/INSERT/UPDATE on deliveries. */
  db: Queryable;
  mailer: Mailer;
  clock?: () => Date;
  retry?: RetryPolicy;
  /**
   * Notifications due longer ago than this are not e-mailed any more (they stay in the inbox): a dispatcher
   * switched on for the first time, or back after days down, does not send a pile of stale reminders.
   * Default 48 h (the whole retry schedule fits well inside).
   */
  maxAgeMs?: number;
  /** An attempt still 'sending' after this long was interrupted (process killed mid-send). Default 10 min. */
  sendingLeaseMs?: number;
  /** (notification, user) pairs claimed per query. Default 100. */
  batchSize?: number;
  /**
   * Messages of a batch in flight at once (each claimed on its own, so a pair is never sent twice). Default 1;
   * the worker sends 8 at a time over a pooled SMTP connection, so a reminder round to thousands of units is
   * delivered in about a minute rather than one message after another.
   */
  concurrency?: number;
  /**
   * Every attempt's outcome is also appended here as an immutable event (`NotificationDelivered` /
   * `NotificationDeliveryFailed` in stream `notification-<id>`, event id derived from the attempt, so a repeated
   * append stores nothing twice). The deliveries table stays the dispatcher's working state (claims, retries).
   */
  events?: DeliveryEventLog;
  /** Called when recording an outcome event failed (the delivery itself is recorded in the table). */
  onEventError?: (error: unknown) => void;
  /** Called for each failed attempt (for logs); never throws into the dispatcher. */
  onFailure?: (failure: { notificationId: string; userId: string; email: string; attempt: number; error: string }) => void;
}

export interface DispatchReport {
  sent: number;
  failed: number;
  /** 'sending' attempts found abandoned and marked failed (to be retried on the backoff schedule). */
  interrupted: number;
  /** Pairs another dispatcher claimed first. */
  claimedElsewhere: number;
}

interface Candidate {
  notification_id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  user_id: string;
  email: string;
  display_name: string;
  unit_name: string | null;
  last_attempt: number | null;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * E-mails due notifications, one message per (notification, recipient user):
 * - recipient 'user' → that user; 'unit' → every user whose unit_ids contain the unit;
 * - only users with an e-mail address and e-mail not switched off in their preferences (the others read the
 *   notification in their inbox only);
 * - every attempt is a row of notification_deliveries. An attempt is claimed (row inserted as 'sending')
 *   before the message goes out and UNIQUE (notification_id, user_id, attempt) lets one dispatcher win the
 *   claim, so several dispatchers (worker replicas, a restart overlapping the old process) never send the
 *   same attempt twice, and a pair once 'sent' is never picked again;
 * - a failure is recorded with the server's error and retried on the backoff schedule (1 min, 5 min, 30 min,
 *   2 h by default; 5 attempts), then given up (next_attempt_at NULL) and listed by failedDeliveriesOfCycle.
 *
 * Delivery is at least once: if the process dies after the server accepted a message but before 'sent' was
 * recorded, the claim goes stale and the message is sent again — with the same Message-ID, which lets the
 * receiving side recognise the duplicate.
 */
export class NotificationDispatcher {
  private readonly clock: () => Date;
  private readonly retry: RetryPolicy;
  private readonly maxAgeMs: number;
  private readonly sendingLeaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;

  constructor(private readonly deps: NotificationDispatcherDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    this.maxAgeMs = deps.maxAgeMs ?? 48 * 3_600_000;
    this.sendingLeaseMs = deps.sendingLeaseMs ?? 10 * 60_000;
    this.batchSize = deps.batchSize ?? 100;
    this.concurrency = Math.max(1, Math.floor(deps.concurrency ?? 1));
  }

  /** Sends everything due now (first attempts and retries whose time has come). Call it every minute. */
  async dispatchDue(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, failed: 0, interrupted: await this.releaseAbandonedClaims(), claimedElsewhere: 0 };
    // Each pass either sends or re-schedules every candidate it got, so the next pass sees different ones.
    for (let pass = 0; pass < 1000; pass++) {
      const candidates = await this.candidates();
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(this.concurrency, candidates.length) }, async () => {
          while (next < candidates.length) await this.deliver(candidates[next++], report);
        }),
      );
      if (candidates.length < this.batchSize) break;
    }
    return report;
  }

  private async candidates(): Promise<Candidate[]> {
    const now = this.clock();
    return this.deps.db.query(
      `SELECT n.id AS notification_id, n.kind, n.subject, n.body, n.link, u.id AS user_id, btrim(u.email) AS email,
              u.display_name, ou.canonical_name AS unit_name, last.attempt AS last_attempt
         FROM notifications n
         JOIN users u ON (n.recipient_type = 'user' AND u.id::text = n.recipient_id)
                      OR (n.recipient_type = 'unit' AND n.recipient_id = ANY (u.unit_ids))
         LEFT JOIN user_preferences p ON p.user_id = u.id
         LEFT JOIN org_units ou ON n.recipient_type = 'unit' AND ou.id = n.recipient_id
         LEFT JOIN LATERAL (
           SELECT d.attempt, d.status, d.next_attempt_at FROM notification_deliveries d
            WHERE d.notification_id = n.id AND d.user_id = u.id ORDER BY d.attempt DESC LIMIT 1) last ON true
        WHERE (n.due_at <= $1 OR n.created_at <= $1) AND LEAST(n.due_at, n.created_at) > $2
          AND u.disabled_at IS NULL AND u.email IS NOT NULL AND btrim(u.email) <> '' AND COALESCE(p.email_enabled, true)
          AND (last.attempt IS NULL OR (last.status = 'failed' AND last.attempt < $3 AND last.next_attempt_at <= $1))
        ORDER BY n.due_at, n.id, u.id
        LIMIT $4`,
      [now, new Date(now.getTime() - this.maxAgeMs), this.retry.maxAttempts, this.batchSize],
    );
  }

  private async deliver(c: Candidate, report: DispatchReport): Promise<void> {
    const attempt = (c.last_attempt ?? 0) + 1;
    const claimed: { id: string }[] = await this.deps.db.query(
      `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, attempted_at)
       VALUES ($1, $2, $3, 'sending', $4, $5)
       ON CONFLICT (notification_id, user_id, attempt) DO NOTHING RETURNING id`,
      [c.notification_id, c.user_id, c.email, attempt, this.clock()],
    );
    if (claimed.length === 0) {
      report.claimedElsewhere++;
      return;
    }
    const deliveryId = claimed[0].id;
    try {
      const mail = renderNotificationEmail(
        { id: c.notification_id, kind: c.kind, subject: c.subject, body: c.body, link: c.link },
        { displayName: c.display_name, unitName: c.unit_name },
      );
      const sent = await this.deps.mailer.send({
        to: { name: c.display_name, address: c.email },
        subject: mail.subject,
        text: mail.text,
        messageId: `<${c.notification_id}.${c.user_id}@${domainOf(this.deps.mailer.fromAddress)}>`,
        headers: { 'X-Kybaocao-Notification': c.notification_id, 'X-Kybaocao-Kind': c.kind },
      });
      const deliveredAt = this.clock();
      await this.deps.db.query(`UPDATE notification_deliveries SET status = 'sent', message_id = $2, completed_at = $3 WHERE id = $1`, [
        deliveryId,
        sent.messageId,
        deliveredAt,
      ]);
      report.sent++;
      await this.record(
        c.notification_id,
        `${deliveryId}:sent`,
        'NotificationDelivered',
        {
          notificationId: c.notification_id,
          userId: c.user_id,
          email: c.email,
          attempt,
          messageId: sent.messageId,
          deliveredAt: deliveredAt.toISOString(),
        } satisfies NotificationDeliveredData,
        deliveredAt,
      );
    } catch (error) {
      const failedAt = this.clock();
      const message = describeError(error);
      const next = nextAttemptAt(this.retry, attempt, failedAt);
      await this.deps.db.query(
        `UPDATE notification_deliveries SET status = 'failed', error = $2, completed_at = $3, next_attempt_at = $4 WHERE id = $1`,
        [deliveryId, message, failedAt, next],
      );
      report.failed++;
      await this.record(
        c.notification_id,
        `${deliveryId}:failed`,
        'NotificationDeliveryFailed',
        {
          notificationId: c.notification_id,
          userId: c.user_id,
          email: c.email,
          attempt,
          error: message,
          failedAt: failedAt.toISOString(),
          nextAttemptAt: next ? next.toISOString() : null,
        } satisfies NotificationDeliveryFailedData,
        failedAt,
      );
      try {
        this.deps.onFailure?.({ notificationId: c.notification_id, userId: c.user_id, email: c.email, attempt, error: message });
      } catch {
        // a logger must not stop the dispatch
      }
    }
  }

  /** Appends an attempt's outcome to the event store (idempotent by a key derived from the attempt). */
  private async record(
    notificationId: string,
    key: string,
    type: 'NotificationDelivered' | 'NotificationDeliveryFailed',
    data: NotificationDeliveredData | NotificationDeliveryFailedData,
    at: Date,
  ): Promise<void> {
    if (!this.deps.events) return;
    try {
      await this.deps.events.appendToStream(
        notificationStream(notificationId),
        [{ type, data, eventId: uuidFromKey(`notification-delivery:${key}`) }],
        {
          expectedVersion: 'any',
          metadata: { actor: { userId: 'system:notifications', role: 'system' }, correlationId: notificationId, userId: data.userId },
          now: at,
        },
      );
    } catch (error) {
      try {
        this.deps.onEventError?.(error);
      } catch {
        // a logger must not stop the dispatch
      }
    }
  }

  /** Attempts left 'sending' by a process that died mid-send become failures, retried on the usual schedule. */
  private async releaseAbandonedClaims(): Promise<number> {
    const now = this.clock();
    const stale: { id: string; attempt: number; notification_id: string; user_id: string; email: string }[] = await this.deps.db.query(
      `SELECT id, attempt, notification_id, user_id, email FROM notification_deliveries WHERE status = 'sending' AND attempted_at < $1`,
      [new Date(now.getTime() - this.sendingLeaseMs)],
    );
    let released = 0;
    for (const row of stale) {
      const next = nextAttemptAt(this.retry, row.attempt, now);
      const rows: unknown[] = await this.deps.db.query(
        `WITH released AS (
           UPDATE notification_deliveries SET status = 'failed', completed_at = $2, next_attempt_at = $3, error = $4
            WHERE id = $1 AND status = 'sending' RETURNING id)
         SELECT id FROM released`,
        [row.id, now, next, INTERRUPTED],
      );
      released += rows.length;
      if (rows.length) {
        await this.record(
          row.notification_id,
          `${row.id}:failed`,
          'NotificationDeliveryFailed',
          {
            notificationId: row.notification_id,
            userId: row.user_id,
            email: row.email,
            attempt: row.attempt,
            error: INTERRUPTED,
            failedAt: now.toISOString(),
            nextAttemptAt: next ? next.toISOString() : null,
          } satisfies NotificationDeliveryFailedData,
          now,
        );
      }
    }
    return released;
  }
}

const INTERRUPTED = 'interrupted: the dispatcher stopped while sending; the outcome is unknown';

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}

function describeError(error: unknown): string {
  const e = error as { message?: unknown; responseCode?: unknown; code?: unknown };
  const text = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.code === 'string' ? ` [${e.code}]` : '';
  return `${text}${code}`.slice(0, MAX_ERROR_LENGTH);
}
