import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/infra/db';
import {
  ConcurrencyConflictError,
  EventMetadata,
  EventStore,
  IdempotencyConflictError,
  RecordedEvent,
  START_OF_LOG,
  START_STREAMS_PAGE,
} from './event-store';

const meta: EventMetadata = { actor: { userId: 'u-1', role: 'reporter' }, unitId: 'unit-1', correlationId: 'c-1' };
const at = (iso: string) => new Date(iso);
const ev = (type: string, data: unknown = {}) => ({ eventId: randomUUID(), type, data });

describe('EventStore on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeEach(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
  });
  afterEach(() => db.drop());

  describe('appending with an expected version', () => {
    it('numbers events per stream from 1 and chains their hashes', async () => {
      const first = await store.appendToStream('submission-c1:u1', [ev('SubmissionDraftSaved', { figures: { A: 1 } })], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: at('2025-03-01T02:00:00Z'),
      });
      const second = await store.appendToStream('submission-c1:u1', [ev('SubmissionSubmitted', { text: 'Hội LHPN' })], {
        expectedVersion: 1,
        metadata: meta,
        now: at('2025-03-02T02:00:00Z'),
      });
      expect(first.nextExpectedVersion).toBe(1);
      expect(second.nextExpectedVersion).toBe(2);
      const events = await store.readStream('submission-c1:u1');
      expect(events.map((e) => [e.version, e.type, e.streamType])).toEqual([
        [1, 'SubmissionDraftSaved', 'submission'],
        [2, 'SubmissionSubmitted', 'submission'],
      ]);
      expect(events[0].prevHash).toBeNull();
      expect(events[1].prevHash).toBe(events[0].hash);
      expect(events[1].metadata).toEqual(meta);
    });

    it('rejects a stale expected version with the actual version', async () => {
      await store.appendToStream('cycle-x', [ev('A'), ev('B')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const stale = store.appendToStream('cycle-x', [ev('C')], { expectedVersion: 1, metadata: meta, now: new Date() });
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await expect(stale).rejects.toMatchObject({ expected: 1, actual: 2 });
    });

    it('lets exactly one of 12 parallel appends with the same expected version succeed', async () => {
      await store.appendToStream('cycle-race', [ev('Opened')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.appendToStream('cycle-race', [ev('Extended', { i })], { expectedVersion: 1, metadata: meta, now: new Date() }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflictError);
      expect(ok).toHaveLength(1);
      expect(conflicts).toHaveLength(11);
      expect((conflicts[0] as PromiseRejectedResult).reason.actual).toBe(2);
      expect(await store.streamVersion('cycle-race')).toBe(2);
    });
  });

  describe('idempotency', () => {
    it('stores a retried append with the same event id once and answers as before', async () => {
      const retry = ev('SubmissionSubmitted', { n: 1 });
      const a = await store.appendToStream('submission-c:u', [retry], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const b = await store.appendToStream('submission-c:u', [retry], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      expect(b.idempotentReplay).toBe(true);
      expect(b.events[0].globalPosition).toBe(a.events[0].globalPosition);
      const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM events`);
      expect(n).toBe(1);
    });

    it('refuses an event id reused for another stream', async () => {
      const e = ev('X');
      await store.appendToStream('cycle-a', [e], { expectedVersion: 'any', metadata: meta, now: new Date() });
      await expect(
        store.appendToStream('cycle-b', [e], { expectedVersion: 'any', metadata: meta, now: new Date() }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
    });
  });

  describe('starting many streams at once (a bulk import)', () => {
    it('stores more than a page of streams (START_STREAMS_PAGE per INSERT) in one transaction, each chained and verifiable, and answers each as stored', async () => {
      expect(START_STREAMS_PAGE).toBe(1000);
      const items = Array.from({ length: 2500 }, (_, i) => ({
        streamId: `orgunit-bulk-${String(i).padStart(4, '0')}`,
        event: ev('OrgUnitRegistered', { unitId: `bulk-${i}`, canonicalName: `Đơn vị ${i}`, aliases: [] }),
      }));
      const statements: string[] = [];
      const answered = await db.app.transaction(async (m) => {
        const counted = Object.create(m, {
          query: { value: (sql: string, params?: unknown[]) => (statements.push(sql), m.query(sql, params)) },
        });
        return store.startStreams(items, { metadata: meta, now: at('2025-03-01T02:00:00Z'), manager: counted });
      });
      expect(statements.filter((q) => q.includes('INSERT INTO events'))).toHaveLength(3);
      expect(answered.map((e) => e.streamId)).toEqual(items.map((i) => i.streamId));
      const positions = answered.map((e) => BigInt(e.globalPosition));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
      // What it answers is what a read gives back, field by field.
      for (const i of [0, 999, 1000, 2499]) expect(await store.readStream(items[i].streamId)).toEqual([answered[i]]);
      expect(await store.verify()).toEqual({ checkedEvents: 2500, broken: [] });
      // A retry of the same events answers as the first time; a stream that exists fails the whole batch.
      const again = await store.startStreams(items, { metadata: meta, now: at('2025-03-01T02:00:00Z') });
      expect(again.map((e) => e.eventId)).toEqual(answered.map((e) => e.eventId));
      await expect(
        store.startStreams(
          [
            { streamId: 'orgunit-new', event: ev('OrgUnitRegistered') },
            { streamId: items[1500].streamId, event: ev('OrgUnitRegistered') },
          ],
          {
            metadata: meta,
            now: at('2025-03-01T02:00:00Z'),
          },
        ),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect(await store.readStream('orgunit-new')).toEqual([]);
    }, 120_000);
  });

  describe('immutability enforced by the database', () => {
    beforeEach(() =>
      store.appendToStream('cycle-imm', [ev('Opened', { a: 1 })], { expectedVersion: 'no_stream', metadata: meta, now: new Date() }),
    );

    it.each([
      ['UPDATE', `UPDATE events SET data = '{"a":2}'`],
      ['DELETE', `DELETE FROM events`],
      ['TRUNCATE', `TRUNCATE events`],
    ])('refuses %s for the application role', async (_op, sql) => {
      await expect(db.app.query(sql)).rejects.toThrow(/permission denied for table events/);
    });

    it.each([
      ['UPDATE', `UPDATE events SET data = '{"a":2}'`],
      ['DELETE', `DELETE FROM events`],
    ])('refuses %s even for the owner (trigger)', async (_op, sql) => {
      await expect(db.owner.query(sql)).rejects.toThrow(/events are immutable/);
    });
  });

  describe('verify', () => {
    it('reports nothing for an intact log and the first broken link after a superuser tampers with a row', async () => {
      await store.appendToStream('cycle-v', [ev('A', { total: 570 }), ev('B', { total: 15 }), ev('C')], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: new Date(),
      });
      await store.appendToStream('cycle-w', [ev('A')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      expect(await store.verify()).toEqual({ checkedEvents: 4, broken: [] });

      await db.owner.query(`ALTER TABLE events DISABLE TRIGGER events_no_update_delete`);
      await db.owner.query(`UPDATE events SET data = '{"total": 750}' WHERE stream_id = 'cycle-v' AND version = 1`);
      await db.owner.query(`ALTER TABLE events ENABLE TRIGGER events_no_update_delete`);

      const result = await store.verify();
      expect(result.broken).toEqual([expect.objectContaining({ streamId: 'cycle-v', version: 1, reason: 'hash_mismatch' })]);
      expect((await store.verify('cycle-w')).broken).toEqual([]);
    });
  });

  describe('reading the global log', () => {
    it("carries the data of the asked types only, every event's place kept (a projection passing what it ignores)", async () => {
      await store.appendToStream('report-r1', [ev('ReportDrafted', { document: 'x'.repeat(10_000) }), ev('ReportSigned', { v: 1 })], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: new Date(),
      });
      // The log's readers are gap-safe across the cluster: another spec's open transaction may hold them back a moment.
      const readBoth = async (dataOf?: string[]) => {
        for (let i = 0; i < 1200; i++) {
          const read = await store.readAll(START_OF_LOG, 1000, undefined, dataOf);
          if (read.length === 2) return read;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the two events never became readable');
      };
      const all = await readBoth();
      const some = await readBoth(['ReportSigned']);
      expect(some.map((e) => [e.type, e.version, e.globalPosition, e.hash])).toEqual(
        all.map((e) => [e.type, e.version, e.globalPosition, e.hash]),
      );
      expect(some.map((e) => e.data)).toEqual([null, { v: 1 }]);
      expect(all[0].data).toEqual({ document: 'x'.repeat(10_000) });
    });

    it('does not skip an event whose transaction commits after a later-positioned one', async () => {
      const seen: RecordedEvent[] = [];
      let checkpoint = START_OF_LOG;
      const poll = async () => {
        const batch = await store.readAll(checkpoint);
        seen.push(...batch);
        if (batch.length) checkpoint = batch[batch.length - 1];
      };
      // A slow transaction takes a global position first and holds it uncommitted…
      const slow = db.app.createQueryRunner();
      await slow.connect();
      await slow.startTransaction();
      await store.appendToStream('cycle-slow', [ev('Slow')], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: new Date(),
        manager: slow.manager,
      });
      // …while a fast one commits after it with a higher position.
      await store.appendToStream('cycle-fast', [ev('Fast')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      await poll();
      expect(seen.map((e) => e.type)).toEqual([]); // the fast event waits behind the open transaction
      await slow.commitTransaction();
      await slow.release();
      // Transactions of other databases in the cluster (parallel test files) can hold the horizon back a moment.
      for (let i = 0; i < 3000 && seen.length < 2; i++) {
        await poll();
        if (seen.length < 2) await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen.map((e) => e.type).sort()).toEqual(['Fast', 'Slow']);
    });
  });

  describe('time travel', () => {
    it('returns a stream as it was at a time or a global position', async () => {
      await store.appendToStream('cycle-t', [ev('Opened')], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: at('2025-01-01T00:00:00Z'),
      });
      const r = await store.appendToStream('cycle-t', [ev('Extended')], {
        expectedVersion: 1,
        metadata: meta,
        now: at('2025-01-05T00:00:00Z'),
      });
      await store.appendToStream('cycle-t', [ev('Closed')], { expectedVersion: 2, metadata: meta, now: at('2025-01-09T00:00:00Z') });
      expect((await store.readStream('cycle-t', { asOf: at('2025-01-06T00:00:00Z') })).map((e) => e.type)).toEqual(['Opened', 'Extended']);
      expect((await store.readStream('cycle-t', { upToPosition: r.events[0].globalPosition })).map((e) => e.type)).toEqual([
        'Opened',
        'Extended',
      ]);
    });
  });
});
