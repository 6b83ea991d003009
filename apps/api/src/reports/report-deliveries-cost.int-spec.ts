import 'reflect-metadata';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { receivedReportsProjection } from '@kybaocao/persistence/projections/received-reports/received-reports.projection';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { countSql } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';
import { readModelsCurrent } from '../../../../test/support/read-models';
import { cycleWithDraft, signedAndAddressed } from '../../../../test/support/drafted-cycle';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';

/**
 * Issue #16, without timing: a report sent to every unit of a cycle (Nơi nhận names them all, as a national report's
 * draft does) answers the same size at 200 and 2,000 units — its distribution carries counts, not the list of
 * deliveries — and the office pages the deliveries (GET …/report/deliveries): one page read and answered whatever
 * the number of units, in Nơi nhận order, filtered by receipt. The drafts, the signature, Nơi nhận and the phases are
 * written through the deciders (the API runs without the workflow); number, distribute and the receipt go through
 * the API.
 */
describe("a distributed report's answer and its deliveries' pages do not grow with the units it was sent to", () => {
  let db: TestDatabase;
  let api: CountedApi;
  let clerk: ApiSession;
  let receiver: ApiSession;
  const probe = countSql(() => db.url);
  const SIZES = [200, 2000] as const;
  const meta = { actor: { userId: 'system', role: 'system' }, correlationId: 'report-deliveries-cost' };
  const reporter = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === 'reporter')!;
  const receiverUnit = reporter.unitIds![0];
  const cycles: { cycleId: string; recipients: string[] }[] = [];
  const report = (i: number, path = '') => `/cycles/${cycles[i].cycleId}/report${path}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'report-deliveries-cost', 'report-deliveries-cost-bootstrap-password');
    const admin = new ApiSession(
      api.url,
      await firstAdminLogin(api.url, 'report-deliveries-cost-bootstrap-password', 'rdc-admin-password'),
    );
    for (const unit of DEMO_UNITS) expect((await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' })).status).toBe(201);
    const clerkUser = DEMO_USERS.find((u) => u.roles.includes('clerk'))!;
    for (const user of [clerkUser, reporter])
      expect((await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD })).status).toBe(201);
    clerk = await ApiSession.login(api.url, clerkUser.username, DEMO_PASSWORD);
    receiver = await ApiSession.login(api.url, reporter.username, DEMO_PASSWORD);
    const commands = new CommandHandler(new EventStore(db.app));
    for (const n of SIZES) {
      const { cycleId } = await cycleWithDraft(commands, meta, n);
      // Nơi nhận: the receiving demo unit first, then every unit of the cycle (the draft's "Các đơn vị trực thuộc").
      const recipients = [receiverUnit, ...Array.from({ length: n }, (_, i) => `dv-${String(i).padStart(6, '0')}`)];
      await signedAndAddressed(commands, meta, cycleId, [
        { name: 'Hội Liên hiệp Phụ nữ huyện', purpose: 'b/c', unitIds: [receiverUnit] },
        { name: 'Các đơn vị trực thuộc', purpose: 't/d', unitIds: recipients.slice(1) },
      ]);
      cycles.push({ cycleId, recipients });
    }
    for (let i = 0; i < SIZES.length; i++) expect((await clerk.call('POST', report(i, '/number'), {})).status).toBe(200);
    await readModelsCurrent(api.url);
    await db.owner.query('ANALYZE');
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** The answer's JSON apart from the document (which is the report itself, and names the units) and its version. */
  const apartFromDocument = (body: Record<string, unknown>) => JSON.stringify({ ...body, document: null, streamVersion: 0 });

  it('distribute, a receipt and GET …/report answer the counts, the same size at 200 and 2,000 units', async () => {
    const distributed = [];
    for (let i = 0; i < SIZES.length; i++) {
      const res = await clerk.call('POST', report(i, '/distribute'));
      expect(res.status).toBe(200);
      distributed.push(res.body);
    }
    expect(distributed.map((d) => [d.distribution.deliveredCount, d.distribution.acknowledgedCount])).toEqual([
      [201, 0],
      [2001, 0],
    ]);
    expect(distributed.map((d) => 'deliveries' in d.distribution)).toEqual([false, false]);
    const [a, b] = distributed.map(apartFromDocument);
    // One byte apart: "201" and "2001".
    expect({ distribute: b.length - a.length }).toEqual({ distribute: 1 });

    const acknowledged = [];
    for (let i = 0; i < SIZES.length; i++) {
      const res = await receiver.call('POST', report(i, '/receipts'), { unitId: receiverUnit });
      expect(res.status).toBe(200);
      acknowledged.push(res.body);
    }
    expect(acknowledged.map((d) => [d.distribution.deliveredCount, d.distribution.acknowledgedCount])).toEqual([
      [201, 1],
      [2001, 1],
    ]);
    const [x, y] = acknowledged.map(apartFromDocument);
    expect({ acknowledge: y.length - x.length }).toEqual({ acknowledge: 1 });

    const read = [];
    for (let i = 0; i < SIZES.length; i++) read.push((await clerk.call('GET', report(i))).body);
    const [r, s] = read.map(apartFromDocument);
    expect({ read: s.length - r.length }).toEqual({ read: 1 });
  });

  it('GET …/report/deliveries reads and answers one page at both sizes; pages walk Nơi nhận in order, filtered', async () => {
    await readModelsCurrent(api.url);
    // The deliveries' statistics as autovacuum would have them after a distribution (the plans below depend on them).
    await db.owner.query('ANALYZE report_deliveries');
    const pages = [];
    for (let i = 0; i < SIZES.length; i++) {
      const { result, tally } = await probe.count(() =>
        clerk.call('GET', report(i, '/deliveries?limit=50'), undefined, { [probe.header]: '1' }),
      );
      expect(result.status).toBe(200);
      const page = tally.statements.filter((st) => /FROM \(SELECT \* FROM report_deliveries d/.test(st.text));
      expect(page).toHaveLength(1);
      pages.push({ body: result.body, rows: page[0].rows, scanned: page[0].scanned });
    }
    expect(pages.map((p) => [p.body.total, p.body.items.length, p.rows, typeof p.body.nextCursor])).toEqual([
      [201, 50, 51, 'string'],
      [2001, 50, 51, 'string'],
    ]);
    // The page's read visits the same rows at both sizes (an index range), and its items are the same size.
    expect(pages[1].scanned).toBe(pages[0].scanned);
    expect(JSON.stringify(pages[1].body.items).length).toBe(JSON.stringify(pages[0].body.items).length);
    expect(pages[0].body.items[0]).toMatchObject({
      unitId: receiverUnit,
      line: 'Hội Liên hiệp Phụ nữ huyện',
      purpose: 'b/c',
      acknowledgedBy: reporter.displayName,
    });

    // Every page of the 200-unit report, 64 at a time: the recipients in Nơi nhận order, each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await clerk.call('GET', report(0, `/deliveries?limit=64${cursor ? `&cursor=${cursor}` : ''}`));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(201);
      seen.push(...res.body.items.map((d: { unitId: string }) => d.unitId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(cycles[0].recipients);

    const pending = await clerk.call('GET', report(1, '/deliveries?acknowledged=false&limit=3'));
    expect([pending.body.total, pending.body.items.map((d: { unitId: string }) => d.unitId)]).toEqual([
      2000,
      cycles[1].recipients.slice(1, 4),
    ]);
    const done = await clerk.call('GET', report(1, '/deliveries?acknowledged=true'));
    expect([done.body.total, done.body.items.map((d: { unitId: string }) => d.unitId), done.body.nextCursor]).toEqual([
      1,
      [receiverUnit],
      null,
    ]);
  });

  it("the received reports apply a distribution's deliveries in a few statements, not one per unit", async () => {
    // The 2,000-unit report's stream (its distribution: 2,001 ReportDelivered, then the receipt) applied again, in a
    // transaction rolled back, with the projection's statements counted.
    const events = await new EventStore(db.app).readStream(`report-${cycles[1].cycleId}`);
    expect(events.filter((e) => e.type === 'ReportDelivered')).toHaveLength(2001);
    const runner = db.app.createQueryRunner();
    await runner.startTransaction();
    const statements: string[] = [];
    try {
      const counted = Object.create(runner.manager, {
        query: { value: (sql: string, params?: unknown[]) => (statements.push(sql), runner.manager.query(sql, params)) },
      });
      await receivedReportsProjection.apply(counted, events);
      const [row] = await runner.manager.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered FROM report_deliveries WHERE cycle_id = $1`,
        [cycles[1].cycleId],
      );
      expect(row).toEqual({ n: 2001, delivered: 2001 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    // The distribution (its stream read, the issued report, its rows), one UPDATE for the run of deliveries, the receipt.
    expect(statements.filter((q) => /^\s*UPDATE report_deliveries d SET delivered_at/.test(q))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(8);
  });
});
