import type { RecordedEvent } from '../event-store/event-store';
import type { InlineProjection, Sql } from './cycle-heads/cycle-heads.projection';

/**
 * Rebuilds an inline projection from the log, a stream of its type at a time: empties its tables (in the order
 * given), then applies each stream's events as the append would have. The migrations that create the cycle and report
 * heads backfill with it. Returns the number of streams applied.
 */
export async function rebuildInline(m: Sql, projection: InlineProjection, tables: readonly string[]): Promise<number> {
  for (const table of tables) await m.query(`DELETE FROM ${table}`);
  const streams: { stream_id: string }[] = await m.query(`SELECT DISTINCT stream_id FROM events WHERE stream_type = $1`, [
    projection.streamType,
  ]);
  for (const { stream_id } of streams) {
    const rows: any[] = await m.query(`SELECT event_type, data, version FROM events WHERE stream_id = $1 ORDER BY version`, [stream_id]);
    const events = rows.map((r) => ({ type: r.event_type, data: r.data, version: Number(r.version) }) as unknown as RecordedEvent);
    if (events.length) await projection.apply(m, stream_id, events);
  }
  return streams.length;
}
