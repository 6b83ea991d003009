import fc from 'fast-check';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, request, startStack, STARTUP_TIMEOUT_MS, VALID_CONTENT } from '../support/api-stack';
import { rawRequest } from '../support/raw-http';
import { FuzzRequest, OpenApiFuzzer } from './openapi-requests';

/**
 * Property-based fuzzing from the served OpenAPI document (issue #17): requests generated for every operation —
 * valid and broken bodies, parameters and headers — sent as a coordinator, as a reporter and without a session.
 * Properties: no answer is a 5xx, the API stays up, and the event store's hash chain still verifies afterwards.
 *
 * `npm test` sends FUZZ_REQUESTS (default 1,500); `npm run test:fuzz` sends 40,000. FUZZ_SEED replays a run.
 */

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 4;
const UNIT = 'hlhpn-tam-duong';
const OTHER_UNIT = 'hnd-tam-duong';

describe(`fuzzing the API from its OpenAPI document (${REQUESTS} requests, seed ${SEED})`, () => {
  let stack: ApiStack;
  let sessions: ApiSession[];
  let doc: any;
  let cycleId: string;
  let reporterId: string;

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    const [coordinator, reporter] = await Promise.all([login(url, 'chuyenvien.bdv'), login(url, `canbo.${UNIT}`)]);
    sessions = [coordinator, reporter];
    cycleId = await openCycle(coordinator, [UNIT, OTHER_UNIT]);
    // Some state for the generated requests to act on: a draft and a submission of the reporter's unit.
    await reporter.call('PUT', `/cycles/${cycleId}/units/${UNIT}/submission/draft`, VALID_CONTENT);
    reporterId = (await reporter.call('GET', '/auth/me')).body.id;
    doc = (await request(url, 'GET', '/docs/openapi.json')).body;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it(
    'answers no generated request with a 5xx, stays up, and leaves the hash chain intact',
    async () => {
      const fuzzer = new OpenApiFuzzer(doc, {
        sessions: sessions.length,
        known: {
          cycleId: [cycleId, stack.demoCycleId],
          unitId: [UNIT, OTHER_UNIT, 'huyen-uy-tam-duong'],
          id: [reporterId],
          templateId: ['dan-van-annual'],
          version: ['1', '2'],
          parentId: ['huyen-uy-tam-duong'],
          streamId: [`cycle-${cycleId}`, `submission-${cycleId}:${UNIT}`, `user-${reporterId}`],
        },
        // Logout would end the fuzzing sessions; every other operation is fair game.
        skip: (method, route) => method === 'POST' && route === '/auth/logout',
      });
      const generated: FuzzRequest[] = fc.sample(fuzzer.requests(), { numRuns: REQUESTS, seed: SEED });
      const byStatus: Record<string, number> = {};
      const failures: { request: FuzzRequest; status: number; body: string }[] = [];
      const started = Date.now();
      let next = 0;
      const send = async (req: FuzzRequest) => {
        const headers = { ...req.headers, ...(req.session >= 0 ? { authorization: `Bearer ${sessions[req.session].token}` } : {}) };
        try {
          const res = await rawRequest(stack.api.url, req.method, req.path, req.body, headers);
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) failures.push({ request: req, status: res.status, body: (res.text ?? '').slice(0, 300) });
        } catch (err) {
          byStatus.connection = (byStatus.connection ?? 0) + 1;
          failures.push({ request: req, status: 0, body: String(err) });
        }
      };
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < generated.length) await send(generated[next++]);
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `[fuzz] ${generated.length} requests (seed ${SEED}) in ${seconds.toFixed(1)} s; answers by status ${JSON.stringify(byStatus)}; ${failures.length} failure(s)\n`,
      );

      const shown = failures.slice(0, 10).map((f) => ({
        status: f.status,
        route: f.request.route,
        path: f.request.path,
        headers: f.request.headers,
        body: typeof f.request.body === 'string' ? f.request.body.slice(0, 300) : f.request.body?.toString('base64').slice(0, 300),
        answer: f.body,
      }));
      expect(shown).toEqual([]);
      // The generated requests did reach the handlers: some were accepted, many refused.
      expect(Object.keys(byStatus).some((s) => /^2/.test(s))).toBe(true);
      expect(byStatus['400'] ?? 0).toBeGreaterThan(0);

      expect((await request(stack.api.url, 'GET', '/health')).status).toBe(200);
      const verify = await sessions[0].call('GET', '/audit/verify');
      expect({ status: verify.status, broken: verify.body.broken }).toEqual({ status: 200, broken: [] });
      expect(await new EventStore(stack.db.owner).verify()).toEqual({ checkedEvents: expect.any(Number), broken: [] });
    },
    120_000 + REQUESTS * 40,
  );
});
