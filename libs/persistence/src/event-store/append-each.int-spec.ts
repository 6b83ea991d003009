import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { EventStore, IdempotencyConflictError, type EventMetadata } from './event-store';

const meta = (userId: string): EventMetadata => ({ actor: { userId: 'system:notifications', role: 'system' }, correlationId: 'n', userId });

describe('EventStore.appendEach: one event at the end of each of many streams, in one INSERT', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
  });
  afterAll(() => db?.drop());

  it('chains events of the same stream in item order after its head, skips ids already stored, and verifies', async () => {
    const now = new Date('2026-12-14T01:00:00Z');
    await store.appendToStream('notification-a', [{ type: 'NotificationDelivered', data: { n: 0 }, eventId: randomUUID() }], {
      expectedVersion: 'no_stream',
      metadata: meta('u0'),
      now,
    });
    const items = [
      {
        streamId: 'notification-a',
        event: { type: 'NotificationDelivered', data: { n: 1 }, eventId: randomUUID() },
        metadata: meta('u1'),
        now,
      },
      {
        streamId: 'notification-b',
        event: { type: 'NotificationDeliveryFailed', data: { n: 2 }, eventId: randomUUID() },
        metadata: meta('u2'),
        now,
      },
      {
        streamId: 'notification-a',
        event: { type: 'NotificationDelivered', data: { n: 3 }, eventId: randomUUID() },
        metadata: meta('u3'),
        now,
      },
    ];
    expect(await store.appendEach(items)).toEqual({ appended: 3, replayed: 0 });
    const rows = await db.owner.query(
      `SELECT stream_id, version, data->>'n' AS n, metadata->>'userId' AS u FROM events ORDER BY stream_id, version`,
    );
    expect(rows.map((r: any) => [r.stream_id, Number(r.version), r.n, r.u])).toEqual([
      ['notification-a', 1, '0', 'u0'],
      ['notification-a', 2, '1', 'u1'],
      ['notification-a', 3, '3', 'u3'],
      ['notification-b', 1, '2', 'u2'],
    ]);
    expect((await store.verify()).broken).toEqual([]);

    // A retried batch stores nothing twice; an id stored in another stream is refused, nothing stored.
    expect(await store.appendEach(items)).toEqual({ appended: 0, replayed: 3 });
    await expect(store.appendEach([{ ...items[1], streamId: 'notification-c' }])).rejects.toBeInstanceOf(IdempotencyConflictError);
    const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM events`);
    expect(n).toBe(4);
  });

  it('refuses an event an inline read model follows (the cycle heads: appendToStream keeps them)', async () => {
    await expect(
      store.appendEach([
        {
          streamId: `cycle-${randomUUID()}`,
          event: { type: 'CycleOpened', data: {}, eventId: randomUUID() },
          metadata: meta('u'),
          now: new Date(),
        },
      ]),
    ).rejects.toThrow(/inline read model/);
  });
});
