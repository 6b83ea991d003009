/**
 * Emmett's decider shape: `decide(command, state) → events`, `evolve(state, event) → state`,
 * `initialState()`. Commands and events are `{ type, data }` unions; metadata (actor, correlation,
 * timestamps) is added by the infrastructure, never here.
 */
export type DomainCommand<Type extends string, Data> = Readonly<{ type: Type; data: Data }>;
export type DomainEvent<Type extends string, Data> = Readonly<{ type: Type; data: Data }>;

export interface Decider<Command, Event, State> {
  /** Returns the events the command produces, or throws a DomainError when it rejects the command. */
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  /**
   * Optional: the state `events.reduce(evolve, state)` gives, in fewer steps — for a decider whose events each
   * update one item of a list that grows with the units (a report's deliveries: one event per receiving unit, each
   * of which `evolve` alone would copy the whole list for). Must equal the reduce, event for event.
   */
  evolveAll?(state: State, events: readonly Event[]): State;
}

/** Folds events onto a state (by default the decider's initial state), through the decider's evolveAll if it has one. */
export function foldEvents<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State {
  if (decider.evolveAll) return decider.evolveAll(from, events);
  return events.reduce((state, event) => decider.evolve(state, event), from);
}

export interface DeciderRun<Event, State> {
  /** The events the command produced. */
  events: Event[];
  /** The state after the given events and the new ones. */
  state: State;
}

/**
 * Rebuilds the state from `givenEvents`, decides `command` and applies the new events. For tests ("given
 * these events, when this command, then these events") and for the application's command handlers.
 */
export function runDecider<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  givenEvents: readonly Event[],
  command: Command,
): DeciderRun<Event, State> {
  const before = foldEvents(decider, givenEvents);
  const events = decider.decide(command, before);
  return { events, state: foldEvents(decider, events, before) };
}

/** Exhaustiveness check for `switch` over a union: a new member without a case fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
