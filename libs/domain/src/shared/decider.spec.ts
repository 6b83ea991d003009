import { assertNever, foldEvents, runDecider, type Decider, type DomainCommand, type DomainEvent } from './decider';
import { catchDomainError, conflict } from './domain-error';

// A tally of votes, just big enough to exercise the helpers.
type Vote = DomainCommand<'Vote', { points: number }>;
type Voted = DomainEvent<'Voted', { points: number }>;
type Tally = { total: number; votes: number };

const tally: Decider<Vote, Voted, Tally> = {
  decide: (command, state) => {
    if (state.votes >= 3) throw conflict('TALLY_FULL', 'full', 'Đã đủ phiếu.');
    return [{ type: 'Voted', data: { points: command.data.points } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.points, votes: state.votes + 1 }),
  initialState: () => ({ total: 0, votes: 0 }),
};
const voted = (points: number): Voted => ({ type: 'Voted', data: { points } });

describe('foldEvents', () => {
  it('starts from the initial state', () => {
    expect(foldEvents(tally, [])).toEqual({ total: 0, votes: 0 });
  });

  it('applies events in order onto the given state', () => {
    expect(foldEvents(tally, [voted(2), voted(5)])).toEqual({ total: 7, votes: 2 });
    expect(foldEvents(tally, [voted(1)], { total: 10, votes: 4 })).toEqual({ total: 11, votes: 5 });
  });
});

describe('runDecider', () => {
  it('given events, when a command, returns the new events and the state after them', () => {
    const run = runDecider(tally, [voted(2), voted(5)], { type: 'Vote', data: { points: 4 } });
    expect(run.events).toEqual([voted(4)]);
    expect(run.state).toEqual({ total: 11, votes: 3 });
  });

  it('lets the decider reject with a DomainError', () => {
    const error = catchDomainError(() => runDecider(tally, [voted(1), voted(1), voted(1)], { type: 'Vote', data: { points: 1 } }));
    expect(error.code).toBe('TALLY_FULL');
  });
});

describe('assertNever', () => {
  it('throws naming the unexpected value', () => {
    expect(() => assertNever({ type: 'Surprise' } as never, 'event')).toThrow('unexpected event: {"type":"Surprise"}');
  });
});
