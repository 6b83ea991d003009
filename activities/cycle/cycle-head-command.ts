import { cycleDecider, type CycleCommand, type CycleState } from '@kybaocao/domain/cycle';
import { stableEventId } from '@kybaocao/persistence/event-store/command-handler';
import type { EventMetadata, EventStore } from '@kybaocao/persistence/event-store/event-store';
import { cycleHeadQueries, type Sql } from '@kybaocao/persistence/projections/cycle-heads/cycle-heads.projection';

/**
 * Whether `command` is decided the same on the cycle head (the folded state without its units) as on the whole
 * stream: every command but leaving review, which checks that every assigned unit is approved.
 */
export function decidableOnHead(command: CycleCommand): boolean {
  return command.type === 'CloseSubmissionWindow' || (command.type === 'AdvancePhase' && command.data.to !== 'commenting');
}

/**
 * Decides a cycle command on the cycle head (one row the event store keeps in each cycle append's transaction)
 * and appends its events at the head's version, so its cost does not grow with the number of units (folding the
 * stream parses every unit of CycleOpened). As CommandHandler does: a retried request (same idempotency key) is
 * answered without deciding again, and a concurrent append conflicts instead of being overwritten.
 */
export async function handleOnCycleHead(
  store: EventStore,
  sql: Sql,
  cycleId: string,
  command: CycleCommand,
  options: { idempotencyKey: string; metadata: EventMetadata; now: Date },
): Promise<void> {
  if (!decidableOnHead(command)) throw new Error(`${command.type} needs the cycle's units: decide it on the stream`);
  const streamId = `cycle-${cycleId}`;
  const eventId = (i: number) => stableEventId(streamId, options.idempotencyKey, i);
  const [recorded] = await sql.query(`SELECT 1 FROM events WHERE event_id = $1`, [eventId(0)]);
  if (recorded) return;
  const found = await cycleHeadQueries.head(sql, cycleId);
  const state: CycleState = found ? { ...found.head, assignedUnits: [] } : cycleDecider.initialState();
  const events = cycleDecider.decide(command, state);
  await store.appendToStream(
    streamId,
    events.map((e, i) => ({ type: e.type, data: e.data, eventId: eventId(i) })),
    { expectedVersion: found ? found.version : 'no_stream', metadata: options.metadata, now: options.now },
  );
}
