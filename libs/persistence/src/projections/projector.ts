import { DataSource, EntityManager } from 'typeorm';
import { EventStore, GlobalCheckpoint, READ_MODEL_TRANSACTION_LOCK, RecordedEvent, START_OF_LOG } from '../event-store/event-store';

/**
 * A read model kept in PostgreSQL tables. `apply` folds a batch of events into its tables; the projector
 * commits the batch and the checkpoint in one transaction, so a crash never applies an event twice. `apply`
 * never appends events: its transaction is marked as a read model's (READ_MODEL_TRANSACTION_LOCK), which the
 * gap-safe readers do not wait for.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reacts to; others only advance its checkpoint. */
  readonly handles: readonly string[];
  apply(m: EntityManager, events: RecordedEvent[]): Promise<void>;
  /** Empties its tables (for a rebuild from the start of the log). */
  reset(m: EntityManager): Promise<void>;
}

/**
 * A read that needs the read models current could not get them within its deadline (heavy ingest, a stuck
 * projection): the caller answers 503 with Retry-After instead of hanging. Carries the shape the API's
 * exception filter maps (code, httpStatus, messageVi).
 */
export class ReadModelBehindError extends Error {
  readonly code = 'READ_MODEL_BEHIND';
  readonly httpStatus = 503;
  readonly messageVi = 'Dữ liệu tổng hợp đang được cập nhật; vui lòng thử lại sau giây lát.';
  readonly retryAfterSeconds = 2;
  constructor(
    readonly projections: string[],
    readonly position: string,
    timeoutMs: number,
  ) {
    super(`read models ${projections.join(', ')} did not reach position ${position} within ${timeoutMs} ms`);
  }
}

/**
 * Default wait of a read for its read models (READ_MODEL_DEADLINE_MS, default 15 s); past it the read answers 503
 * (ReadModelBehindError). A long transaction anywhere on the cluster holds every gap-safe reader back while it runs.
 */
export const FRESHNESS_DEADLINE_MS = Number(process.env.READ_MODEL_DEADLINE_MS) > 0 ? Number(process.env.READ_MODEL_DEADLINE_MS) : 15_000;

/**
 * One projection's runner: passes over the log are serialised per projection, and callers arriving during a
 * pass share the pass that starts after it (never the one under way, which may have read the log before
 * their write). Each projection runs on its own, so a slow one never holds the others back.
 */
class ProjectionRunner {
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;

  constructor(
    readonly projection: Projection,
    private readonly pass: (p: Projection) => Promise<void>,
  ) {}

  catchUp(): Promise<void> {
    if (!this.next) {
      this.next = this.running
        .catch(() => undefined)
        .then(() => {
          this.next = null;
          this.running = this.pass(this.projection);
          return this.running;
        });
    }
    return this.next;
  }
}

/** PostgreSQL's largest bigint: a position past it (a forged token) is the log's end anyway. */
const INT8_MAX = 9223372036854775807n;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Whether any projection named in `names` (a text[] parameter) still has an event at or below `max` to apply: walks
 * the (transaction_id, global_position) index forward from each checkpoint and stops at the first event found.
 */
const BEHIND = (max: string, names: string) => `EXISTS (
  SELECT 1 FROM unnest(${names}::text[]) AS p(name)
  LEFT JOIN projection_checkpoints c ON c.projection = p.name
  WHERE EXISTS (
    SELECT 1 FROM events e
     WHERE (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
       AND e.global_position <= ${max}))`;

/** Runs projections over the global log in gap-safe order (see EventStore.readAll), each independently. */
export class Projector {
  private readonly runners: ProjectionRunner[];
  /**
   * Per read model, a position up to which this process has seen it apply every event (a probe found nothing
   * unapplied at or below it). A fact of the database that stays true (only a rebuild undoes it, and forgets it here):
   * a reader whose token is at or below it needs no probe — a coordinator polling the board with the token of their
   * last approval reads it with no freshness statement after the first.
   */
  private readonly appliedUpTo = new Map<string, bigint>();

  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly projections: Projection[],
    private readonly batchSize = 500,
  ) {
    this.runners = projections.map((p) => new ProjectionRunner(p, (x) => this.runOne(x)));
  }

  /** One pass of every projection (concurrently: each has its own checkpoint, batch and transaction). */
  async catchUp(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.catchUp()));
  }

  /**
   * Keeps every projection current in the background, each on its own loop: a projection starts its next pass
   * `intervalMs` after its own last one ended, never waiting for a slower one's pass (a pass of a read model
   * under steady ingest may last long). Returns the function that stops the loops.
   */
  follow(intervalMs: number, onError: (projection: string, error: unknown) => void): () => void {
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    for (const runner of this.runners) {
      const tick = () => {
        runner
          .catchUp()
          .catch((error) => onError(runner.projection.name, error))
          .finally(() => {
            if (stopped) return;
            const timer = setTimeout(() => {
              timers.delete(timer);
              tick();
            }, intervalMs);
            timers.add(timer);
          });
      };
      tick();
    }
    return () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    };
  }

  /**
   * Read-your-writes for queries: returns once every event committed before the call is applied to the
   * projections named (default: all) — or, with `upTo` (a client's consistency token: the highest position it
   * wrote), every event up to that position (clamped to the log's end, so a forged token cannot make it wait
   * for events that do not exist). A gap-safe pass may stop short while another transaction is open, and
   * under a steady stream of appends a pass may never end, so the caller does not wait for passes to finish:
   * it checks, with an indexed probe per projection, whether anything at or below the target is still
   * unapplied. Past `timeoutMs` it throws ReadModelBehindError, never hangs.
   */
  async catchUpToNow(timeoutMs = FRESHNESS_DEADLINE_MS, names?: readonly string[], upTo?: bigint): Promise<void> {
    const targets = names ? this.runners.filter((r) => names.includes(r.projection.name)) : this.runners;
    if (names && targets.length !== names.length) throw new Error(`unknown projection in ${names.join(', ')}`);
    if (upTo !== undefined && targets.every((r) => (this.appliedUpTo.get(r.projection.name) ?? -1n) >= upTo)) return;
    // The target (the log's end, or the token clamped to it) and whether any projection is behind it, in one round trip.
    const [{ max, behind }] = await this.db.query(
      `WITH m AS (SELECT least(coalesce(max(global_position), 0), coalesce($2::bigint, ${INT8_MAX})) AS max FROM events)
       SELECT m.max::text AS max, ${BEHIND('m.max', '$1')} AS behind FROM m`,
      [targets.map((r) => r.projection.name), upTo === undefined ? null : (upTo > INT8_MAX ? INT8_MAX : upTo).toString()],
    );
    const deadline = Date.now() + timeoutMs;
    // Already current (the background loops keep them so): one probe, no pass to wait for.
    if (!behind) return this.applied(targets, max);
    for (let poll = 5; ; poll = Math.min(poll * 2, 100)) {
      const pass = Promise.all(targets.map((r) => r.catchUp()));
      pass.catch(() => undefined); // a rejection after the poll won the race is seen by the next pass
      // A failed pass fails the read (a database error is not "behind"); a pass still running is waited for
      // at most `poll` ms before looking again.
      await Promise.race([pass, sleep(Math.max(0, Math.min(poll, deadline - Date.now())))]);
      if (!(await this.behind(max, targets))) return this.applied(targets, max);
      if (Date.now() >= deadline)
        throw new ReadModelBehindError(
          targets.map((r) => r.projection.name),
          max,
          timeoutMs,
        );
    }
  }

  /**
   * Where each read model stands against the log's end, in one statement: its checkpoint and whether it still has
   * an event at or below the end to apply (the ops route GET /health/read-models; specs wait on it for the read
   * models to take in other users' writes, which the board no longer waits for).
   */
  async status(): Promise<{ logEnd: string; projections: { name: string; position: string; behind: boolean }[] }> {
    const rows: { name: string; position: string; behind: boolean; log_end: string }[] = await this.db.query(
      `WITH m AS (SELECT coalesce(max(global_position), 0) AS max FROM events)
       SELECT p.name, coalesce(c.global_position, 0)::text AS position, m.max::text AS log_end,
              EXISTS (SELECT 1 FROM events e
                       WHERE (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
                         AND e.global_position <= m.max) AS behind
         FROM unnest($1::text[]) WITH ORDINALITY AS p(name, n) CROSS JOIN m
         LEFT JOIN projection_checkpoints c ON c.projection = p.name
        ORDER BY p.n`,
      [this.projections.map((p) => p.name)],
    );
    return { logEnd: rows[0]?.log_end ?? '0', projections: rows.map(({ name, position, behind }) => ({ name, position, behind })) };
  }

  /** Drops a projection's state and replays the whole log into it. */
  async rebuild(name: string): Promise<void> {
    const p = this.byName(name);
    this.appliedUpTo.delete(name);
    await this.db.transaction(async (m) => {
      await p.reset(m);
      await m.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [p.name]);
    });
    this.appliedUpTo.delete(name); // also what a probe that ran during the reset noted
    await this.catchUpToNow(60000, [name]);
  }

  /**
   * Whether any of the runners still has an event at or below `max` to apply. The probe walks the
   * (transaction_id, global_position) index forward from each checkpoint and stops at the first event found:
   * its cost is the number of events after the checkpoint, not the size of the log.
   */
  private async behind(max: string, runners: ProjectionRunner[]): Promise<boolean> {
    const [{ behind }] = await this.db.query(`SELECT ${BEHIND('$1::bigint', '$2')} AS behind`, [
      max,
      runners.map((r) => r.projection.name),
    ]);
    return behind;
  }

  /** Notes that every event up to `position` is applied to the runners' read models (see appliedUpTo). */
  private applied(runners: ProjectionRunner[], position: string): void {
    const p = BigInt(position);
    for (const r of runners) if ((this.appliedUpTo.get(r.projection.name) ?? -1n) < p) this.appliedUpTo.set(r.projection.name, p);
  }

  private byName(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`no projection named ${name}`);
    return p;
  }

  private async runOne(p: Projection): Promise<void> {
    let more = true;
    while (more) {
      more = await this.db.transaction(async (m) => {
        // One projector at a time per projection, across processes: the batch and its checkpoint commit together.
        // The shared read-model lock marks the transaction as one that never appends events: other readers'
        // gap-safe horizon does not wait for it (EventStore.readAll).
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('projection:' || $1)), pg_advisory_xact_lock_shared($2::int, $3::int)`, [
          p.name,
          ...READ_MODEL_TRANSACTION_LOCK,
        ]);
        // Only the events it handles carry their data: a batch passing a 100 MB report draft the projection
        // ignores reads its position, not its document.
        const batch = await this.store.readAll(await this.checkpoint(p.name, m), this.batchSize, m, p.handles);
        if (batch.length === 0) return false;
        const relevant = batch.filter((e) => p.handles.includes(e.type));
        if (relevant.length) await p.apply(m, relevant);
        const last = batch[batch.length - 1];
        await m.query(
          `INSERT INTO projection_checkpoints (projection, transaction_id, global_position, updated_at)
           VALUES ($1, $2::xid8, $3, now())
           ON CONFLICT (projection) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position, updated_at = now()`,
          [p.name, last.transactionId, last.globalPosition],
        );
        return batch.length === this.batchSize;
      });
    }
  }

  private async checkpoint(name: string, m: EntityManager): Promise<GlobalCheckpoint> {
    const [row] = await m.query(
      `SELECT transaction_id::text AS tx, global_position::text AS pos FROM projection_checkpoints WHERE projection = $1`,
      [name],
    );
    return row ? { transactionId: row.tx, globalPosition: row.pos } : START_OF_LOG;
  }
}
