import type { Decider } from '@kybaocao/domain/shared/decider';
import { createTestDatabase, TestDatabase } from '../../../../test/infra/db';
import { CommandHandler } from './command-handler';
import { ConcurrencyConflictError, EventMetadata, EventStore } from './event-store';

type Note = { type: 'Noted'; data: { text: string; n: number } };
type Write = { type: 'Write'; data: { text: string; twice?: boolean } };
/** A stream of notes, numbered: the smallest decider with a state that depends on every event. */
const notes: Decider<Write, Note, { count: number; last?: string }> = {
  initialState: () => ({ count: 0 }),
  decide: (c, s) =>
    Array.from({ length: c.data.twice ? 2 : 1 }, (_, i) => ({ type: 'Noted' as const, data: { text: c.data.text, n: s.count + i + 1 } })),
  evolve: (s, e) => ({ count: s.count + 1, last: e.data.text }),
};
const meta: EventMetadata = { actor: { userId: 'u-1', role: 'reporter' }, correlationId: 'c-1' };
const write = (text: string, twice = false): Write => ({ type: 'Write', data: { text, ...(twice ? { twice } : {}) } });

/**
 * The command handler appends at the head it has just read (no second read of the head, no idempotency probe):
 * what it answers, stores and chains is what the long way gave, also when writers race.
 */
describe('CommandHandler on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore;
  let handler: CommandHandler;

  beforeEach(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    handler = new CommandHandler(store);
  });
  afterEach(() => db.drop());

  it('answers exactly what it stored, chained to the head it read (one event and several)', async () => {
    const first = await handler.handle(notes, 'note-a', write('một'), { metadata: meta, now: new Date('2026-12-01T01:02:03.004Z') });
    const second = await handler.handle(notes, 'note-a', write('hai', true), { metadata: meta, now: new Date('2026-12-01T02:00:00Z') });
    const stored = await store.readStream('note-a');
    expect([...first.events, ...second.events]).toEqual(stored);
    expect(second).toMatchObject({ version: 3, state: { count: 3, last: 'hai' }, idempotentReplay: false });
    expect(stored.map((e) => e.prevHash)).toEqual([null, stored[0].hash, stored[1].hash]);
    expect(await store.verify('note-a')).toEqual({ checkedEvents: 3, broken: [] });
  });

  it('of 12 parallel commands with the same If-Match, one is stored and 11 answer a version conflict', async () => {
    await handler.handle(notes, 'note-race', write('đầu'), { metadata: meta, now: new Date() });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        handler.handle(notes, 'note-race', write(`lần ${i}`), { metadata: meta, now: new Date(), expectedVersion: 1 }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflictError);
    expect({ ok: ok.length, conflicts: conflicts.length }).toEqual({ ok: 1, conflicts: 11 });
    expect(conflicts.map((r) => (r as PromiseRejectedResult).reason.actual)).toEqual(Array(11).fill(2));
    expect(await store.streamVersion('note-race')).toBe(2);
  });

  it('12 parallel commands without If-Match: each stored at its own version or answered a conflict, the chain intact', async () => {
    await handler.handle(notes, 'note-busy', write('đầu'), { metadata: meta, now: new Date() });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => handler.handle(notes, 'note-busy', write(`lần ${i}`), { metadata: meta, now: new Date() })),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const others = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof ConcurrencyConflictError));
    expect(others).toEqual([]);
    expect(ok.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: ok.length }, (_, i) => i + 2));
    expect(ok.map((r) => r.events[0].data.n).sort((a, b) => a - b)).toEqual(Array.from({ length: ok.length }, (_, i) => i + 2));
    expect(await store.streamVersion('note-busy')).toBe(1 + ok.length);
    expect(await store.verify('note-busy')).toEqual({ checkedEvents: 1 + ok.length, broken: [] });
  });

  it('12 parallel retries of one request (same Idempotency-Key) store it once and all answer it', async () => {
    await handler.handle(notes, 'note-retry', write('đầu'), { metadata: meta, now: new Date() });
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        handler.handle(notes, 'note-retry', write('một lần', true), { metadata: meta, now: new Date(), idempotencyKey: 'khoa-1' }),
      ),
    );
    expect(await store.streamVersion('note-retry')).toBe(3);
    const ids = results.map((r) => r.events.map((e) => e.eventId).join());
    expect(new Set(ids).size).toBe(1);
    expect(results.filter((r) => !r.idempotentReplay)).toHaveLength(1);
    expect(results.map((r) => r.version)).toEqual(Array(12).fill(3));
    expect(results.map((r) => r.state)).toEqual(Array(12).fill({ count: 3, last: 'một lần' }));
  });
});
