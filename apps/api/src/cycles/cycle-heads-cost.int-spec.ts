import 'reflect-metadata';
import { passagesOf, reportDecider } from '@kybaocao/domain/report';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { countSql, type SqlTally } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';
import { readModelsCurrent } from '../../../../test/support/read-models';
import { cycleWithDraft } from '../../../../test/support/drafted-cycle';
import { DEMO_DISTRICT_ID, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';

/**
 * Issue #16, without timing: once a cycle has a draft, what `GET /cycles/{id}`, `GET …/report` and a Thường trực
 * comment cost the database is the same in a cycle of 200 units and in one of 2,000. The cycle's stream (whose
 * CycleOpened holds every unit) is never read: the routes read the cycle's head; the cycle's phase guards read the
 * report's head, not the report's stream (whose draft holds a document that grows with the units). The report's
 * document itself is what `GET …/report` and a comment's answer show, so the report's stream is read there (counted
 * apart); everything else they read is the same. Cycles and drafts are written through the deciders (no workflow:
 * the API answers `workflow: null`), the draft being the domain's own draft of a 40-indicator cycle of that size.
 */
describe('the cycle and report routes read the heads, not streams that grow with the units', () => {
  const ADMIN_PASSWORD = 'heads-cost-admin-password';
  let db: TestDatabase;
  let api: CountedApi;
  let office: ApiSession;
  let standing: ApiSession;
  const probe = countSql(() => db.url);
  const SIZES = [200, 2000] as const;
  const cycles: string[] = [];
  const passages: string[] = [];
  const meta = { actor: { userId: 'system', role: 'system' }, correlationId: 'heads-cost' };
  let commands: CommandHandler;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'heads-cost', 'heads-cost-bootstrap-password');
    const admin = new ApiSession(api.url, await firstAdminLogin(api.url, 'heads-cost-bootstrap-password', ADMIN_PASSWORD));
    for (const unit of DEMO_UNITS) expect((await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' })).status).toBe(201);
    const coordinator = DEMO_USERS.find((u) => u.roles.includes('coordinator'))!;
    const thuongTruc = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === 'standing')!;
    for (const user of [coordinator, thuongTruc])
      expect((await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD })).status).toBe(201);
    office = await ApiSession.login(api.url, coordinator.username, DEMO_PASSWORD);
    standing = await ApiSession.login(api.url, thuongTruc.username, DEMO_PASSWORD);
    commands = new CommandHandler(new EventStore(db.app));
    for (const n of SIZES) {
      const { cycleId, report } = await cycleWithDraft(commands, meta, n);
      cycles.push(cycleId);
      passages.push(passagesOf(report.versions[0].document)[0].id);
      // The board's read model catches up with the new cycle once, before anything is counted.
      expect((await office.call('GET', `/cycles/${cycleId}`)).status).toBe(200);
    }
    // Every read model has taken in the whole log before anything is counted: a route that waits for the report's
    // read models (missing units) would otherwise count their catch-up in whichever request came first.
    await readModelsCurrent(api.url);
    await db.owner.query('ANALYZE');
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const counted = async (session: ApiSession, method: string, path: string, body?: unknown) => {
    const { result, tally } = await probe.count(() => session.call(method, path, body, { [probe.header]: '1' }));
    expect({ path, status: result.status }).toEqual({ path, status: 200 });
    return { tally, body: result.body };
  };

  /** Statements that read a stream's events by its id (`FROM events WHERE stream_id = $1`), by the stream's type. */
  const streamReads = (tally: SqlTally, type: 'cycle' | 'report') =>
    tally.statements.filter(
      (s) => /FROM events (e )?WHERE (e\.)?stream_id = \$1/.test(s.text) && String(s.params[0]).startsWith(`${type}-`),
    );

  /** What the request read apart from the report's stream (whose documents grow with the units where shown). */
  const apartFromReport = (tally: SqlTally) => {
    const report = streamReads(tally, 'report');
    return {
      statements: tally.statements.length - report.length,
      rows: tally.rows - report.reduce((sum, s) => sum + s.rows, 0),
      bytes: tally.bytes - report.reduce((sum, s) => sum + s.bytes, 0),
    };
  };

  const print = (name: string, tallies: SqlTally[]) => {
    if (!process.env.SQL_TALLY_PRINT) return;
    tallies.forEach((t, i) => {
      process.stdout.write(`${name} at ${SIZES[i]}: ${JSON.stringify(t.summary())}\n`);
      for (const s of t.statements)
        process.stdout.write(`   ${s.rows} rows ${s.bytes} B  ${s.text.replace(/\s+/g, ' ').slice(0, 110)} ${String(s.params[0] ?? '')}\n`);
    });
  };

  it('GET /cycles/{id} after the draft: the same statements, rows and bytes at 200 and 2,000 units, no stream read', async () => {
    const [a, b] = [await counted(office, 'GET', `/cycles/${cycles[0]}`), await counted(office, 'GET', `/cycles/${cycles[1]}`)];
    print('GET /cycles/{id}', [a.tally, b.tally]);
    expect([a.body.expectedCount, b.body.expectedCount]).toEqual([...SIZES]);
    // The report's status reached the answer: the standing committee may comment on the draft now.
    expect([a.body.status, b.body.status]).toEqual(['commenting', 'commenting']);
    const what = `${JSON.stringify(a.tally.summary())} at 200 units, ${JSON.stringify(b.tally.summary())} at 2,000`;
    expect({ what, statements: b.tally.statements.length, rows: b.tally.rows }).toEqual({
      what,
      statements: a.tally.statements.length,
      rows: a.tally.rows,
    });
    // Bytes may differ by a digit or two (counts, versions): never by a unit list or a document.
    expect({ what, bytes: Math.abs(b.tally.bytes - a.tally.bytes) <= 32 }).toEqual({ what, bytes: true });
    expect({ what, streamsRead: [...streamReads(b.tally, 'cycle'), ...streamReads(b.tally, 'report')].length }).toEqual({
      what,
      streamsRead: 0,
    });
  });

  it('a page of the missing units: the same statements, rows and bytes at 200 and 2,000 units (an anti-join of the memberships)', async () => {
    const path = (i: number) => `/cycles/${cycles[i]}/report/checks/missing-units?page=2`;
    const [a, b] = [await counted(office, 'GET', path(0)), await counted(office, 'GET', path(1))];
    print('missing units', [a.tally, b.tally]);
    // No unit has an approved submission in these cycles: all are missing, listed 100 a page in the cycle's order.
    expect([a.body.total, b.body.total, a.body.units.length, b.body.units.length]).toEqual([200, 2000, 100, 100]);
    expect(b.body.units[0].unitId).toBe('dv-000100');
    const what = `${JSON.stringify(a.tally.summary())} at 200 units, ${JSON.stringify(b.tally.summary())} at 2,000`;
    expect({ what, statements: b.tally.statements.length, rows: b.tally.rows }).toEqual({
      what,
      statements: a.tally.statements.length,
      rows: a.tally.rows,
    });
    // Each row of the page carries the count (200, 2000): a digit more per row, never a unit list.
    expect({ what, bytes: Math.abs(b.tally.bytes - a.tally.bytes) <= b.tally.rows + 32 }).toEqual({ what, bytes: true });
    expect({ what, cycleStreamReads: streamReads(b.tally, 'cycle').length }).toEqual({ what, cycleStreamReads: 0 });
  });

  it('GET …/report and a comment: apart from the report document they show, the same reads at 200 and 2,000 units', async () => {
    const reads = [
      [
        'GET …/report',
        await counted(office, 'GET', `/cycles/${cycles[0]}/report`),
        await counted(office, 'GET', `/cycles/${cycles[1]}/report`),
      ],
      [
        'a comment',
        await counted(standing, 'POST', `/cycles/${cycles[0]}/report/comments`, {
          version: 1,
          passageId: passages[0],
          text: 'Đề nghị rà soát.',
        }),
        await counted(standing, 'POST', `/cycles/${cycles[1]}/report/comments`, {
          version: 1,
          passageId: passages[1],
          text: 'Đề nghị rà soát.',
        }),
      ],
    ] as const;
    for (const [name, a, b] of reads) {
      print(name, [a.tally, b.tally]);
      expect([a.body.status, b.body.status]).toEqual(['drafting', 'drafting']);
      const [x, y] = [apartFromReport(a.tally), apartFromReport(b.tally)];
      const what = `${name}: ${JSON.stringify(x)} at 200 units, ${JSON.stringify(y)} at 2,000 (report stream apart)`;
      expect({ what, statements: y.statements, rows: y.rows }).toEqual({ what, statements: x.statements, rows: x.rows });
      expect({ what, bytes: Math.abs(y.bytes - x.bytes) <= 32 }).toEqual({ what, bytes: true });
      // The cycle's stream, whose opening holds every unit, is not read at all.
      expect({ what, cycleStreamReads: streamReads(b.tally, 'cycle').length }).toEqual({ what, cycleStreamReads: 0 });
    }
  });

  it("GET …/report after a revision reads the latest version's document, not every version's", async () => {
    const reportBytes = async () => {
      const { tally, body } = await counted(office, 'GET', `/cycles/${cycles[1]}/report`);
      return { bytes: streamReads(tally, 'report').reduce((sum, st) => sum + st.bytes, 0), body };
    };
    const before = await reportBytes();
    await commands.handle(
      reportDecider,
      `report-${cycles[1]}`,
      {
        type: 'ReviseReport',
        data: {
          baseVersion: 1,
          change: { title: 'tổng kết năm 2026 (sửa)' },
          at: new Date().toISOString(),
          by: { userId: 'cv', name: 'Chuyên viên' },
        },
      },
      { metadata: meta, now: new Date() },
    );
    const after = await reportBytes();
    expect([after.body.latestVersion, after.body.versions.map((v: { version: number }) => v.version), after.body.document.title]).toEqual([
      2,
      [1, 2],
      'tổng kết năm 2026 (sửa)',
    ]);
    // Two versions of a 2,000-unit document are stored; one is read (and the events' other fields).
    const what = `report stream read: ${before.bytes} B with one version, ${after.bytes} B with two`;
    expect({ what, oneDocument: after.bytes < before.bytes * 1.2 }).toEqual({ what, oneDocument: true });
  });
});
