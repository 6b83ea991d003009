import { createHash, randomUUID } from 'node:crypto';
import { assertSameRequest, ConcurrencyConflictError, EventMetadata, EventStore, RecordedEvent, type StreamHead } from './event-store';
import { asJsonb } from './as-jsonb';
import { foldStream } from './fold-stream';
import { foldEvents, type Decider } from '@kybaocao/domain/shared/decider';

export interface HandleOptions {
  metadata: EventMetadata;
  now: Date;
  /** The version the client last saw (If-Match). Omitted: the version just read (still race-safe). */
  expectedVersion?: number;
  /** Derives stable event ids: a retried request with the same key appends nothing twice. */
  idempotencyKey?: string;
  /**
   * The stream as the caller already read it (readStream), e.g. alongside another read in the same round trip (#16).
   * Read just before, as handle would: the append still checks the version and head hash read there.
   */
  stored?: RecordedEvent[];
  /**
   * The stream's head (version, last hash) when `stored` leaves events out that the decision does not need (a
   * receiving unit's receipt leaves out the other units' deliveries), read in the same statement as `stored`. The
   * append expects that version; `stored` must still hold every event this request's idempotency key could have written.
   */
  storedHead?: StreamHead;
  /**
   * The answered state folds the appended events as a read gives them back (objects' keys in jsonb's order), not as
   * decided: for an answer that must be, to the byte, what reading the stream again would answer.
   */
  foldAsStored?: boolean;
}

export interface HandleResult<State> {
  events: RecordedEvent[];
  state: State;
  version: number;
  idempotentReplay: boolean;
}

/**
 * Emmett's command handler: read the stream, fold it, decide, append with the version read as the
 * expected version, so concurrent writers conflict instead of overwriting each other.
 */
export class CommandHandler {
  constructor(private readonly store: EventStore) {}

  async handle<Command, Event extends { type: string; data: unknown }, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command | ((state: State) => Command),
    options: HandleOptions,
  ): Promise<HandleResult<State>> {
    const stored = options.stored ?? (await this.store.readStream(streamId));
    const fold = (events: RecordedEvent[]) => foldStream(decider, events);

    if (options.idempotencyKey) {
      // A retry of a request that already succeeded: answer as the first time, append nothing.
      const ids = new Set(Array.from({ length: 32 }, (_, i) => stableEventId(streamId, options.idempotencyKey!, i)));
      const mine = stored.filter((e) => ids.has(e.eventId));
      if (mine.length) {
        assertSameRequest(streamId, mine, options.metadata);
        const last = mine[mine.length - 1].version;
        return { events: mine, state: fold(stored.filter((e) => e.version <= last)), version: last, idempotentReplay: true };
      }
    }
    const version = options.storedHead?.version ?? stored.length;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConcurrencyConflictError(streamId, options.expectedVersion, version);
    }
    const state = fold(stored);
    const cmd = typeof command === 'function' ? (command as (s: State) => Command)(state) : command;
    const decided = decider.decide(cmd, state);
    const result = await this.store.appendToStream(
      streamId,
      decided.map((e, i) => ({
        type: e.type,
        data: e.data,
        eventId: options.idempotencyKey ? stableEventId(streamId, options.idempotencyKey, i) : randomUUID(),
      })),
      {
        expectedVersion: version === 0 ? 'no_stream' : version,
        metadata: options.metadata,
        now: options.now,
        // Just read, with these ids checked against it: the store appends without reading the head again.
        head: options.storedHead ?? { version, hash: version === 0 ? null : stored[version - 1].hash },
      },
    );
    return {
      events: result.events,
      state: options.foldAsStored
        ? foldStream(
            decider,
            result.events.map((e) => ({ type: e.type, data: asJsonb(e.data) })),
            state,
          )
        : foldEvents(decider, decided, state),
      version: result.nextExpectedVersion,
      idempotentReplay: result.idempotentReplay,
    };
  }
}

/** UUID (v4 layout) from SHA-256 of stream, key and index: the same request always yields the same ids. */
export function stableEventId(streamId: string, key: string, index: number): string {
  const h = createHash('sha256').update(`${streamId}\u0000${key}\u0000${index}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
