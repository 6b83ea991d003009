import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { json } from 'express';
import { isWrite, WriteBulkhead, writeAdmission, writeAdmissionSettings, WRITE_ADMISSION_DEFAULTS } from './write-admission';

/** Polls `condition` (a state of the bulkhead or of the handlers, not a duration) until it holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * A real HTTP server with the admission middleware in front of a JSON body parser: POST /w/:n records that its
 * handler started (with its body) and answers only when the spec opens its gate; GET /r answers at once.
 */
async function serve(settings: { concurrency: number; queue: number; waitMs: number }) {
  const bulkhead = new WriteBulkhead(settings);
  const started: { n: string; body: unknown }[] = [];
  const gates = new Map<string, () => void>();
  const app = express();
  app.use(writeAdmission(bulkhead));
  app.use(json());
  app.get('/r', (_req, res) => {
    res.json({ running: bulkhead.running, waiting: bulkhead.waiting });
  });

  app.post('/w/:n', (req, res) => {
    const n = String(req.params.n);
    started.push({ n, body: req.body as unknown });
    gates.set(n, () => res.json({ n }));
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const write = (n: number, signal?: AbortSignal) =>
    fetch(`${url}/w/${n}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }), signal });
  const open = async (n: number) => {
    await until(() => gates.has(String(n)), `write ${n} started`);
    gates.get(String(n))!();
  };
  return {
    bulkhead,
    started,
    url,
    write,
    open,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('write admission: settings', () => {
  it('defaults, whole numbers, and refuses anything else naming the setting', () => {
    expect(writeAdmissionSettings({})).toEqual(WRITE_ADMISSION_DEFAULTS);
    expect(writeAdmissionSettings({ WRITE_CONCURRENCY: '5', WRITE_QUEUE: '0', WRITE_QUEUE_WAIT_MS: '250' })).toEqual({
      concurrency: 5,
      queue: 0,
      waitMs: 250,
    });
    expect(() => writeAdmissionSettings({ WRITE_CONCURRENCY: '0' })).toThrow(/WRITE_CONCURRENCY=0/);
    expect(() => writeAdmissionSettings({ WRITE_QUEUE: '-1' })).toThrow(/WRITE_QUEUE=-1/);
    expect(() => writeAdmissionSettings({ WRITE_QUEUE_WAIT_MS: '1.5' })).toThrow(/WRITE_QUEUE_WAIT_MS=1.5/);
    expect(() => writeAdmissionSettings({ WRITE_CONCURRENCY: 'many' })).toThrow(/WRITE_CONCURRENCY=many/);
  });

  it('counts every unsafe method as a write, except the session routes', () => {
    expect(isWrite({ method: 'POST', path: '/cycles/x/units/u/submission/submit' })).toBe(true);
    expect(isWrite({ method: 'PUT', path: '/cycles/x/units/u/submission/draft' })).toBe(true);
    expect(isWrite({ method: 'DELETE', path: '/users/u/sessions' })).toBe(true);
    expect(isWrite({ method: 'PATCH', path: '/org-units/u' })).toBe(true);
    expect(isWrite({ method: 'GET', path: '/cycles/x/board' })).toBe(false);
    expect(isWrite({ method: 'HEAD', path: '/cycles/x/board' })).toBe(false);
    expect(isWrite({ method: 'POST', path: '/auth/login' })).toBe(false);
  });
});

describe('write admission: a bulkhead in front of the writes', () => {
  it('with K writes in progress the next ones wait, in order, before their body is read, while reads are answered', async () => {
    const s = await serve({ concurrency: 1, queue: 2, waitMs: 60_000 });
    try {
      const w1 = s.write(1);
      await until(() => s.started.length === 1, 'write 1 started');
      // Each waiter is queued before the next is sent, so their arrival order is known.
      const w2 = s.write(2);
      await until(() => s.bulkhead.waiting === 1, 'write 2 waiting');
      const w3 = s.write(3);
      await until(() => s.bulkhead.waiting === 2, 'write 3 waiting');

      // A read passes the queue.
      const read = await fetch(`${s.url}/r`);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual({ running: 1, waiting: 2 });
      // The queue is full: the next write is refused at once, with nothing done.
      const w4 = await s.write(4);
      expect(w4.status).toBe(503);
      expect(w4.headers.get('retry-after')).toBe('2');
      expect(await w4.json()).toMatchObject({ statusCode: 503, error: 'SERVER_BUSY', messageVi: expect.stringContaining('thử lại') });
      expect(s.started.map((w) => w.n)).toEqual(['1']);

      await s.open(1);
      expect((await w1).status).toBe(200);
      await s.open(2);
      await s.open(3);
      expect([(await w2).status, (await w3).status]).toEqual([200, 200]);
      // Served in arrival order, each with its body read and parsed once admitted.
      expect(s.started).toEqual([
        { n: '1', body: { n: 1 } },
        { n: '2', body: { n: 2 } },
        { n: '3', body: { n: 3 } },
      ]);
      expect([s.bulkhead.running, s.bulkhead.waiting]).toEqual([0, 0]);
    } finally {
      await s.close();
    }
  });

  it('a write that waits past the limit is answered 503 with Retry-After and never runs; its place is not lost', async () => {
    const s = await serve({ concurrency: 1, queue: 10, waitMs: 150 });
    try {
      const w1 = s.write(1);
      await until(() => s.started.length === 1, 'write 1 started');
      const w2 = await s.write(2);
      expect(w2.status).toBe(503);
      expect(w2.headers.get('retry-after')).toBe('2');
      expect(await w2.json()).toMatchObject({ error: 'SERVER_BUSY' });
      await s.open(1);
      expect((await w1).status).toBe(200);
      // Write 2's turn came after it gave up: it passed the place on without running.
      const w3 = s.write(3);
      await s.open(3);
      expect((await w3).status).toBe(200);
      expect(s.started.map((w) => w.n)).toEqual(['1', '3']);
      await until(() => s.bulkhead.running === 0 && s.bulkhead.waiting === 0, 'the bulkhead empty');
    } finally {
      await s.close();
    }
  });

  it('a client that goes away gives its place back, whether it was waiting or in progress', async () => {
    const s = await serve({ concurrency: 1, queue: 10, waitMs: 60_000 });
    try {
      const first = new AbortController();
      const w1 = s.write(1, first.signal).catch((err: Error) => err.name);
      await until(() => s.started.length === 1, 'write 1 started');
      const second = new AbortController();
      const w2 = s.write(2, second.signal).catch((err: Error) => err.name);
      await until(() => s.bulkhead.waiting === 1, 'write 2 waiting');
      const w3 = s.write(3);
      await until(() => s.bulkhead.waiting === 2, 'write 3 waiting');
      second.abort(); // gone while waiting
      await until(() => s.bulkhead.waiting === 1, 'write 2 gone');
      first.abort(); // gone while in progress: its handler never answers, its place must come back anyway
      expect([await w1, await w2]).toEqual(['AbortError', 'AbortError']);
      await s.open(3);
      expect((await w3).status).toBe(200);
      expect(s.started.map((w) => w.n)).toEqual(['1', '3']);
      await until(() => s.bulkhead.running === 0 && s.bulkhead.waiting === 0, 'the bulkhead empty');
    } finally {
      await s.close();
    }
  });
});
