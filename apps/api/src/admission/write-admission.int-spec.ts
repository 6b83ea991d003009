import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { VALID_CONTENT } from '../../../../test/support/api-stack';
import { collectingCycle } from '../../../../test/support/in-process-cycle';
import { AppModule } from '../app.module';
import { configureApp } from '../app.setup';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';
import { WRITE_ADMISSION_SETTING, type WriteBulkhead } from './write-admission';

/** Polls a state (of the bulkhead or of PostgreSQL's lock table), never a duration. */
async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Issue #16, the board while clients submit: the API admits at most WRITE_CONCURRENCY writes at once (here 1) and
 * queues the rest before any work, in order; a read is answered meanwhile. The API runs in this process on a real
 * PostgreSQL. A write is held in progress by PostgreSQL itself: the spec locks the event log against inserts
 * (LOCK TABLE events IN EXCLUSIVE MODE, which still lets every read through), so an admitted draft save blocks on
 * its append until the spec lets go.
 */
describe('write admission: reads are not queued behind writes (API in process, real PostgreSQL)', () => {
  const UNITS = ['wa-dv-1', 'wa-dv-2', 'wa-dv-3', 'wa-dv-4', 'wa-dv-5', 'wa-dv-6'];
  const settings: Record<string, string> = {
    DATABASE_URL: '',
    JWT_SECRET: 'write-admission-jwt-secret-of-at-least-32-characters',
    BOOTSTRAP_ADMIN_PASSWORD: 'wa-bootstrap-password',
    LOGIN_RATE_LIMIT_PER_ADDRESS: '1000000',
    LOGIN_RATE_LIMIT_PER_USERNAME: '1000000',
    WRITE_CONCURRENCY: '1',
    WRITE_QUEUE: '2',
    WRITE_QUEUE_WAIT_MS: '8000',
  };
  let saved: Record<string, string | undefined> = {};
  let db: TestDatabase;
  let app: INestApplication;
  let bulkhead: WriteBulkhead;
  let url = '';
  let reporter: ApiSession;
  let reviewer: ApiSession;
  let owner: Client;
  let cycleId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(settings, { DATABASE_APP_URL: db.appUrl, TEMPORAL_TASK_QUEUE: `wa-${db.name}` });
    saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
    Object.assign(process.env, settings);
    app = await NestFactory.create(AppModule, { bodyParser: false, logger: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    bulkhead = (app.getHttpAdapter().getInstance() as { get(name: string): WriteBulkhead }).get(WRITE_ADMISSION_SETTING);
    const admin = new ApiSession(url, await firstAdminLogin(url, 'wa-bootstrap-password', 'wa-admin-password'));
    ({ cycleId, reporter, reviewer } = await collectingCycle(url, admin, db, UNITS, 'wa'));
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await app?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await db?.drop();
  });

  const draft = (unitId: string) => reporter.call('PUT', `/cycles/${cycleId}/units/${unitId}/submission/draft`, VALID_CONTENT);
  /** Appends waiting for the spec's lock on the event log. */
  const blockedAppends = async () =>
    Number((await owner.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'events'::regclass AND NOT granted`)).rows[0].n);
  /** The units whose draft was stored, in the log's order. */
  const draftsInOrder = async () =>
    (
      await owner.query(
        `SELECT data->>'unitId' AS unit FROM events WHERE event_type = 'SubmissionDraftSaved' AND stream_id LIKE $1 ORDER BY global_position`,
        [`%${cycleId}%`],
      )
    ).rows.map((r: { unit: string }) => r.unit);
  const lockLog = async () => {
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE events IN EXCLUSIVE MODE');
  };

  it('with K writes in progress, further writes wait in order without touching the database, and the board is answered', async () => {
    await lockLog();
    let locked = true;
    try {
      const w1 = draft(UNITS[0]);
      await until(async () => (await blockedAppends()) === 1, 'the first draft save blocked on its append');
      const w2 = draft(UNITS[1]);
      await until(() => bulkhead.waiting === 1, 'the second draft save waiting');
      const w3 = draft(UNITS[2]);
      await until(() => bulkhead.waiting === 2, 'the third draft save waiting');

      // Reads pass: the board and the session's own route, while one write is in progress and two wait.
      const board = await reviewer.call('GET', `/cycles/${cycleId}/board`);
      expect([board.status, board.body.units.length]).toEqual([200, UNITS.length]);
      expect((await reporter.call('GET', '/auth/me')).status).toBe(200);
      // The queue is full: the next write is refused at once, 503 with Retry-After, and stores nothing.
      const w4 = await draft(UNITS[3]);
      expect([w4.status, w4.body.error, w4.headers.get('retry-after')]).toEqual([503, 'SERVER_BUSY', '2']);
      // The waiting writes did no work: only the admitted one reached the database.
      expect(await blockedAppends()).toBe(1);
      expect([bulkhead.running, bulkhead.waiting]).toEqual([1, 2]);

      await owner.query('COMMIT');
      locked = false;
      expect([(await w1).status, (await w2).status, (await w3).status]).toEqual([200, 200, 200]);
      // Served one at a time, in the order they came.
      expect(await draftsInOrder()).toEqual(UNITS.slice(0, 3));
    } finally {
      if (locked) await owner.query('ROLLBACK');
    }
  }, 120_000);

  it('a write that waits past WRITE_QUEUE_WAIT_MS is answered 503 with Retry-After, never a hang or a 500, and stores nothing', async () => {
    await lockLog();
    let locked = true;
    try {
      const w5 = draft(UNITS[4]);
      await until(async () => (await blockedAppends()) === 1, 'the draft save blocked on its append');
      const w6 = await draft(UNITS[5]);
      expect([w6.status, w6.body.error, w6.headers.get('retry-after')]).toEqual([503, 'SERVER_BUSY', '2']);
      expect(w6.body.messageVi).toMatch(/thử lại/);
      await owner.query('COMMIT');
      locked = false;
      expect((await w5).status).toBe(200);
      expect(await draftsInOrder()).toEqual(UNITS.slice(0, 3).concat(UNITS[4]));
      // Its place came back: the same write goes through now.
      expect((await draft(UNITS[5])).status).toBe(200);
      await until(() => bulkhead.running === 0 && bulkhead.waiting === 0, 'every place given back');
    } finally {
      if (locked) await owner.query('ROLLBACK');
    }
  }, 120_000);
});
