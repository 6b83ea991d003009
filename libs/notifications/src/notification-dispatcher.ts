import { deliveryClaims, pairKey, type AttemptOutcome, type ExpiredClaim } from './delivery-claims';
import type { DeliveryEvent, DeliveryEventLog } from './delivery-events';
import type { Mailer } from './smtp-mailer';
import { renderNotificationEmail } from './notification-email';
import { OutcomeRecorder } from './outcome-recorder';
import type { TransactionalQueryable } from './queryable';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './retry-policy';

export * from './delivery-events';

export interface NotificationDispatcherDeps {
  /**
   * Runs as the application role: SELECT on notifications, users, org_units; SELECT/INSERT/UPDATE on deliveries;
   * INSERT on events. A TypeORM DataSource fits (`transaction` gives the manager the event log appends with).
   */
  db: TransactionalQueryable;
  mailer: Mailer;
  clock?: () => Date;
  retry?: RetryPolicy;
  /**
   * Notifications due longer ago than this are not e-mailed any more (they stay in the inbox): a dispatcher
   * switched on for the first time, or back after days down, does not send a pile of stale reminders.
   * Default 48 h (the whole retry schedule fits well inside).
   */
  maxAgeMs?: number;
  /**
   * How long a claim holds without its dispatcher renewing it (every third of it, while the send is in flight).
   * A claim past its lease belongs to a dispatcher that died; it is resolved as uncertain and sent again. Default 60 s.
   */
  leaseMs?: number;
  /** Due notifications read at a time (their recipients with them). Default 100. */
  batchSize?: number;
  /**
   * Messages in flight at once. Default 16. Free slots are claimed together (one statement for the lot) once at
   * least half of them are free, or when nothing finished for `pollMs`.
   */
  concurrency?: number;
  /**
   * Outcomes recorded together (one transaction: their rows and their events): as soon as this many wait, or when
   * the first of them waited `recordLingerMs`. Default: half of `concurrency`; 100 ms.
   */
  recordBatch?: number;
  recordLingerMs?: number;
  /**
   * How long an outcome that could not be recorded (database away) is tried again before the attempt is left to
   * its lease (then resolved as uncertain and sent again). Default 10 min.
   */
  recordPatienceMs?: number;
  /** While sends are in flight and slots are free, how often newly due notifications are looked for. Default 1 s. */
  pollMs?: number;
  /**
   * Every decision about an attempt is appended here as an immutable event (`NotificationDelivered`,
   * `NotificationDeliveryFailed`, `NotificationDeliveryUncertain` in stream `notification-<id>`) in the same
   * transaction as the deliveries row it resolves: an attempt resolved in the table always has its event.
   */
  events?: DeliveryEventLog;
  /** Called when an outcome could not be recorded (the attempt then stays claimed until its lease runs out). */
  onEventError?: (error: unknown) => void;
  /** Called for each failed attempt (for logs); never throws into the dispatcher. */
  onFailure?: (failure: { notificationId: string; userId: string; email: string; attempt: number; error: string }) => void;
}

export interface DispatchReport {
  sent: number;
  failed: number;
  /** Claims of a dispatcher that died mid-send, found with their lease run out and resolved as uncertain. */
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

/** Where the next read of due notifications starts (keyset). */
interface Cursor {
  /** timestamptz as PostgreSQL writes it (microseconds). */
  dueAt: string;
  id: string;
}

type Outcome = { kind: 'sent'; messageId: string; at: Date } | { kind: 'failed'; error: string; at: Date };

const MAX_ERROR_LENGTH = 2000;

/**
 * E-mails due notifications, one message per (notification, recipient user):
 * - recipient 'user' → that user; 'unit' → every user whose unit_ids contain the unit;
 * - only users with an e-mail address and e-mail not switched off in their preferences (the others read the
 *   notification in their inbox only);
 * - a failure is recorded with the server's error and retried on the backoff schedule (1 min, 5 min, 30 min,
 *   2 h by default; 5 attempts), then given up (next_attempt_at NULL) and listed by failedDeliveriesOfCycle.
 *
 * Correct under a crash at any point, with any number of sends in flight:
 * 1. claim: the attempt's row is inserted 'sending' with a lease and the Message-ID, and committed, before the
 *    message goes out. UNIQUE (notification_id, user_id, attempt) lets one dispatcher win it, so several
 *    dispatchers (worker replicas, a restart overlapping the old process) never send the same attempt twice;
 * 2. send, renewing the lease while the SMTP transaction is in flight;
 * 3. outcome: the row is resolved ('sent' / 'failed', only if still 'sending') and the outcome event appended in
 *    ONE transaction, so there is never a resolved attempt without its event, nor an event without its row.
 * A crash before 1 leaves nothing; a crash after 3 leaves everything recorded. A crash between 1 and 3 leaves a
 * claim whose lease runs out: the next dispatcher resolves it explicitly, recording `NotificationDeliveryUncertain`
 * in the same transaction as the row, and sends it again at once as the next attempt, with the SAME Message-ID.
 *
 * Why re-send rather than only record "delivery uncertain": these are deadline reminders and requests to act.
 * For a district office a reminder silently lost is worse than one received twice — a unit misses its deadline,
 * or a return is never seen; a duplicate costs a glance, and carries the same Message-ID, so mail clients and
 * MTAs that deduplicate by Message-ID (Gmail, Thunderbird, Exchange, the test server here) show it once. A
 * duplicate happens only when the first attempt's fate is truly unknown: its claim was committed and no outcome
 * was (the process died mid-send). Every such re-send is on record: the uncertain attempt's event names the
 * Message-ID, the claim and the lease, and the next attempt's outcome follows. An attempt counts against the
 * retry limit either way, so a message that crashes the dispatcher every time is given up, not sent forever.
 */
export class NotificationDispatcher {
  private readonly clock: () => Date;
  private readonly retry: RetryPolicy;
  private readonly maxAgeMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  /** Free slots claimed together at the least (unless nothing finished for `pollMs`). */
  private readonly claimGroup: number;
  private readonly recordBatch: number;
  private readonly recordLingerMs: number;
  private readonly pollMs: number;
  private readonly recordPatienceMs: number;
  /** Attempts claimed by this dispatcher whose outcome is not recorded yet: their leases are renewed. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: NotificationDispatcherDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    this.maxAgeMs = deps.maxAgeMs ?? 48 * 3_600_000;
    this.leaseMs = Math.max(100, deps.leaseMs ?? 60_000);
    this.batchSize = deps.batchSize ?? 100;
    this.concurrency = Math.max(1, Math.floor(deps.concurrency ?? 16));
    this.claimGroup = Math.max(1, Math.ceil(this.concurrency / 2));
    this.recordBatch = Math.max(1, Math.floor(deps.recordBatch ?? this.claimGroup));
    this.recordLingerMs = Math.max(0, deps.recordLingerMs ?? 100);
    this.pollMs = Math.max(50, deps.pollMs ?? 1000);
    this.recordPatienceMs = Math.max(0, deps.recordPatienceMs ?? 10 * 60_000);
  }

  /** Sends everything due now (first attempts, retries whose time has come, re-sends of uncertain attempts). Call it every minute. */
  async dispatchDue(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 };
    const recorder = this.recorder();
    report.interrupted = await this.resolveExpiredClaims(recorder);
    const renewal = setInterval(() => this.renewLeases(), Math.max(50, Math.floor(this.leaseMs / 3)));
    // A pool of `concurrency` sends. Free slots are filled together, one claim statement for the lot, once half of
    // them are free (or nothing finished for `pollMs`); a slot is free again as soon as its send ends, its outcome
    // going to the recorder, which writes outcomes in batches. A slow send (a server that takes 30 s to answer) holds
    // its slot only: while it is in flight, newly due notifications are looked for every `pollMs` and go out beside it.
    const sends = new Set<Promise<void>>();
    const queued = new Set<string>(); // pairs read but not yet resolved here: a re-read does not take them twice
    let queue: Candidate[] = [];
    let exhausted = false;
    let cursor: Cursor | null = null;
    let readError: unknown;
    let anySlot = true; // fill any free slot, not only half of them: at the start, after a quiet poll, when idle
    const take = async (wanted: number): Promise<Candidate[]> => {
      for (let reads = 0; queue.length < wanted && !exhausted && readError === undefined && reads < 10_000; reads++) {
        try {
          const read = await this.candidates(cursor);
          const fresh = read.pairs.filter((c) => !queued.has(pairOf(c)));
          fresh.forEach((c) => queued.add(pairOf(c)));
          queue.push(...fresh);
          // The next batch once this one is used up; after the last, the start again only when polling.
          cursor = read.next;
          exhausted = cursor === null;
        } catch (error) {
          readError = error; // no more reads; the sends in flight finish (and keep their leases) first
        }
      }
      return queue.splice(0, wanted);
    };
    try {
      for (;;) {
        const free = this.concurrency - sends.size;
        if (free > 0 && (anySlot || free >= this.claimGroup)) {
          anySlot = false;
          // Outcomes pile up faster than the database takes them: let it catch up before claiming more.
          if (recorder.pending >= 4 * this.concurrency) await recorder.written();
          const picked = await take(free);
          for (const send of await this.claimAndSend(picked, recorder, report, (c) => queued.delete(pairOf(c)))) {
            sends.add(send);
            void send.finally(() => sends.delete(send));
          }
        }
        if (sends.size === 0) {
          if (queue.length === 0 && (exhausted || readError !== undefined)) break;
          anySlot = true;
          continue;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const polled = await Promise.race([
          Promise.race(sends).then(() => false),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(true), this.pollMs))),
        ]);
        clearTimeout(timer);
        if (polled) {
          anySlot = true;
          if (queue.length === 0 && exhausted) exhausted = false; // from the start: newly due, retries due
        }
      }
    } finally {
      await recorder.drain();
      clearInterval(renewal);
    }
    if (readError !== undefined) throw readError;
    return report;
  }

  /**
   * Claims the attempts of `picked` in one statement (committed before any goes out) and starts sending those this
   * dispatcher won; each send's promise settles when the message went out or failed (its outcome is then the
   * recorder's). `done` is called for each pair once nothing more happens to it here.
   */
  private async claimAndSend(
    picked: Candidate[],
    recorder: OutcomeRecorder,
    report: DispatchReport,
    done: (c: Candidate) => void,
  ): Promise<Promise<void>[]> {
    if (picked.length === 0) return [];
    const claimedAt = this.clock();
    const attempts = picked.map((c) => ({
      c,
      notificationId: c.notification_id,
      userId: c.user_id,
      email: c.email,
      attempt: (c.last_attempt ?? 0) + 1,
      messageId: this.messageIdOf(c.notification_id, c.user_id),
    }));
    let claimed: Map<string, string>;
    try {
      claimed = await deliveryClaims.claimMany(this.deps.db, attempts, claimedAt, new Date(claimedAt.getTime() + this.leaseMs));
    } catch (error) {
      this.reportEventError(error); // the claims could not be written: nothing was sent
      picked.forEach(done);
      return [];
    }
    const sends: Promise<void>[] = [];
    for (const a of attempts) {
      const deliveryId = claimed.get(pairKey(a.notificationId, a.userId));
      if (deliveryId === undefined) {
        report.claimedElsewhere++;
        done(a.c);
        continue;
      }
      this.inFlight.add(deliveryId);
      // The slot is free once the outcome is handed to the recorder (synchronously, in recordSendOutcome's first step).
      const slot = this.send(a.c, a.messageId).then((outcome) => {
        void this.recordSendOutcome(recorder, report, a.c, a.attempt, deliveryId, outcome).finally(() => {
          // Recorded, or left to the lease (which now runs out, since nobody renews it).
          this.inFlight.delete(deliveryId);
          done(a.c);
        });
      });
      sends.push(slot);
    }
    return sends;
  }

  private async recordSendOutcome(
    recorder: OutcomeRecorder,
    report: DispatchReport,
    c: Candidate,
    attempt: number,
    deliveryId: string,
    outcome: Outcome,
  ): Promise<void> {
    const base = { notificationId: c.notification_id, userId: c.user_id, email: c.email, attempt };
    if (outcome.kind === 'sent') {
      const event: DeliveryEvent = {
        type: 'NotificationDelivered',
        data: { ...base, messageId: outcome.messageId, deliveredAt: outcome.at.toISOString() },
      };
      if (await recorder.record({ id: deliveryId, status: 'sent', messageId: outcome.messageId, at: outcome.at }, event)) report.sent++;
      return;
    }
    const next = nextAttemptAt(this.retry, attempt, outcome.at);
    const event: DeliveryEvent = {
      type: 'NotificationDeliveryFailed',
      data: { ...base, error: outcome.error, failedAt: outcome.at.toISOString(), nextAttemptAt: next ? next.toISOString() : null },
    };
    try {
      this.deps.onFailure?.({ ...base, error: outcome.error });
    } catch {
      // a logger must not stop the dispatch
    }
    if (await recorder.record({ id: deliveryId, status: 'failed', error: outcome.error, at: outcome.at, nextAttemptAt: next }, event))
      report.failed++;
  }

  private recorder(): OutcomeRecorder {
    return new OutcomeRecorder({
      db: this.deps.db,
      events: this.deps.events,
      flushAt: this.recordBatch,
      lingerMs: this.recordLingerMs,
      maxBatch: 500,
      patienceMs: this.recordPatienceMs,
      onError: (error) => this.reportEventError(error),
    });
  }

  /**
   * The next batch of due notifications not dispatched yet after `after` (keyset over (due_at, id), on the partial
   * index of those not dispatched), and the pairs of theirs to send now. Each notification's recipients come through
   * an index (a user by primary key, a unit's reporters by the GIN index on unit_ids), so a read costs the batch, not
   * the number of accounts. A notification of the batch none of whose recipients is still open (never tried,
   * claimed, or failed with a retry to come) is marked dispatched and not read again: a pass reads the notifications
   * still to do, not everything of the last 48 h.
   */
  private async candidates(after: Cursor | null): Promise<{ pairs: Candidate[]; next: Cursor | null }> {
    const now = this.clock();
    const since = new Date(now.getTime() - this.maxAgeMs);
    // due_at as text: a JavaScript Date keeps milliseconds only, and a cursor rounded down would read the same rows again.
    const due: { id: string; due_at: string }[] = await this.deps.db.query(
      `SELECT n.id, n.due_at::text AS due_at FROM notifications n
        WHERE n.dispatched_at IS NULL AND n.due_at > $2 AND (n.due_at <= $1 OR n.created_at <= $1) AND LEAST(n.due_at, n.created_at) > $2
          AND ($3::timestamptz IS NULL OR (n.due_at, n.id) > ($3, $4::uuid))
        ORDER BY n.due_at, n.id
        LIMIT $5`,
      [now, since, after?.dueAt ?? null, after?.id ?? null, this.batchSize],
    );
    if (due.length === 0) return { pairs: [], next: null };
    const last = due[due.length - 1];
    const rows: (Candidate & { last_status: string | null; last_next_attempt_at: Date | null })[] = await this.deps.db.query(
      `SELECT n.id AS notification_id, n.kind, n.subject, n.body, n.link, u.id AS user_id, btrim(u.email) AS email,
              u.display_name, ou.canonical_name AS unit_name, last.attempt AS last_attempt, last.status AS last_status,
              last.next_attempt_at AS last_next_attempt_at
         FROM notifications n
         JOIN LATERAL (
           SELECT * FROM users x WHERE n.recipient_type = 'user' AND x.id = CASE WHEN n.recipient_type = 'user' THEN n.recipient_id::uuid END
           UNION ALL
           SELECT * FROM users x WHERE n.recipient_type = 'unit' AND x.unit_ids @> ARRAY[n.recipient_id]) u ON true
         LEFT JOIN user_preferences pr ON pr.user_id = u.id
         LEFT JOIN org_units ou ON n.recipient_type = 'unit' AND ou.id = n.recipient_id
         LEFT JOIN LATERAL (
           SELECT d.attempt, d.status, d.next_attempt_at FROM notification_deliveries d
            WHERE d.notification_id = n.id AND d.user_id = u.id ORDER BY d.attempt DESC LIMIT 1) last ON true
        WHERE n.id = ANY ($1::uuid[])
          AND u.disabled_at IS NULL AND u.email IS NOT NULL AND btrim(u.email) <> '' AND COALESCE(pr.email_enabled, true)
        ORDER BY n.due_at, n.id, u.id`,
      [due.map((d) => d.id)],
    );
    const max = this.retry.maxAttempts;
    const retryComes = (r: (typeof rows)[number]) => r.last_status === 'failed' && r.last_next_attempt_at !== null && r.last_attempt! < max;
    const pairs = rows.filter((r) => r.last_attempt === null || (retryComes(r) && new Date(r.last_next_attempt_at!) <= now));
    const open = new Set(
      rows.filter((r) => r.last_attempt === null || r.last_status === 'sending' || retryComes(r)).map((r) => r.notification_id),
    );
    const dispatched = due.map((d) => d.id).filter((id) => !open.has(id));
    if (dispatched.length > 0)
      await this.deps.db.query(`UPDATE notifications SET dispatched_at = $2 WHERE id = ANY ($1::uuid[]) AND dispatched_at IS NULL`, [
        dispatched,
        now,
      ]);
    return { pairs, next: due.length < this.batchSize ? null : { dueAt: last.due_at, id: last.id } };
  }

  private async send(c: Candidate, messageId: string): Promise<Outcome> {
    try {
      const mail = renderNotificationEmail(
        { id: c.notification_id, kind: c.kind, subject: c.subject, body: c.body, link: c.link },
        { displayName: c.display_name, unitName: c.unit_name },
      );
      const sent = await this.deps.mailer.send({
        to: { name: c.display_name, address: c.email },
        subject: mail.subject,
        text: mail.text,
        messageId,
        headers: { 'X-Kybaocao-Notification': c.notification_id, 'X-Kybaocao-Kind': c.kind },
      });
      return { kind: 'sent', messageId: sent.messageId, at: this.clock() };
    } catch (error) {
      return { kind: 'failed', error: describeError(error), at: this.clock() };
    }
  }

  private renewLeases(): void {
    const ids = [...this.inFlight];
    if (ids.length === 0) return;
    deliveryClaims
      .renewLeases(this.deps.db, ids, new Date(this.clock().getTime() + this.leaseMs))
      .catch((error) => this.reportEventError(error));
  }

  /**
   * Claims whose dispatcher died mid-send (lease run out, no outcome): each becomes a failed attempt with the
   * error UNCERTAIN and a `NotificationDeliveryUncertain` event, in one transaction, and is due again at once
   * (same Message-ID) unless its attempts are used up.
   */
  private async resolveExpiredClaims(recorder: OutcomeRecorder): Promise<number> {
    const now = this.clock();
    const next = (claim: ExpiredClaim) => (claim.attempt < this.retry.maxAttempts ? now : null);
    const recorded = (await deliveryClaims.expired(this.deps.db, now, [...this.inFlight])).map((claim) =>
      recorder.record(
        { id: claim.id, status: 'failed', error: UNCERTAIN, at: now, nextAttemptAt: next(claim) } satisfies AttemptOutcome,
        this.uncertainEvent(claim, now, next(claim)),
      ),
    );
    await recorder.drain();
    return (await Promise.all(recorded)).filter(Boolean).length;
  }

  private uncertainEvent(claim: ExpiredClaim, now: Date, next: Date | null): DeliveryEvent {
    return {
      type: 'NotificationDeliveryUncertain',
      data: {
        notificationId: claim.notificationId,
        userId: claim.userId,
        email: claim.email,
        attempt: claim.attempt,
        messageId: claim.messageId ?? this.messageIdOf(claim.notificationId, claim.userId),
        claimedAt: new Date(claim.claimedAt).toISOString(),
        leaseExpiredAt: new Date(claim.leaseUntil).toISOString(),
        resolvedAt: now.toISOString(),
        resolution: next ? 'resend' : 'given-up',
        nextAttemptAt: next ? next.toISOString() : null,
      },
    };
  }

  /** The same on every attempt of a pair, so the receiving side can recognise a re-send. */
  private messageIdOf(notificationId: string, userId: string): string {
    return `<${notificationId}.${userId}@${domainOf(this.deps.mailer.fromAddress)}>`;
  }

  private reportEventError(error: unknown): void {
    try {
      this.deps.onEventError?.(error);
    } catch {
      // a logger must not stop the dispatch
    }
  }
}

/** The error of an attempt resolved as uncertain (shown with the failed deliveries if the attempts run out). */
export const UNCERTAIN = 'interrupted: the dispatcher stopped while sending; the outcome is unknown';

const pairOf = (c: Pick<Candidate, 'notification_id' | 'user_id'>) => pairKey(c.notification_id, c.user_id);

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}

function describeError(error: unknown): string {
  const e = error as { message?: unknown; responseCode?: unknown; code?: unknown };
  const text = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.code === 'string' ? ` [${e.code}]` : '';
  return `${text}${code}`.slice(0, MAX_ERROR_LENGTH);
}
