import http from 'node:http';
import { DEMO_REPORTING_UNIT_IDS } from '../apps/api/src/demo/demo-data';
import { login, startStack, STARTUP_TIMEOUT_MS, VALID_CONTENT, type ApiStack } from './support/api-stack';
import { ACCOUNT_PASSWORD, createAccount } from './support/accounts';
import { TEST_ADMIN_PASSWORD } from './infra/processes';
import { readModelsCurrent } from './support/read-models';

/**
 * Issue #16: the API as several processes on one port (API_PROCESSES=2, node:cluster). Every request below goes
 * on a connection of its own, which the cluster's primary hands to its workers in turn, and each answer names the
 * process that served it (X-Api-Process, switched on for this test only by API_PROCESS_HEADER=1). What one process
 * counts, the other must see: the login lock-out and the login rate limit are kept in PostgreSQL, and the read
 * models are applied once whichever process brings them up to date.
 */
describe('the API as two processes on one port', () => {
  let stack: ApiStack;
  const PER_USERNAME_LIMIT = 8;

  /** One request on a fresh connection (no keep-alive), so that successive requests reach the processes in turn. */
  const fresh = (method: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) =>
    new Promise<{ status: number; body: any; process: string }>((resolve, reject) => {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = http.request(
        `${stack.api.url}${path}`,
        {
          method,
          agent: false,
          headers: {
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, process: String(res.headers['x-api-process']) }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const loginFrom = (username: string, password: string, address: string) =>
    fresh('POST', '/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': address } });

  beforeAll(async () => {
    stack = await startStack({
      seed: true,
      apiEnv: {
        API_PROCESSES: '2',
        API_PROCESS_HEADER: '1',
        TRUST_PROXY: 'loopback', // the client address of a login is the X-Forwarded-For this test sends
        LOGIN_RATE_LIMIT_PER_USERNAME: String(PER_USERNAME_LIMIT),
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it('two processes listen on the one port and both serve requests', async () => {
    const served = [];
    for (let i = 0; i < 10; i++) {
      const res = await fresh('GET', '/health');
      expect(res.status).toBe(200);
      served.push(res.process);
    }
    expect(new Set(served)).toEqual(new Set(['0', '1']));
    const listening = [...stack.api.output().matchAll(/process (\d) \(pid (\d+)\) listening/g)];
    expect(new Set(listening.map((m) => m[1]))).toEqual(new Set(['0', '1']));
    expect(new Set(listening.map((m) => m[2])).size).toBe(2);
  });

  it('the lock-out counts the wrong passwords both processes saw, and locks after five', async () => {
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const { username } = await createAccount(admin, 'khoa.hai.tien.trinh');
    const attacker = '203.0.113.21';
    const failures = [];
    for (let i = 1; i <= 5; i++) failures.push(await loginFrom(username, `sai-${i}`, attacker));
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(failures.map((r) => r.process))).toEqual(new Set(['0', '1'])); // neither process saw five alone
    // Locked out from this address, in both processes: the right password gets the wrong password's answer.
    const afterwards = [await loginFrom(username, ACCOUNT_PASSWORD, attacker), await loginFrom(username, ACCOUNT_PASSWORD, attacker)];
    expect(afterwards.map((r) => [r.status, r.body.error])).toEqual([
      [401, 'INVALID_CREDENTIALS'],
      [401, 'INVALID_CREDENTIALS'],
    ]);
    expect(new Set(afterwards.map((r) => r.process))).toEqual(new Set(['0', '1']));
    // The owner, from elsewhere, still logs in: the 401s above were the lock-out, not a wrong password.
    expect((await loginFrom(username, ACCOUNT_PASSWORD, '192.0.2.80')).status).toBe(200);
  });

  it('the per-username rate limit counts the attempts both processes saw', async () => {
    const attempts = [];
    for (let i = 0; i <= PER_USERNAME_LIMIT; i++) attempts.push(await loginFrom('khong.ai.ca', 'sai', `198.51.100.${i + 1}`));
    expect(attempts.map((r) => r.status)).toEqual([...Array.from({ length: PER_USERNAME_LIMIT }, () => 401), 429]);
    expect(attempts[PER_USERNAME_LIMIT].body.error).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(new Set(attempts.map((r) => r.process))).toEqual(new Set(['0', '1']));
  });

  it('a burst of submissions through both processes is counted once on the board, which both processes read alike', async () => {
    const units = DEMO_REPORTING_UNIT_IDS;
    const sessions = await Promise.all(units.map((u) => login(stack.api.url, `canbo.${u}`)));
    const coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    const board = () => fresh('GET', `/cycles/${stack.demoCycleId}/board`, { token: coordinator.token });
    // Board reads during the burst, on both processes (they wait for nobody's writes but their caller's own).
    const [submissions] = await Promise.all([
      Promise.all(
        units.map((u, i) =>
          fresh('POST', `/cycles/${stack.demoCycleId}/units/${u}/submission/submit`, {
            token: sessions[i].token,
            body: { content: VALID_CONTENT },
          }),
        ),
      ),
      Promise.all(Array.from({ length: 6 }, () => board())),
    ]);
    expect(submissions.map((r) => r.status)).toEqual(units.map(() => 200));
    expect(new Set(submissions.map((r) => r.process))).toEqual(new Set(['0', '1']));
    // The submissions are other users' writes: the coordinator sees them once the read models (process 0's loop) took them in.
    await readModelsCurrent(stack.api.url);
    const after = [];
    for (let i = 0; i < 4; i++) after.push(await board());
    expect(new Set(after.map((r) => r.process))).toEqual(new Set(['0', '1']));
    for (const r of after) {
      expect(r.status).toBe(200);
      expect(r.body.overall).toMatchObject({ expected: units.length, submitted: units.length, pending: 0 });
    }
    const [{ n }] = await stack.db.owner.query(
      `SELECT count(*)::int AS n FROM events WHERE event_type = 'SubmissionSubmitted' AND stream_id LIKE $1`,
      [`submission-${stack.demoCycleId}:%`],
    );
    expect(n).toBe(units.length);
  });
});
