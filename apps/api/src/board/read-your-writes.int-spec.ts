import 'reflect-metadata';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { VALID_CONTENT } from '../../../../test/support/api-stack';
import { collectingCycle } from '../../../../test/support/in-process-cycle';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';
import { countSql } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';

/**
 * Issue #16: the board and the work queues (the reviewer's GET /reviews, a reporter's GET /me/assignments) wait for
 * their read models only up to what the caller itself wrote (its consistency token, the kbc_written cookie or the
 * X-Written-Position header), never for other users' writes. The API runs in this process
 * with its background projection loop held back (PROJECTOR_INTERVAL_MS of an hour): what a read shows of a write is
 * then only what that read itself caught up.
 */
describe("the board and the work queues show the caller's own writes at once and do not wait for others'", () => {
  const ADMIN_PASSWORD = 'ryw-admin-password';
  const UNITS = ['ryw-dv-1', 'ryw-dv-2', 'ryw-dv-3', 'ryw-dv-4'];
  let db: TestDatabase;
  let api: CountedApi;
  let url: string;
  let savedInterval: string | undefined;
  let reporter: ApiSession;
  let reviewerToken: string;
  let cycleId = '';
  const probe = countSql(() => db.url);

  beforeAll(async () => {
    db = await createTestDatabase();
    savedInterval = process.env.PROJECTOR_INTERVAL_MS;
    process.env.PROJECTOR_INTERVAL_MS = String(3_600_000);
    api = await startCountedApi(db, probe, 'ryw', 'ryw-bootstrap-password');
    url = api.url;
    const adminToken = await firstAdminLogin(url, 'ryw-bootstrap-password', ADMIN_PASSWORD);
    const admin = new ApiSession(url, adminToken);
    const ready = await collectingCycle(url, admin, db, UNITS, 'ryw');
    cycleId = ready.cycleId;
    reporter = ready.reporter;
    reviewerToken = ready.reviewer.token;
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    if (savedInterval === undefined) delete process.env.PROJECTOR_INTERVAL_MS;
    else process.env.PROJECTOR_INTERVAL_MS = savedInterval;
    await db?.drop();
  });

  /** A board read as the reviewer, with the given cookie/headers: its status, body, Set-Cookie and time taken. */
  const board = async (headers: Record<string, string> = {}) => {
    const started = Date.now();
    const res = await fetch(`${url}/cycles/${cycleId}/board`, { headers: { authorization: `Bearer ${reviewerToken}`, ...headers } });
    return { status: res.status, body: (await res.json()) as any, ms: Date.now() - started };
  };
  const statusOf = (body: any, unitId: string) => body.units.find((u: any) => u.unitId === unitId)?.status;
  const submit = async (unitId: string) => {
    const res = await reporter.call('POST', `/cycles/${cycleId}/units/${unitId}/submission/submit`, { content: VALID_CONTENT });
    expect([unitId, res.status]).toEqual([unitId, 200]);
  };
  const approve = async (unitId: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/cycles/${cycleId}/units/${unitId}/submission/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewerToken}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ version: 1 }),
    });

  it("a reader without a token is answered from the read model as it stands: another user's submission is not waited for", async () => {
    await submit(UNITS[0]);
    const read = await board();
    expect(read.status).toBe(200);
    // The board's read model was not brought up to the submission: the reader saw the older state, without waiting.
    expect(statusOf(read.body, UNITS[0])).toBe('not_started');
    const ops = await fetch(`${url}/health/read-models`).then((r) => r.json() as Promise<any>);
    expect(ops.projections.find((p: any) => p.name === 'cycle-board').behind).toBe(true);
    expect(ops.current).toBe(false);
  });

  it("the caller's own write is on its next board read at once (cookie or header), with the background loop held back", async () => {
    const approved = await approve(UNITS[0]);
    expect(approved.status).toBe(200);
    const position = approved.headers.get('x-written-position');
    expect(position).toMatch(/^\d+$/);
    const cookie = approved.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^kbc_written=${position}; Path=/; HttpOnly; SameSite=Strict$`));
    // The cookie as a browser sends it back: the read waits for the approval (and what came before it).
    const byCookie = await board({ cookie: `kbc_written=${position}` });
    expect([byCookie.status, statusOf(byCookie.body, UNITS[0])]).toEqual([200, 'approved']);

    // The header as an API client sends it back.
    await submit(UNITS[1]);
    const second = await approve(UNITS[1], { 'x-written-position': position! });
    const next = second.headers.get('x-written-position');
    expect(BigInt(next!) > BigInt(position!)).toBe(true);
    // A cookie at or above the write is never lowered: only a higher one is set.
    expect(second.headers.get('set-cookie')).toContain(`kbc_written=${next}`);
    const lower = await approve(UNITS[1], { cookie: `kbc_written=${BigInt(next!) + 1000n}` });
    expect(lower.status).toBe(409); // approved already: nothing written, no token
    expect(lower.headers.get('set-cookie')).toBeNull();
    const byHeader = await board({ 'x-written-position': next! });
    expect(statusOf(byHeader.body, UNITS[1])).toBe('approved');
  });

  it("a forged token beyond the log's end is clamped to it: the read is answered, not held until the deadline", async () => {
    await submit(UNITS[2]);
    const forged = await board({ 'x-written-position': '99999999999999999999999999' });
    expect(forged.status).toBe(200);
    // Clamped to the log's end, the read took in everything written so far, the last submission included.
    expect(statusOf(forged.body, UNITS[2])).toBe('submitted');
    expect(forged.ms).toBeLessThan(5000);
    const ops = await fetch(`${url}/health/read-models`).then((r) => r.json() as Promise<any>);
    expect(ops.projections.find((p: any) => p.name === 'cycle-board')).toMatchObject({ behind: false });
  });

  it('a token the read models are known to have taken in costs no statement: polling the board with it is as cheap as without', async () => {
    const approved = await approve(UNITS[2]);
    const token = approved.headers.get('x-written-position')!;
    const statements = async (headers: Record<string, string>) => {
      const { result, tally } = await probe.count(() => board({ ...headers, [probe.header]: '1' }));
      expect(result.status).toBe(200);
      return tally.statements.length;
    };
    // The first read probes and, the loop held back, runs the catch-up of the approval in its own request.
    const first = await statements({ 'x-written-position': token });
    const again = await statements({ 'x-written-position': token });
    const none = await statements({});
    expect({ firstMore: first > none, again }).toEqual({ firstMore: true, again: none });
  });

  it('a token that is not a number: 400 naming it', async () => {
    const bad = await board({ 'x-written-position': 'abc' });
    expect([bad.status, bad.body.error]).toEqual([400, 'WRITTEN_POSITION_INVALID']);
  });

  it("the work queues: another user's submission is not waited for; the caller's own is on its next read at once", async () => {
    /** A list read with a bearer token and the given headers. */
    const list = async (bearer: string, path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${bearer}`, ...headers } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const mine = (body: any) => body.items.find((i: any) => i.cycleId === cycleId && i.unitId === UNITS[3]);
    const submitted = await reporter.call('POST', `/cycles/${cycleId}/units/${UNITS[3]}/submission/submit`, { content: VALID_CONTENT });
    expect(submitted.status).toBe(200);
    const token = submitted.headers.get('x-written-position')!;
    expect(token).toMatch(/^\d+$/);
    // The reviewer, without a token: the queue as the read model holds it (the background loop held back), at once.
    const queue = await list(reviewerToken, '/reviews?limit=100');
    expect([queue.status, mine(queue.body)]).toEqual([200, undefined]);
    const ops = await fetch(`${url}/health/read-models`).then((r) => r.json() as Promise<any>);
    expect(ops.projections.find((p: any) => p.name === 'cycle-board').behind).toBe(true);
    // The reporter, with its token: its own submission on its assignments.
    const assignments = await list(reporter.token, '/me/assignments?limit=100', { 'x-written-position': token });
    expect([assignments.status, mine(assignments.body)?.status]).toEqual([200, 'submitted']);
    // The read models now hold it: the reviewer's queue lists it.
    const after = await list(reviewerToken, '/reviews?limit=100');
    expect(mine(after.body)).toMatchObject({ unitId: UNITS[3], resubmission: false });
  });
});
