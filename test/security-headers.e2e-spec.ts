import { randomUUID } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { createTestDatabase, TestDatabase } from './infra/db';
import { RunningProcess, startApi } from './infra/processes';
import { ApiStack, request, startStack, STARTUP_TIMEOUT_MS } from './support/api-stack';
import { rawGet } from './support/raw-get';

const { freePort } = require('../scripts/lib/util');

/**
 * Security headers on every answer (helmet), and /health that does not hand a caller without a session the
 * drivers' error text (issue #17).
 */
describe('security headers and /health', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startStack({ seed: false });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(['/health', '/ui/', '/docs', '/org-units', '/no-such-route'])(
    '%s: CSP with scripts from self only, no framing, no X-Powered-By',
    async (path) => {
      const res = await request(stack.api.url, 'GET', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp.split(';').map((d) => d.trim())).toEqual(
        expect.arrayContaining(["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"]),
      );
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect({
        poweredBy: res.headers.get('x-powered-by'),
        frame: res.headers.get('x-frame-options'),
        sniff: res.headers.get('x-content-type-options'),
      }).toEqual({ poweredBy: null, frame: 'DENY', sniff: 'nosniff' });
    },
  );

  it('an API answer is never revalidated: Cache-Control no-store and no ETag hashed from its body (the board is 45 KB)', async () => {
    for (const path of ['/health', '/org-units']) {
      const res = await request(stack.api.url, 'GET', path);
      expect({ path, cache: res.headers.get('cache-control'), etag: res.headers.get('etag') }).toEqual({
        path,
        cache: 'no-store',
        etag: null,
      });
    }
  });

  it('the pages served here run under that CSP: no inline script in the web UI or Swagger UI', async () => {
    for (const path of ['/ui/', '/docs']) {
      const html = (await request(stack.api.url, 'GET', path)).text ?? '';
      expect(html).toMatch(/<script[^>]*\ssrc=/);
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([]);
      expect(html).not.toMatch(/\son(click|load|error)=/i);
    }
  });

  it("the web app's scripts go to a browser that accepts brotli compressed as the build wrote them, the same code", async () => {
    const html = (await request(stack.api.url, 'GET', '/ui/')).text ?? '';
    const scripts = [...html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    let plainBytes = 0;
    let sentBytes = 0;
    for (const path of scripts) {
      const [plain, br] = [
        await rawGet(`${stack.api.url}${path}`, 'identity'),
        await rawGet(`${stack.api.url}${path}`, 'gzip, deflate, br'),
      ];
      expect([plain.status, br.status, plain.headers['content-encoding']]).toEqual([200, 200, undefined]);
      const code = br.headers['content-encoding'] === 'br' ? brotliDecompressSync(br.body) : br.body;
      expect({ path, same: code.equals(plain.body) }).toEqual({ path, same: true });
      plainBytes += plain.body.length;
      sentBytes += br.body.length;
    }
    // The first page's scripts: most of them compressed (the smallest stay as they are).
    expect({ plainBytes, sentBytes, third: sentBytes < plainBytes / 3 }).toEqual({ plainBytes, sentBytes, third: true });
  });

  describe('login rate limit', () => {
    let db: TestDatabase;
    let otherDb: TestDatabase;
    let perUsername: RunningProcess & { url: string };
    let perAddress: RunningProcess & { url: string };
    const attempt = (url: string, username: string) =>
      request(url, 'POST', '/auth/login', { body: { username, password: 'sai-mat-khau' } });
    beforeAll(async () => {
      // A database each: the counters are kept in PostgreSQL, shared by every API process on one database.
      [db, otherDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
      const env = { TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
      [perUsername, perAddress] = await Promise.all([
        // No first login as admin: it would count against the limits under test.
        startApi(
          { ...env, DATABASE_URL: db.url, LOGIN_RATE_LIMIT_PER_USERNAME: '3', LOGIN_RATE_LIMIT_PER_ADDRESS: '1000' },
          { firstAdminLogin: false },
        ),
        startApi(
          { ...env, DATABASE_URL: otherDb.url, LOGIN_RATE_LIMIT_PER_USERNAME: '1000', LOGIN_RATE_LIMIT_PER_ADDRESS: '4' },
          { firstAdminLogin: false },
        ),
      ]);
    }, STARTUP_TIMEOUT_MS);
    afterAll(async () => {
      await perUsername?.stop();
      await perAddress?.stop();
      await db?.drop();
      await otherDb?.drop();
    });
    const limited = (res: { status: number; body: any; headers: Headers }) => ({
      status: res.status,
      body: res.body,
      retryAfter: Number(res.headers.get('retry-after')) > 0,
    });
    const TOO_MANY = {
      status: 429,
      retryAfter: true,
      body: {
        statusCode: 429,
        error: 'TOO_MANY_LOGIN_ATTEMPTS',
        message: 'too many login attempts from this address or for this username; retry later',
        messageVi: 'Đăng nhập quá nhiều lần; vui lòng thử lại sau ít phút.',
      },
    };

    it('per username: the same 429 for an existing and an unknown account once the limit is reached; other usernames unaffected', async () => {
      for (const username of ['admin', 'khong.ton.tai']) {
        for (let i = 0; i < 3; i++) expect((await attempt(perUsername.url, username)).status).toBe(401);
        expect(limited(await attempt(perUsername.url, username))).toEqual(TOO_MANY);
        expect(limited(await attempt(perUsername.url, `  ${username.toUpperCase()} `))).toEqual(TOO_MANY); // the same username, spelt otherwise
      }
      expect((await attempt(perUsername.url, 'nguoi.khac')).status).toBe(401);
    });
    it('per address: the same 429 whatever the username once the address reached its limit', async () => {
      for (let i = 0; i < 4; i++) expect((await attempt(perAddress.url, `user.${i}`)).status).toBe(401);
      expect(limited(await attempt(perAddress.url, 'admin'))).toEqual(TOO_MANY);
      expect(limited(await attempt(perAddress.url, 'another.user'))).toEqual(TOO_MANY);
    });
  });

  describe('with Temporal unreachable', () => {
    let db: TestDatabase;
    let api: RunningProcess & { url: string };
    let deadPort: number;
    beforeAll(async () => {
      db = await createTestDatabase();
      deadPort = await freePort();
      api = await startApi({ DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}` });
    }, STARTUP_TIMEOUT_MS);
    afterAll(async () => {
      await api?.stop();
      await db?.drop();
    });

    it("/health says which dependency is down, without the driver's text (addresses, ports, errno)", async () => {
      const res = await request(api.url, 'GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 'degraded',
        database: { status: 'up', latencyMs: expect.any(Number) },
        temporal: { status: 'down', latencyMs: expect.any(Number), error: expect.stringMatching(/^(unreachable|no answer in time)$/) },
      });
      expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|tcp|transport/i);
      expect(res.text).not.toContain(String(deadPort));
    });
  });
});
