import { DataSource, EntityManager } from 'typeorm';
import { EventStore, GlobalCheckpoint, RecordedEvent, START_OF_LOG } from '../event-store/event-store';

/**
 * A read model kept in PostgreSQL tables. `apply` folds a batch of events into its tables; the projector
 * commits the batch and the checkpoint in one transaction, so a crash never applies an event twice.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reacts to; others only advance its checkpoint. */
  readonly handles: readonly string[];
  apply(m: EntityManager, events: RecordedEvent[]): Promise<void>;
  /** Empties its tables (for a rebuild from the start of the log). */
  reset(m: EntityManager): Promise<void>;
}

/** Runs projections over the global log in gap-safe order (see EventStore.readAll). */
export class Projector {
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;

  constructor(private readonly db: DataSource, private readonly store: EventStore, private readonly projections: Projection[]) {}

  /**
   * One pass over what is readable now. Runs are serialised; callers arriving during a run share the run
   * that starts after it (never the one already under way, which may have read the log before their write).
   */
  catchUp(): Promise<void> {
    if (!this.next) {
      this.next = this.running.catch(() => undefined).then(() => {
        this.next = null;
        this.running = this.runAll();
        return this.running;
      });
    }
    return this.next;
  }

  /**
   * Read-your-writes for queries: returns once every event committed before the call is applied to every
   * projection. A gap-safe pass may stop short while another transaction (even another process's projector)
   * is open, so it passes again until nothing committed before the call is left behind.
   */
  async catchUpToNow(timeoutMs = 5000): Promise<void> {
    const [{ max }] = await this.db.query(`SELECT coalesce(max(global_position), 0)::text AS max FROM events`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.catchUp();
      const [{ behind }] = await this.db.query(
        `SELECT EXISTS (
           SELECT 1 FROM unnest($2::text[]) AS p(name)
           LEFT JOIN projection_checkpoints c ON c.projection = p.name
           JOIN events e ON e.global_position <= $1::bigint
             AND (c.projection IS NULL OR (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))
         ) AS behind`, [max, this.projections.map((p) => p.name)]);
      if (!behind) return;
      if (Date.now() > deadline) throw new Error(`projections did not reach position ${max} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Drops a projection's state and replays the whole log into it. */
  async rebuild(name: string): Promise<void> {
    const p = this.byName(name);
    await this.db.transaction(async (m) => {
      await p.reset(m);
      await m.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [p.name]);
    });
    await this.catchUpToNow(60000);
  }

  private byName(name: string): Projection {
    const p = this.projections.find((x) => x.name === name);
    if (!p) throw new Error(`no projection named ${name}`);
    return p;
  }

  private async runAll(): Promise<void> {
    for (const p of this.projections) await this.runOne(p);
  }

  private async runOne(p: Projection, batchSize = 500): Promise<void> {
    let more = true;
    while (more) {
      more = await this.db.transaction(async (m) => {
        // One projector at a time per projection, across processes: the batch and its checkpoint commit together.
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('projection:' || $1))`, [p.name]);
        const batch = await this.store.readAll(await this.checkpoint(p.name, m), batchSize, m);
        if (batch.length === 0) return false;
        const relevant = batch.filter((e) => p.handles.includes(e.type));
        if (relevant.length) await p.apply(m, relevant);
        const last = batch[batch.length - 1];
        await m.query(
          `INSERT INTO projection_checkpoints (projection, transaction_id, global_position, updated_at)
           VALUES ($1, $2::xid8, $3, now())
           ON CONFLICT (projection) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position, updated_at = now()`,
          [p.name, last.transactionId, last.globalPosition]);
        return batch.length === batchSize;
      });
    }
  }

  private async checkpoint(name: string, m: EntityManager): Promise<GlobalCheckpoint> {
    const [row] = await m.query(
      `SELECT transaction_id::text AS tx, global_position::text AS pos FROM projection_checkpoints WHERE projection = $1`, [name]);
    return row ? { transactionId: row.tx, globalPosition: row.pos } : START_OF_LOG;
  }
}
