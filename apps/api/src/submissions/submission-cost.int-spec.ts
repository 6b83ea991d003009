import 'reflect-metadata';
import { cycleDecider } from '@kybaocao/domain/cycle';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { cycleBody, VALID_CONTENT } from '../../../../test/support/api-stack';
import { DEMO_DISTRICT_ID, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';
import { countSql, type SqlTally } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';

/**
 * Issue #16, without timing: what one submission, draft save, return and approval costs the database (SQL
 * statements, rows and bytes the API reads back, and the rows PostgreSQL's plans visit to answer them) is the
 * same in a cycle of 200 units and in one of 2,000. The whole request is counted, from the session lookup of
 * the guards to the answer, in the API itself (AppModule in this process, its own PostgreSQL database).
 */
describe('the cost of one submission and one approval does not grow with the number of units', () => {
  const ADMIN_PASSWORD = 'cost-admin-password';
  let db: TestDatabase;
  let api: CountedApi;
  let url: string;
  const probe = countSql(() => db.url);
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
  const small = ids('chi-phi-a', 200);
  const large = ids('chi-phi-b', 2000);
  /** The unit that reports in each cycle: the same place in both lists, ids of the same length. */
  const AT = 137;
  let reporter: ApiSession;
  let reviewer: ApiSession;
  const cycles: Record<'small' | 'large', string> = { small: '', large: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'cost', 'cost-bootstrap-password');
    url = api.url;

    const adminToken = await firstAdminLogin(url, 'cost-bootstrap-password', ADMIN_PASSWORD);
    const admin = new ApiSession(url, adminToken);
    for (const unit of DEMO_UNITS) {
      const res = await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' });
      expect(res.status).toBe(201);
    }
    const csv = [
      'id,parentId,level,kind,canonicalName,activeFrom',
      ...[...small, ...large].map((id, i) => `${id},${DEMO_DISTRICT_ID},xa,${['HLHPN', 'HND'][i % 2]},Tổ chức ${id},2020-01-01`),
    ].join('\n');
    const imported = await fetch(`${url}/org-units/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminToken}` },
      body: csv,
    });
    expect(imported.status).toBe(200);
    const coordinator = DEMO_USERS.find((u) => u.roles.includes('coordinator'))!;
    const review = DEMO_USERS.find((u) => u.roles.includes('reviewer'))!;
    for (const user of [
      coordinator,
      review,
      { username: 'canbo.chiphi', displayName: 'Cán bộ thử', roles: ['reporter'], unitIds: [small[AT], large[AT]] },
    ]) {
      const res = await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD });
      expect(res.status).toBe(201);
    }
    const office = await ApiSession.login(url, coordinator.username, DEMO_PASSWORD);
    reporter = await ApiSession.login(url, 'canbo.chiphi', DEMO_PASSWORD);
    reviewer = await ApiSession.login(url, review.username, DEMO_PASSWORD);
    // Opened through the API (its workflow has no worker here); the window opened as the workflow would open it.
    const commands = new CommandHandler(new EventStore(db.app));
    for (const [size, units] of [
      ['small', small],
      ['large', large],
    ] as const) {
      const res = await office.call('POST', '/cycles', cycleBody(units));
      expect(res.status).toBe(201);
      cycles[size] = res.body.id;
      await commands.handle(cycleDecider, `cycle-${res.body.id}`, { type: 'AdvancePhase', data: { to: 'collecting' } } as never, {
        metadata: { actor: { userId: 'system', role: 'system' }, correlationId: 'cost' },
        now: new Date(),
      });
    }
    // Statistics settled before counting, so that no automatic ANALYZE changes a plan between the two cycles.
    await db.owner.query('ANALYZE');
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** One request as `session`, counted: its status and what it cost. */
  const counted = async (session: ApiSession, method: string, path: string, body?: unknown): Promise<SqlTally> => {
    const { result, tally } = await probe.count(() => session.call(method, path, body, { [probe.header]: '1' }));
    expect({ path, status: result.status, body: result.status === 200 ? 'ok' : result.body }).toEqual({ path, status: 200, body: 'ok' });
    return tally;
  };

  it('save draft, submit, return, submit again and approve: the same statements, rows and bytes at 200 and 2,000 units', async () => {
    const costs: Record<string, SqlTally[]> = {};
    const steps = (size: 'small' | 'large'): [string, ApiSession, string, string, unknown][] => {
      const path = `/cycles/${cycles[size]}/units/${(size === 'small' ? small : large)[AT]}/submission`;
      return [
        ['save draft', reporter, 'PUT', `${path}/draft`, VALID_CONTENT],
        ['submit', reporter, 'POST', `${path}/submit`, { content: VALID_CONTENT }],
        ['return', reviewer, 'POST', `${path}/return`, { reasons: [{ sectionCode: 'II.1', reason: 'Số liệu chưa khớp.' }], version: 1 }],
        ['submit again', reporter, 'POST', `${path}/submit`, { content: VALID_CONTENT }],
        ['approve', reviewer, 'POST', `${path}/approve`, { version: 2 }],
      ];
    };
    // Each step in the small cycle, then at once in the large one: nothing else changes the database between the two.
    const [inSmall, inLarge] = [steps('small'), steps('large')];
    for (let i = 0; i < inSmall.length; i++) {
      for (const [name, session, method, p, body] of [inSmall[i], inLarge[i]])
        (costs[name] ??= []).push(await counted(session, method, p, body));
    }
    if (process.env.SQL_TALLY_PRINT) {
      for (const [name, tallies] of Object.entries(costs)) {
        process.stdout.write(`${name}: ${tallies.map((t) => JSON.stringify(t.summary())).join(' | ')}\n`);
        for (const s of tallies[1].statements)
          process.stdout.write(`   ${s.rows} rows ${s.bytes} B  ${s.text.replace(/\s+/g, ' ').slice(0, 110)}\n`);
      }
    }
    for (const [name, [a, b]] of Object.entries(costs)) {
      const what = `${name}: ${JSON.stringify(a.summary())} at 200 units, ${JSON.stringify(b.summary())} at 2,000`;
      expect({ what, statements: b.statements.length, rows: b.rows, scanned: b.scanned }).toEqual({
        what,
        statements: a.statements.length,
        rows: a.rows,
        scanned: a.scanned,
      });
      // Bytes may differ by a digit or two (global positions, versions): never by a unit list.
      expect({ what, bytes: Math.abs(b.bytes - a.bytes) <= 32 }).toEqual({ what, bytes: true });
      // The budget of one command on one unit: the session with the office scope (one statement, session-scope.ts);
      // at once the cycle's head with the unit and the unit's own stream; the insert. Three round trips in turn.
      expect({ what, statements: [a.statements.length, b.statements.length], roundTrips: [a.roundTrips, b.roundTrips] }).toEqual({
        what,
        statements: [4, 4],
        roundTrips: [3, 3],
      });
    }
  });
});
