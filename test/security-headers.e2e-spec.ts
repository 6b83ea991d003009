import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './infra/db';
import { RunningProcess, startApi } from './infra/processes';
import { ApiStack, request, startStack, STARTUP_TIMEOUT_MS } from './support/api-stack';

/* eslint-disable @typescript-eslint/no-require-imports */
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

  it.each(['/health', '/ui/', '/docs', '/org-units', '/no-such-route'])('%s: CSP with scripts from self only, no framing, no X-Powered-By', async (path) => {
    const res = await request(stack.api.url, 'GET', path);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toEqual(expect.arrayContaining(["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"]));
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect({
      poweredBy: res.headers.get('x-powered-by'), frame: res.headers.get('x-frame-options'), sniff: res.headers.get('x-content-type-options'),
    }).toEqual({ poweredBy: null, frame: 'DENY', sniff: 'nosniff' });
  });

  it('the pages served here run under that CSP: no inline script in the web UI or Swagger UI', async () => {
    for (const path of ['/ui/', '/docs']) {
      const html = (await request(stack.api.url, 'GET', path)).text ?? '';
      expect(html).toMatch(/<script[^>]*\ssrc=/);
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([]);
      expect(html).not.toMatch(/\son(click|load|error)=/i);
    }
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

    it('/health says which dependency is down, without the driver\'s text (addresses, ports, errno)', async () => {
      const res = await request(api.url, 'GET', '/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 'degraded', database: { status: 'up', latencyMs: expect.any(Number) },
        temporal: { status: 'down', latencyMs: expect.any(Number), error: expect.stringMatching(/^(unreachable|no answer in time)$/) },
      });
      expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|tcp|transport/i);
      expect(res.text).not.toContain(String(deadPort));
    });
  });
});
