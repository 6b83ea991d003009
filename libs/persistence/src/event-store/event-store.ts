import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { INLINE_PROJECTIONS, type InlineProjection } from '../projections/cycle-heads/cycle-heads.projection';
import { preparedQuery } from '../prepared-query';
import { noteWritten } from './written-positions';
import { canonicalJson } from './canonical-json';
import { appendEach, type StreamAppend } from './append-each';

/** Who did it, on whose behalf, and why: stored with every event. */
export interface EventMetadata {
  actor: { userId: string; role: string };
  unitId?: string;
  correlationId: string;
  causationId?: string;
  /** SHA-256 of the request that carried an Idempotency-Key (method, path, canonical body). */
  requestFingerprint?: string;
  [extra: string]: unknown;
}

export interface NewEvent {
  type: string;
  data: unknown;
  /** Stable id: a retried request with the same id stores nothing twice. */
  eventId: string;
}

export interface RecordedEvent<T extends string = string, D = any> {
  globalPosition: string;
  transactionId: string;
  streamId: string;
  streamType: string;
  version: number;
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
  recordedAt: Date;
  hash: string;
  prevHash: string | null;
}

/** A stream's last event as just read: its version (0: no stream) and hash (null: no stream). */
export interface StreamHead {
  version: number;
  hash: string | null;
}

const isUniqueViolation = (err: any): boolean => err?.driverError?.code === '23505' || err?.code === '23505';

/** 'no_stream': the stream must not exist yet; 'any': no check; n: the stream's current version. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendResult {
  nextExpectedVersion: number;
  events: RecordedEvent[];
  /** true when every event id was already stored: a retried request, nothing appended. */
  idempotentReplay: boolean;
}

export class ConcurrencyConflictError extends Error {
  readonly code = 'STREAM_VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${expected}, actual ${actual}`);
  }
}

export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly eventIds: string[]) {
    super(`event ids already used by another append: ${eventIds.join(', ')}`);
  }
}

/** The same Idempotency-Key sent again with a different request: not a retry, and not silently answered as one. */
export class IdempotencyKeyMismatchError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_MISMATCH';
  constructor(readonly streamId: string) {
    super(`the Idempotency-Key was already used on ${streamId} with a different request`);
  }
}

/**
 * Events of one idempotent request record the request's fingerprint (`metadata.requestFingerprint`); a replay
 * whose fingerprint differs is refused. Events stored before fingerprints existed match anything.
 */
export function assertSameRequest(streamId: string, stored: { metadata: EventMetadata }[], metadata: EventMetadata): void {
  const was = stored[0]?.metadata?.requestFingerprint;
  const now = metadata.requestFingerprint;
  if (typeof was === 'string' && typeof now === 'string' && was !== now) throw new IdempotencyKeyMismatchError(streamId);
}

export interface GlobalCheckpoint {
  transactionId: string;
  globalPosition: string;
}
/**
 * The shared advisory lock (two int4 keys) a read model's transaction holds for its whole life: it says "this
 * transaction never appends events", so readAll's horizon does not wait for it. Only the projector takes it.
 */
export const READ_MODEL_TRANSACTION_LOCK = [27513, 29296] as const;

export const START_OF_LOG: GlobalCheckpoint = { transactionId: '0', globalPosition: '0' };

export interface BrokenLink {
  streamId: string;
  version: number;
  globalPosition: string;
  /** 'log_mismatch' / 'checkpoint_invalid': the whole log (stream '*') against its latest signed checkpoint. */
  reason: 'hash_mismatch' | 'chain_broken' | 'version_gap' | 'log_mismatch' | 'checkpoint_invalid';
}

/** Events per INSERT of startStreams (a bulk import): a page, whatever the number of rows imported. */
export const START_STREAMS_PAGE = 1000;

/**
 * The columns a RecordedEvent is read from (toRecorded), with `data` the SQL expression given (over the events row):
 * for a reader that leaves a large part of some events' data in the database (a report's documents).
 */
export const recordedColumns = (data: string) => `global_position, transaction_id::text AS transaction_id, stream_id, stream_type,
  version, event_id, event_type, ${data} AS data, metadata, recorded_at, hash, prev_hash`;

const COLUMNS = recordedColumns('data');

/** COLUMNS with the data of the event types in $4 only (null for the others). */
const COLUMNS_DATA_OF_TYPES = recordedColumns('CASE WHEN event_type = ANY($4::text[]) THEN data END');

export function toRecorded(row: any): RecordedEvent {
  return {
    globalPosition: String(row.global_position),
    transactionId: String(row.transaction_id),
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: Number(row.version),
    eventId: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
    hash: row.hash,
    prevHash: row.prev_hash ?? null,
  };
}

/** SHA-256 over the RFC 8785 canonical JSON of everything that identifies an event and its place. */
export function eventHash(e: {
  streamId: string;
  streamType: string;
  version: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
  prevHash: string | null;
}): string {
  const canonical = canonicalJson({
    streamId: e.streamId,
    streamType: e.streamType,
    version: e.version,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** JSON round trip: what is hashed is exactly what jsonb gives back (no undefined, no -0, no class instances). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/**
 * plain, with the JSON text it was parsed from: the text is what the INSERT sends for the jsonb column (node-postgres
 * would otherwise JSON.stringify the copy again: the same text, a second time; ~25 ms for a national ReportDrafted).
 */
function plainWithText(v: unknown): { value: unknown; text: string } {
  const text = JSON.stringify(v);
  return { value: JSON.parse(text), text };
}

/** An object node-postgres would send as JSON.stringify of it (an array it would send as a PostgreSQL array). */
const isRecord = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stream ids carry their type: `cycle-<uuid>`, `submission-<cycle>:<unit>`. */
export const streamTypeOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

export class EventStore {
  /**
   * @param inline read models kept in the append's own transaction (by stream type): the cycle heads, which
   *   commands on one unit read instead of folding the whole cycle stream.
   */
  constructor(
    private readonly db: DataSource,
    private readonly inline: readonly InlineProjection[] = INLINE_PROJECTIONS,
  ) {}

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion; metadata: EventMetadata; now: Date; manager?: EntityManager; head?: StreamHead },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const streamType = streamTypeOf(streamId);
    if (!streamType) throw new Error(`stream id ${streamId} must start with "<type>-"`);
    const run = (m: EntityManager) => this.appendIn(m, streamId, streamType, events, options);
    try {
      const { head } = options;
      const atHead =
        head &&
        !options.manager &&
        (options.expectedVersion === head.version || (options.expectedVersion === 'no_stream' && head.version === 0));
      if (atHead) {
        try {
          return await this.appendAtHead(streamId, streamType, events, options, head);
        } catch (err: any) {
          // The stream moved since the caller read it, or a concurrent retry stored these ids: the long way
          // below (probe, head) answers it as a replay or a version conflict, as it always did.
          if (!isUniqueViolation(err)) throw err;
        }
      }
      return options.manager ? await run(options.manager) : await this.db.transaction(run);
    } catch (err: any) {
      if (err?.driverError?.code === '23505' || err?.code === '23505') {
        const constraint = err.driverError?.constraint ?? err.constraint;
        if (constraint === 'events_stream_version_unique') {
          throw new ConcurrencyConflictError(streamId, options.expectedVersion, await this.streamVersion(streamId));
        }
        if (constraint === 'events_event_id_key') {
          // A concurrent retry of the same request won the race: answer as the retry would.
          return this.db.transaction((m) => this.appendIn(m, streamId, streamType, events, options));
        }
      }
      throw err;
    }
  }

  private async appendIn(
    m: EntityManager,
    streamId: string,
    streamType: string,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion; metadata: EventMetadata; now: Date },
  ): Promise<AppendResult> {
    const ids = events.map((e) => e.eventId);
    const existing: any[] = await m.query(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`, [ids]);
    if (existing.length > 0) {
      const sameStream = existing.length === ids.length && existing.every((r) => r.stream_id === streamId);
      if (!sameStream) throw new IdempotencyConflictError(existing.map((r) => r.event_id));
      const recorded = existing.map(toRecorded);
      assertSameRequest(streamId, recorded, options.metadata);
      noteWritten(recorded[recorded.length - 1].globalPosition); // a retry's client sees its first attempt's write
      return { nextExpectedVersion: await this.streamVersion(streamId, m), events: recorded, idempotentReplay: true };
    }
    const [head] = await m.query(`SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`, [streamId]);
    const current = head ? Number(head.version) : 0;
    const { expectedVersion } = options;
    const ok = expectedVersion === 'any' || (expectedVersion === 'no_stream' && current === 0) || expectedVersion === current;
    if (!ok) throw new ConcurrencyConflictError(streamId, expectedVersion, current);

    return this.insertAt(m, streamId, streamType, events, options, { version: current, hash: head ? head.hash : null });
  }

  /**
   * The append when the caller has just read the stream and knows its head, and that these event ids are not in
   * it (the command handler): no idempotency probe, no head read. One event of a stream no inline read model
   * follows is one INSERT, committed on its own; otherwise one transaction. The database's chain guard
   * (events_chain_on_insert) refuses it with a unique violation if the stream moved since it was read.
   */
  private async appendAtHead(
    streamId: string,
    streamType: string,
    events: NewEvent[],
    options: { metadata: EventMetadata; now: Date },
    head: StreamHead,
  ): Promise<AppendResult> {
    const inline = this.inline.some((p) => p.streamType === streamType && events.some((e) => p.handles.includes(e.type)));
    if (events.length === 1 && !inline) return this.insertAt(this.db.manager, streamId, streamType, events, options, head);
    return this.db.transaction((m) => this.insertAt(m, streamId, streamType, events, options, head));
  }

  /**
   * One event at the end of each of many streams (no expected version), in a fixed number of statements whatever
   * the number of items (append-each.ts): a notification dispatcher's outcomes of a batch. In `manager`'s transaction,
   * else in one of its own.
   */
  appendEach(items: readonly StreamAppend[], options: { manager?: { query(sql: string, parameters?: unknown[]): Promise<any> } } = {}) {
    return options.manager ? appendEach(options.manager, items) : this.db.transaction((m) => appendEach(m, items));
  }

  /** Inserts `events` after `head`, chained by hash, and keeps the inline read models in the same transaction. */
  private async insertAt(
    m: EntityManager,
    streamId: string,
    streamType: string,
    events: NewEvent[],
    options: { metadata: EventMetadata; now: Date },
    head: StreamHead,
  ): Promise<AppendResult> {
    let prevHash = head.hash;
    const metadata = plain(options.metadata);
    const recorded: RecordedEvent[] = [];
    let version = head.version;
    for (const e of events) {
      version += 1;
      const { value: data, text: dataText } = plainWithText(e.data);
      const hash = eventHash({
        streamId,
        streamType,
        version,
        eventId: e.eventId,
        type: e.type,
        data,
        metadata,
        recordedAt: options.now,
        prevHash,
      });
      // Only what the database assigns comes back: the rest is what was just written (data as jsonb gives it back).
      const [row] = await preparedQuery(
        m,
        `INSERT INTO events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING global_position, transaction_id::text AS transaction_id`,
        [streamId, streamType, version, e.eventId, e.type, isRecord(data) ? dataText : data, metadata, options.now, hash, prevHash],
      );
      recorded.push({
        globalPosition: String(row.global_position),
        transactionId: String(row.transaction_id),
        streamId,
        streamType,
        version,
        eventId: e.eventId,
        type: e.type,
        data,
        metadata,
        recordedAt: new Date(options.now.getTime()),
        hash,
        prevHash,
      });
      prevHash = hash;
    }
    for (const p of this.inline) {
      if (p.streamType === streamType && recorded.some((e) => p.handles.includes(e.type))) await p.apply(m, streamId, recorded);
    }
    noteWritten(recorded[recorded.length - 1].globalPosition);
    return { nextExpectedVersion: version, events: recorded, idempotentReplay: false };
  }

  /**
   * Starts many new streams at once, each with one event, in one transaction and one INSERT (a bulk
   * registration: 20,000 units in seconds, not 20,000 round trips). Every stream must be new: a stream that
   * exists fails the whole batch with ConcurrencyConflictError (nothing stored). A retry with the same event
   * ids answers as the first time.
   */
  async startStreams(
    items: readonly { streamId: string; event: NewEvent }[],
    options: { metadata: EventMetadata; now: Date; manager?: EntityManager },
  ): Promise<RecordedEvent[]> {
    if (items.length === 0) return [];
    const inTransaction = <T>(work: (m: EntityManager) => Promise<T>) =>
      options.manager ? work(options.manager) : this.db.transaction(work);
    return inTransaction(async (m) => {
      const ids = items.map((i) => i.event.eventId);
      const existing: any[] = await m.query(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`, [
        ids,
      ]);
      if (existing.length > 0) {
        const byId = new Map(items.map((i) => [i.event.eventId, i.streamId] as const));
        const replay =
          existing.length === ids.length && existing.every((r) => byId.get(r.event_id) === r.stream_id && Number(r.version) === 1);
        if (!replay) throw new IdempotencyConflictError(existing.map((r) => r.event_id));
        return existing.map(toRecorded);
      }
      const streamIds = items.map((i) => i.streamId);
      const [taken] = await m.query(`SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) LIMIT 1`, [streamIds]);
      if (taken) throw new ConcurrencyConflictError(taken.stream_id, 'no_stream', await this.streamVersion(taken.stream_id, m));
      const metadata = plain(options.metadata);
      // A page of events per INSERT (#16, the API's peak memory): a 20,000-row import never builds one statement, its
      // parameters and its answer for every row at once. The answer is the positions only: the rest is what was sent.
      const recorded: RecordedEvent[] = [];
      for (let from = 0; from < items.length; from += START_STREAMS_PAGE) {
        const page = items.slice(from, from + START_STREAMS_PAGE).map(({ streamId, event }) => {
          const streamType = streamTypeOf(streamId);
          if (!streamType) throw new Error(`stream id ${streamId} must start with "<type>-"`);
          const data = plain(event.data);
          const hash = eventHash({
            streamId,
            streamType,
            version: 1,
            eventId: event.eventId,
            type: event.type,
            data,
            metadata,
            recordedAt: options.now,
            prevHash: null,
          });
          return { streamId, streamType, event, data, hash };
        });
        const inserted: { stream_id: string; global_position: string; transaction_id: string; recorded_at: Date }[] = await m.query(
          `INSERT INTO events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)
           SELECT s, t, 1, i, e, d::jsonb, $6::jsonb, $7, h, NULL
             FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $8::text[]) WITH ORDINALITY AS x(s, t, i, e, d, h, n)
            ORDER BY n
           RETURNING stream_id, global_position, transaction_id::text AS transaction_id, recorded_at`,
          [
            page.map((r) => r.streamId),
            page.map((r) => r.streamType),
            page.map((r) => r.event.eventId),
            page.map((r) => r.event.type),
            page.map((r) => JSON.stringify(r.data)),
            metadata,
            options.now,
            page.map((r) => r.hash),
          ],
        );
        const at = new Map(inserted.map((row) => [row.stream_id, row] as const));
        const events = page
          .map((r): RecordedEvent => {
            const row = at.get(r.streamId)!;
            return {
              globalPosition: String(row.global_position),
              transactionId: String(row.transaction_id),
              streamId: r.streamId,
              streamType: r.streamType,
              version: 1,
              eventId: r.event.eventId,
              type: r.event.type,
              data: r.data,
              metadata,
              recordedAt: new Date(row.recorded_at),
              hash: r.hash,
              prevHash: null,
            };
          })
          .sort((a, b) => Number(BigInt(a.globalPosition) - BigInt(b.globalPosition)));
        for (const p of this.inline) {
          for (const e of events) if (p.streamType === e.streamType && p.handles.includes(e.type)) await p.apply(m, e.streamId, [e]);
        }
        recorded.push(...events);
      }
      noteWritten(recorded[recorded.length - 1].globalPosition);
      return recorded;
    });
  }

  /**
   * The log's end (the highest committed global position) and, in an API request, noted as its write: for a command
   * another process appends for it (a workflow update the request waited for), whose position it does not see.
   */
  async noteLogEndWritten(): Promise<void> {
    const [{ max }] = await this.db.query(`SELECT coalesce(max(global_position), 0)::text AS max FROM events`);
    noteWritten(max);
  }

  async streamVersion(streamId: string, m: EntityManager = this.db.manager): Promise<number> {
    const [row] = await m.query(`SELECT coalesce(max(version), 0) AS v FROM events WHERE stream_id = $1`, [streamId]);
    return Number(row.v);
  }

  /** A stream's events; with `asOf` or `upToPosition`, only what had been recorded by then (time travel). */
  async readStream(streamId: string, opts: { asOf?: Date; upToPosition?: string } = {}): Promise<RecordedEvent[]> {
    const rows = await preparedQuery(
      this.db,
      `SELECT ${COLUMNS} FROM events WHERE stream_id = $1
         AND ($2::timestamptz IS NULL OR recorded_at <= $2)
         AND ($3::bigint IS NULL OR global_position <= $3)
       ORDER BY version`,
      [streamId, opts.asOf ?? null, opts.upToPosition ?? null],
    );
    return rows.map(toRecorded);
  }

  /** Events of every stream whose id starts with one of `prefixes`, in the order recorded (optionally as of a time). */
  async readByStreamPrefix(prefixes: string[], opts: { asOf?: Date } = {}): Promise<RecordedEvent[]> {
    const patterns = prefixes.map((p) => p.replace(/[\\%_]/g, (c) => `\\${c}`) + '%');
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM events WHERE stream_id LIKE ANY($1::text[]) AND ($2::timestamptz IS NULL OR recorded_at <= $2)
       ORDER BY global_position`,
      [patterns, opts.asOf ?? null],
    );
    return rows.map(toRecorded);
  }

  /**
   * The global log after `after`, in commit-safe order. Only events of transactions below the horizon are
   * returned: the oldest transaction still in flight that may append events (which may hold a lower
   * global_position), so a reader never skips an event that commits late. Read-model transactions (marked with
   * READ_MODEL_TRANSACTION_LOCK; they never append events) are not in flight for this purpose: a slow read
   * model's batch would otherwise hold every other reader back for as long as it runs.
   */
  async readAll(
    after: GlobalCheckpoint,
    limit = 1000,
    m: EntityManager = this.db.manager,
    /** Only these event types carry their data (a projection's `handles`); the others come with `data: null`. */
    dataOf?: readonly string[],
  ): Promise<RecordedEvent[]> {
    const columns = dataOf ? COLUMNS_DATA_OF_TYPES : COLUMNS;
    const rows = await m.query(
      `WITH snap AS (SELECT pg_current_snapshot() AS s),
            read_models AS (
              SELECT x.transactionid FROM pg_locks a
                JOIN pg_locks x ON x.pid = a.pid AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock' AND x.granted
               WHERE a.locktype = 'advisory' AND a.granted AND a.classid = ${READ_MODEL_TRANSACTION_LOCK[0]}
                 AND a.objid = ${READ_MODEL_TRANSACTION_LOCK[1]} AND a.objsubid = 2),
            horizon AS (
              SELECT coalesce((SELECT min(t) FROM pg_snapshot_xip(snap.s) AS t WHERE xid(t) NOT IN (SELECT transactionid FROM read_models)),
                              pg_snapshot_xmax(snap.s)) AS h
                FROM snap)
       SELECT ${columns} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < (SELECT h FROM horizon)
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      dataOf ? [after.transactionId, after.globalPosition, limit, dataOf] : [after.transactionId, after.globalPosition, limit],
    );
    return rows.map(toRecorded);
  }

  /** Walks one stream (or all) and reports the first broken link per stream; [] when intact. */
  async verify(streamId?: string): Promise<{ checkedEvents: number; broken: BrokenLink[] }> {
    const rows: any[] = await this.db.query(
      `SELECT ${COLUMNS} FROM events WHERE ($1::text IS NULL OR stream_id = $1) ORDER BY stream_id, version`,
      [streamId ?? null],
    );
    const broken: BrokenLink[] = [];
    let prev: RecordedEvent | null = null;
    let skipStream: string | null = null;
    for (const e of rows.map(toRecorded)) {
      if (prev && prev.streamId !== e.streamId) prev = null;
      if (skipStream === e.streamId) continue;
      const link = { streamId: e.streamId, version: e.version, globalPosition: e.globalPosition };
      const expectedVersion = prev ? prev.version + 1 : 1;
      const expectedPrevHash = prev ? prev.hash : null;
      let reason: BrokenLink['reason'] | null = null;
      if (e.version !== expectedVersion) reason = 'version_gap';
      else if (e.prevHash !== expectedPrevHash) reason = 'chain_broken';
      else if (eventHash(e) !== e.hash) reason = 'hash_mismatch';
      if (reason) {
        broken.push({ ...link, reason });
        skipStream = e.streamId;
      }
      prev = e;
    }
    return { checkedEvents: rows.length, broken };
  }
}
