import { foldEvents, type Decider } from '@kybaocao/domain/shared/decider';
import type { RecordedEvent } from './event-store';

/**
 * A stream's state: its recorded events folded by the decider's own evolve (the domain's `foldEvents`). The
 * one place where a stored `{ type, data }` becomes the decider's event type.
 */
export function foldStream<Event extends { type: string; data: unknown }, State>(
  decider: Decider<unknown, Event, State> | Decider<never, Event, State>,
  events: readonly Pick<RecordedEvent, 'type' | 'data'>[],
  from?: State,
): State {
  const d = decider as Decider<unknown, Event, State>;
  return foldEvents(
    d,
    events.map((e) => ({ type: e.type, data: e.data }) as Event),
    from ?? d.initialState(),
  );
}
