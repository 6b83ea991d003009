import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './infra/db';
import { RunningProcess, startApi, TEST_ADMIN_PASSWORD } from './infra/processes';
import { request, STARTUP_TIMEOUT_MS } from './support/api-stack';

/**
 * Login hardening (issue #17): one answer and the same work for a wrong password, an unknown username and a
 * username locked out; the lock-out holds against the offending address only (nobody can keep `admin` locked
 * from elsewhere); argon2 runs with bounded concurrency (503 + Retry-After beyond its queue); the session
 * cookie is Secure when the request came over HTTPS through a trusted proxy.
 */
describe('login hardening', () => {
  let db: TestDatabase;
  let proxied: RunningProcess & { url: string };
  let narrow: RunningProcess & { url: string };
  const PASSWORD = 'mat-khau-dung-1';
  const login = (url: string, username: string, password: string, address?: string, headers: Record<string, string> = {}) =>
    request(url, 'POST', '/auth/login', {
      body: { username, password },
      headers: { ...(address ? { 'x-forwarded-for': address } : {}), ...headers },
    });
  const answer = (res: { status: number; body: any }) => ({ status: res.status, body: res.body });
  const BAD = {
    status: 401,
    body: {
      statusCode: 401,
      error: 'INVALID_CREDENTIALS',
      message: 'wrong username or password',
      messageVi: 'Sai tên đăng nhập hoặc mật khẩu.',
    },
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
    // The first behind a proxy on loopback (X-Forwarded-For/-Proto believed); the second with one argon2 at a time and no queue.
    proxied = await startApi({ ...env, TRUST_PROXY: 'loopback' });
    narrow = await startApi({ ...env, PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '0' });
    const admin = await login(proxied.url, 'admin', TEST_ADMIN_PASSWORD);
    for (const username of ['bi.khoa', 'chu.that']) {
      const res = await request(proxied.url, 'POST', '/users', {
        token: admin.body.accessToken,
        body: { username, displayName: 'Tài khoản thử', password: PASSWORD, roles: ['clerk'] },
      });
      if (res.status !== 201) throw new Error(`POST /users: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await proxied?.stop();
    await narrow?.stop();
    await db?.drop();
  });

  it('a wrong password, an unknown username and a username locked out from this address get one answer', async () => {
    const attacker = '203.0.113.7';
    const answers = [];
    for (let i = 1; i <= 6; i++) answers.push(answer(await login(proxied.url, 'bi.khoa', `sai-${i}`, attacker)));
    expect(answers).toEqual(Array.from({ length: 6 }, () => BAD));
    expect(answer(await login(proxied.url, 'khong.co.ai', 'sai', attacker))).toEqual(BAD);
    // Locked out from this address: the right password gets the same answer, and no session is opened.
    expect(answer(await login(proxied.url, 'bi.khoa', PASSWORD, attacker))).toEqual(BAD);
    const [{ n }] = await db.owner.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'bi.khoa'`,
    );
    expect(n).toBe(0);
  });

  it('the lock-out is not a denial of service: the owner logs in from another address while the attacker stays locked out', async () => {
    for (let i = 1; i <= 5; i++) await login(proxied.url, 'chu.that', `sai-${i}`, '198.51.100.9');
    expect(answer(await login(proxied.url, 'chu.that', PASSWORD, '198.51.100.9'))).toEqual(BAD);
    const owner = await login(proxied.url, 'chu.that', PASSWORD, '192.0.2.44');
    expect({ status: owner.status, user: owner.body.user?.username }).toEqual({ status: 200, user: 'chu.that' });
    expect(answer(await login(proxied.url, 'chu.that', PASSWORD, '198.51.100.9'))).toEqual(BAD);
  });

  it('takes about as long for an unknown username, a wrong password and a locked-out one (the same argon2 work)', async () => {
    const time = async (username: string, password: string, address: string) => {
      const started = process.hrtime.bigint();
      expect((await login(proxied.url, username, password, address)).status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const median = async (username: string, password: string, address: string) => {
      const t = [];
      for (let i = 0; i < 5; i++) t.push(await time(username, password, address));
      return t.sort((a, b) => a - b)[2];
    };
    const locked = await median('bi.khoa', PASSWORD, '203.0.113.7');
    const unknown = await median('khong.ton.tai.2', 'sai', '192.0.2.50');
    // An answer without argon2 would take ~1 ms; with it tens of milliseconds. Each path costs at least half of the others.
    expect(Math.min(locked, unknown) / Math.max(locked, unknown)).toBeGreaterThan(0.5);
  });

  it('argon2 runs one at a time here, with no queue: a burst gets 503 SERVER_BUSY with Retry-After, never a 500', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(narrow.url, `nguoi.${i}`, 'sai')));
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    const busy = burst.find((r) => r.status === 503)!;
    expect(busy).toBeDefined();
    expect({ body: busy.body, retryAfter: busy.headers.get('retry-after') }).toEqual({
      body: {
        statusCode: 503,
        error: 'SERVER_BUSY',
        message: 'too many password checks in progress; retry shortly',
        messageVi: 'Hệ thống đang bận; vui lòng thử lại sau ít giây.',
      },
      retryAfter: '1',
    });
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('the session cookie is Secure over HTTPS (X-Forwarded-Proto from a trusted proxy), not over plain HTTP', async () => {
    const https = await login(proxied.url, 'admin', TEST_ADMIN_PASSWORD, '192.0.2.60', { 'x-forwarded-proto': 'https' });
    expect(https.status).toBe(200);
    expect(https.headers.get('set-cookie')).toMatch(/^kybaocao_session=[^;]+;.*;\s*Secure(;|$)/i);
    expect(https.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const plain = await login(proxied.url, 'admin', TEST_ADMIN_PASSWORD, '192.0.2.61');
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    // Without trust in a proxy the header is not believed.
    const untrusted = await login(narrow.url, 'admin', TEST_ADMIN_PASSWORD, undefined, { 'x-forwarded-proto': 'https' });
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });
});
