import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../../test/infra/db';
import { EventCheckpoints, verifyEventLog } from './checkpoints';
import { eventHash, EventMetadata, EventStore } from './event-store';

/**
 * The database guards the events (issue #17), tested as an attacker who holds the owner's credentials would act:
 * the services' own login role cannot leave its privileges; an insert that does not chain to its stream's head is
 * refused even for the owner; and what the owner can still do after disabling the immutability trigger — delete a
 * stream's tail, delete a whole stream, rewrite a tail with recomputed hashes — no longer matches the signed checkpoint.
 */

const meta: EventMetadata = { actor: { userId: 'u-1', role: 'reporter' }, correlationId: 'c-1' };
const ev = (type: string, data: unknown = {}) => ({ eventId: randomUUID(), type, data });
const KEY = { secret: 'a-checkpoint-key-kept-outside-the-database!' };

describe('the database guards the event log', () => {
  let db: TestDatabase;
  let store: EventStore;
  let checkpoints: EventCheckpoints;

  beforeEach(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    checkpoints = new EventCheckpoints(db.app, KEY);
  });
  afterEach(() => db.drop());

  /** Two streams of three events each, and a checkpoint over them, written as the services do. */
  async function loggedAndCheckpointed(): Promise<void> {
    for (const stream of ['cycle-a', 'submission-a:u1']) {
      await store.appendToStream(stream, [ev('One', { n: 1 }), ev('Two', { n: 2 }), ev('Three', { n: 3 })], {
        expectedVersion: 'no_stream',
        metadata: meta,
        now: new Date(),
      });
    }
    const written = await checkpoints.write(new Date());
    expect(written).toMatchObject({ sequence: 1, streams: 2 });
    expect(await verifyEventLog(store, checkpoints)).toMatchObject({ checkedEvents: 6, broken: [], checkpoint: { status: 'intact' } });
  }
  /** The owner's way around the immutability trigger. */
  const asOwnerWithoutImmutability = async (sql: string, params: unknown[] = []) => {
    await db.owner.query(`ALTER TABLE events DISABLE TRIGGER events_no_update_delete`);
    try {
      await db.owner.query(sql, params);
    } finally {
      await db.owner.query(`ALTER TABLE events ENABLE TRIGGER events_no_update_delete`);
    }
  };
  const logMismatch = (found: number) => ({
    broken: [{ streamId: '*', version: 0, globalPosition: expect.any(String), reason: 'log_mismatch' }],
    checkpoint: expect.objectContaining({ status: 'log_mismatch', found: { streams: found } }),
  });

  describe("the services' login role", () => {
    it('is not a superuser, not the owner and not a member of the owner', async () => {
      const [row] = await db.app.query(`
        SELECT current_user AS me, r.rolsuper AS super, (SELECT tableowner FROM pg_tables WHERE tablename = 'events') AS owner,
               pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'events'), 'MEMBER') AS member_of_owner
          FROM pg_roles r WHERE r.rolname = current_user`);
      expect(row).toEqual({ me: 'kybaocao_app', super: false, owner: expect.not.stringMatching(/^kybaocao_app$/), member_of_owner: false });
    });
    it('cannot leave its privileges: SET ROLE NONE keeps it, SET ROLE to the owner, disabling the trigger and DELETE are refused', async () => {
      const client = new Client({ connectionString: db.appUrl });
      await client.connect();
      try {
        await client.query(`SET ROLE NONE`);
        const [{ owner }] = (await client.query(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'events'`)).rows;
        await expect(client.query(`SET ROLE ${owner}`)).rejects.toThrow(/permission denied to set role/);
        await expect(client.query(`ALTER TABLE events DISABLE TRIGGER events_no_update_delete`)).rejects.toThrow(/must be owner/);
        await expect(client.query(`DELETE FROM events`)).rejects.toThrow(/permission denied for table events/);
        await expect(client.query(`DROP TRIGGER events_chain_on_insert ON events`)).rejects.toThrow(/must be owner/);
      } finally {
        await client.end();
      }
    });
  });

  describe('inserts that do not chain', () => {
    it('an insert with a forged previous hash is refused, even for the owner', async () => {
      await store.appendToStream('cycle-f', [ev('One')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const forged = 'f'.repeat(64);
      const insert = (pool: TestDatabase['app']) =>
        pool.query(
          `INSERT INTO events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)
         VALUES ('cycle-f', 'cycle', 2, $1, 'Forged', '{}', '{}', now(), $2, $3)`,
          [randomUUID(), 'a'.repeat(64), forged],
        );
      await expect(insert(db.owner)).rejects.toThrow(/prev_hash of cycle-f version 2 is not the hash of the stream's head/);
      await expect(insert(db.app)).rejects.toThrow(/prev_hash of cycle-f version 2 is not the hash of the stream's head/);
      expect(await store.streamVersion('cycle-f')).toBe(1);
    });
    it('an insert that skips a version, or starts a stream with a previous hash, is refused', async () => {
      await store.appendToStream('cycle-g', [ev('One')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const [{ hash }] = await db.owner.query(`SELECT hash FROM events WHERE stream_id = 'cycle-g'`);
      const insert = (stream: string, version: number, prev: string | null) =>
        db.owner.query(
          `INSERT INTO events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)
         VALUES ($1, 'cycle', $2, $3, 'X', '{}', '{}', now(), $4, $5)`,
          [stream, version, randomUUID(), 'b'.repeat(64), prev],
        );
      await expect(insert('cycle-g', 3, hash)).rejects.toThrow(/stream cycle-g is at version 1, an append must be version 2 \(got 3\)/);
      await expect(insert('cycle-new', 1, hash)).rejects.toThrow(/prev_hash of cycle-new version 1 is not the hash of the stream's head/);
      await expect(insert('cycle-g', 1, null)).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_version_unique' });
    });
    it('concurrent appends at the same version still answer as a version conflict (not a chain error)', async () => {
      await store.appendToStream('cycle-r', [ev('One')], { expectedVersion: 'no_stream', metadata: meta, now: new Date() });
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          store.appendToStream('cycle-r', [ev('Next')], { expectedVersion: 1, metadata: meta, now: new Date() }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected'))
        expect(r.reason.code).toBe('STREAM_VERSION_CONFLICT');
    });
  });

  describe('tampering by the owner is detected against the signed checkpoint', () => {
    it('a deleted tail', async () => {
      await loggedAndCheckpointed();
      await asOwnerWithoutImmutability(`DELETE FROM events WHERE stream_id = 'cycle-a' AND version = 3`);
      expect((await store.verify()).broken).toEqual([]); // each stream alone still chains
      expect(await verifyEventLog(store, checkpoints)).toMatchObject(logMismatch(2));
    });
    it('a deleted stream', async () => {
      await loggedAndCheckpointed();
      await asOwnerWithoutImmutability(`DELETE FROM events WHERE stream_id = 'submission-a:u1'`);
      expect((await store.verify()).broken).toEqual([]);
      expect(await verifyEventLog(store, checkpoints)).toMatchObject(logMismatch(1));
    });
    it('a rewritten tail with recomputed hashes', async () => {
      await loggedAndCheckpointed();
      const [last] = (await store.readStream('cycle-a')).slice(-1);
      const data = { n: 3000 };
      const hash = eventHash({ ...last, data });
      await asOwnerWithoutImmutability(`UPDATE events SET data = $1, hash = $2 WHERE event_id = $3`, [data, hash, last.eventId]);
      expect((await store.readStream('cycle-a'))[2].data).toEqual(data);
      expect((await store.verify()).broken).toEqual([]); // the chain was recomputed: per-stream verification cannot see it
      expect(await verifyEventLog(store, checkpoints)).toMatchObject(logMismatch(2));
    });
    it('a checkpoint forged to match the tampered log is refused (the key is not in the database)', async () => {
      await loggedAndCheckpointed();
      await asOwnerWithoutImmutability(`DELETE FROM events WHERE stream_id = 'submission-a:u1'`);
      // The attacker recomputes the digest and writes a checkpoint signed with a key of their own.
      await new EventCheckpoints(db.owner, { secret: 'the-attackers-own-key-of-32-characters-or-more' }).write(new Date());
      expect(await verifyEventLog(store, checkpoints)).toMatchObject({
        broken: [{ streamId: '*', reason: 'checkpoint_invalid' }],
        checkpoint: { status: 'checkpoint_invalid', message: expect.stringMatching(/signed with another key/) },
      });
    });
    it('a checkpoint is written only when the log moved, and chains to the previous one', async () => {
      await loggedAndCheckpointed();
      expect(await checkpoints.write(new Date())).toBeNull();
      await store.appendToStream('cycle-a', [ev('Four')], { expectedVersion: 3, metadata: meta, now: new Date() });
      const second = await checkpoints.write(new Date());
      const [first] = await db.owner.query(`SELECT signature FROM event_checkpoints WHERE sequence = 1`);
      expect(second).toMatchObject({ sequence: 2, streams: 2, previousSignature: first.signature });
      expect(await verifyEventLog(store, checkpoints)).toMatchObject({
        broken: [],
        checkpoint: { status: 'intact', latest: { sequence: 2 } },
      });
    });
  });
});
