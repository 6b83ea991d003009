import { INLINE_PROJECTIONS } from '../projections/cycle-heads/cycle-heads.projection';
import { eventHash, IdempotencyConflictError, streamTypeOf, type EventMetadata, type NewEvent } from './event-store';
import { noteWritten } from './written-positions';

/** One event to append at the end of its stream (no expected version), with its own metadata and time. */
export interface StreamAppend {
  streamId: string;
  event: NewEvent;
  metadata: EventMetadata;
  now: Date;
}

interface Sql {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Appends each item's event at the end of its stream (expected version 'any'), chained by hash like every other
 * append, in the caller's transaction and in three statements whatever the number of items: the idempotency probe,
 * the streams' heads, one INSERT. Several items may name the same stream (they follow each other in item order).
 * An event whose id is already stored in its stream is skipped (a retry stores nothing twice); one stored in
 * another stream is refused (IdempotencyConflictError). A stream that another transaction appends to meanwhile makes
 * the INSERT fail with the unique violation of events_stream_version_unique (the caller retries the whole batch).
 *
 * For streams no inline read model follows (a notification's deliveries): those are refused here, since their
 * read model is kept by EventStore.appendToStream.
 */
export async function appendEach(m: Sql, items: readonly StreamAppend[]): Promise<{ appended: number; replayed: number }> {
  if (items.length === 0) return { appended: 0, replayed: 0 };
  for (const { streamId, event } of items) {
    const type = streamTypeOf(streamId);
    if (!type) throw new Error(`stream id ${streamId} must start with "<type>-"`);
    if (INLINE_PROJECTIONS.some((p) => p.streamType === type && p.handles.includes(event.type)))
      throw new Error(`appendEach: ${event.type} on ${streamId} has an inline read model; use appendToStream`);
  }
  const stored: { event_id: string; stream_id: string }[] = await m.query(
    `SELECT event_id::text AS event_id, stream_id FROM events WHERE event_id = ANY ($1::uuid[])`,
    [items.map((i) => i.event.eventId)],
  );
  const storedIn = new Map(stored.map((r) => [r.event_id, r.stream_id] as const));
  const conflicting = items.filter((i) => storedIn.has(i.event.eventId) && storedIn.get(i.event.eventId) !== i.streamId);
  if (conflicting.length > 0) throw new IdempotencyConflictError(conflicting.map((i) => i.event.eventId));
  const seen = new Set<string>();
  const fresh = items.filter((i) => !storedIn.has(i.event.eventId) && !seen.has(i.event.eventId) && seen.add(i.event.eventId));
  if (fresh.length === 0) return { appended: 0, replayed: items.length };

  const heads: { stream_id: string; version: string; hash: string }[] = await m.query(
    `SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM events WHERE stream_id = ANY ($1::text[]) ORDER BY stream_id, version DESC`,
    [[...new Set(fresh.map((i) => i.streamId))]],
  );
  const head = new Map(heads.map((h) => [h.stream_id, { version: Number(h.version), hash: h.hash as string | null }] as const));
  const rows = fresh.map((i) => {
    const streamType = streamTypeOf(i.streamId);
    const at = head.get(i.streamId) ?? { version: 0, hash: null };
    const data = JSON.parse(JSON.stringify(i.event.data));
    const metadata = JSON.parse(JSON.stringify(i.metadata));
    const version = at.version + 1;
    const hash = eventHash({
      streamId: i.streamId,
      streamType,
      version,
      eventId: i.event.eventId,
      type: i.event.type,
      data,
      metadata,
      recordedAt: i.now,
      prevHash: at.hash,
    });
    head.set(i.streamId, { version, hash });
    return { i, streamType, version, data, metadata, hash, prevHash: at.hash };
  });
  // One INSERT in item order: the chain trigger of each row sees the rows before it in the same statement.
  const inserted: { global_position: string }[] = await m.query(
    `INSERT INTO events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)
     SELECT s, t, v, i, e, d::jsonb, md::jsonb, r, h, p
       FROM unnest($1::text[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[])
            WITH ORDINALITY AS x(s, t, v, i, e, d, md, r, h, p, n)
      ORDER BY n
     RETURNING global_position::text AS global_position`,
    [
      rows.map((r) => r.i.streamId),
      rows.map((r) => r.streamType),
      rows.map((r) => r.version),
      rows.map((r) => r.i.event.eventId),
      rows.map((r) => r.i.event.type),
      rows.map((r) => JSON.stringify(r.data)),
      rows.map((r) => JSON.stringify(r.metadata)),
      rows.map((r) => r.i.now),
      rows.map((r) => r.hash),
      rows.map((r) => r.prevHash),
    ],
  );
  noteWritten(inserted.reduce((max, r) => (BigInt(r.global_position) > BigInt(max) ? r.global_position : max), '0'));
  return { appended: inserted.length, replayed: items.length - fresh.length };
}
