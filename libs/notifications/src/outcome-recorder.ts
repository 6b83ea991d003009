import { deliveryClaims, type AttemptOutcome } from './delivery-claims';
import { recordDeliveryEvents, type DeliveryEvent, type DeliveryEventLog } from './delivery-events';
import type { TransactionalQueryable } from './queryable';

export interface OutcomeRecorderOptions {
  db: TransactionalQueryable;
  events?: DeliveryEventLog;
  /** Outcomes written together as soon as this many wait. */
  flushAt: number;
  /** Fewer wait at most this long (ms) before they are written anyway. */
  lingerMs: number;
  /** At most this many in one transaction. */
  maxBatch: number;
  /** How long a batch the database could not take is tried again (ms) before it is left to the claims' leases. */
  patienceMs: number;
  onError: (error: unknown) => void;
}

interface Waiting {
  outcome: AttemptOutcome;
  event: DeliveryEvent;
  settle: (recorded: boolean) => void;
}

/**
 * Records the outcomes of delivery attempts in batches ("group commit"): each batch is ONE transaction that
 * resolves the attempts' rows (one UPDATE, guarded by status = 'sending') and appends one immutable event per
 * attempt it resolved (one multi-stream append), so there is never a resolved attempt without its event, nor an
 * event without its row, and the statements per e-mail fall with the batch instead of being a transaction each.
 * One batch is written at a time; outcomes that arrive meanwhile form the next one. A batch the database could not
 * take (restart, failover) is tried again with backoff for `patienceMs`: the outcome is known, so it is not left to
 * become "uncertain" and be sent twice. Until then its attempts stay claimed (the dispatcher renews their leases).
 */
export class OutcomeRecorder {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;
  private writingCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private draining = false;

  constructor(private readonly o: OutcomeRecorderOptions) {}

  /** Resolves true once recorded with its event; false if the attempt was resolved elsewhere or could not be recorded. */
  record(outcome: AttemptOutcome, event: DeliveryEvent): Promise<boolean> {
    return new Promise<boolean>((settle) => {
      this.waiting.push({ outcome, event, settle });
      this.kick();
    });
  }

  /** Outcomes not recorded yet (waiting or being written). */
  get pending(): number {
    return this.waiting.length + this.writingCount;
  }

  /** Resolves when the batch being written (if any) is done. */
  async written(): Promise<void> {
    await this.writing;
  }

  /** Writes everything waiting now, and resolves once all of it is recorded (or given up). */
  async drain(): Promise<void> {
    this.draining = true;
    try {
      this.kick();
      while (this.writing || this.waiting.length > 0) {
        await this.writing;
        this.kick();
      }
    } finally {
      this.draining = false;
    }
  }

  private kick(): void {
    if (this.writing || this.waiting.length === 0) return;
    if (!this.draining && this.waiting.length < this.o.flushAt) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.o.lingerMs);
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.o.maxBatch);
    this.writingCount = batch.length;
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      this.writingCount = 0;
      this.kick();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    const giveUpAt = Date.now() + this.o.patienceMs;
    for (let tries = 1; ; tries++) {
      try {
        const resolved = await this.o.db.transaction(async (tx) => {
          const ids = await deliveryClaims.resolveMany(
            tx,
            batch.map((w) => w.outcome),
          );
          if (this.o.events)
            await recordDeliveryEvents(
              this.o.events,
              tx,
              batch.filter((w) => ids.has(w.outcome.id)).map((w) => ({ deliveryId: w.outcome.id, event: w.event, at: w.outcome.at })),
            );
          return ids;
        });
        batch.forEach((w) => w.settle(resolved.has(w.outcome.id)));
        return;
      } catch (error) {
        this.report(error);
        if (Date.now() >= giveUpAt) {
          batch.forEach((w) => w.settle(false));
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** (tries - 1), 5000)));
      }
    }
  }

  private report(error: unknown): void {
    try {
      this.o.onError(error);
    } catch {
      // a logger must not stop the recording
    }
  }
}
