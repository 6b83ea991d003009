import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { DEMO_DISTRICT_ID, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';
import { countSql, type SqlTally } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';

/**
 * Issue #16, without timing: what one board request (its first page with every total) costs the database — SQL
 * statements, rows and bytes read back, rows PostgreSQL's plans visit — is the same in a cycle of 200 units and in
 * one of 20,000, from the session lookup of the guards to the answer. The cycles are written straight into the
 * board's read model (their rows repeat one pattern of 140, so both hold the same groups of the totals).
 */
const STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved', 'submitted'];
const KINDS = ['HLHPN', 'HND', 'DANG_UY_XA', 'HCCB', 'DOAN_TN'];
const LEVELS = ['xa', 'huyen', 'tinh', 'thon'];

async function seedCycle(db: TestDatabase, n: number): Promise<string> {
  const cycleId = randomUUID();
  await db.owner.query(
    `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
                         coordinator_id, submission_deadline, status, opened_at, version)
     VALUES ($1, 'dan-van-annual', 1, 'năm 2026', '2025-12-15', '2026-12-14', $2, 'Huyện ủy', 'cv', '2026-12-16', 'collecting', now(), 1)`,
    [cycleId, DEMO_DISTRICT_ID],
  );
  await db.owner.query(
    `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline, status, submitted_at, late, last_activity_at,
                              unit_name, unit_kind, unit_level, unit_active_from)
     SELECT $1, 'dv-' || lpad(i::text, 6, '0'), true, '2026-12-16', '2026-12-16', s.status,
            CASE WHEN s.status IN ('submitted', 'returned', 'resubmitted', 'approved') THEN timestamptz '2026-12-15T03:00:00Z' + (i % 4) * interval '1 day' END,
            NULL, NULL, 'Đơn vị số ' || lpad(i::text, 6, '0'), ($3::text[])[1 + i % 5], ($4::text[])[1 + i % 4], '2020-01-01'
       FROM generate_series(0, $5::int - 1) AS i, LATERAL (SELECT ($2::text[])[1 + i % 7] AS status) s`,
    [cycleId, STATUSES, KINDS, LEVELS, n],
  );
  // Every unit was e-mailed a reminder and 60 of the e-mails failed (to the units numbered 0 to 59): the board lists
  // the 50 oldest and counts them all, without walking every notification of the cycle.
  await db.owner.query(
    `INSERT INTO notifications (dedupe_key, cycle_id, recipient_type, recipient_id, kind, due_at, subject, body)
     SELECT $1 || ':' || i, $1::uuid, 'unit', 'dv-' || lpad(i::text, 6, '0'), 'reminder', now(), 'Nhắc nộp báo cáo', 'Nhắc nộp báo cáo'
       FROM generate_series(0, $2::int - 1) AS i`,
    [cycleId, n],
  );
  await db.owner.query(
    `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, error, attempted_at, completed_at)
     SELECT x.id, x.user_id, 'cv@example.vn', CASE WHEN x.k <= 60 THEN 'failed' ELSE 'sent' END, 1,
            CASE WHEN x.k <= 60 THEN '550 hộp thư không tồn tại' END, now(), now()
       FROM (SELECT nt.id, u.id AS user_id, row_number() OVER (ORDER BY nt.recipient_id) AS k
               FROM notifications nt, (SELECT id FROM users ORDER BY username LIMIT 1) u WHERE nt.cycle_id = $1) x`,
    [cycleId],
  );
  return cycleId;
}

describe('the cost of one board request does not grow with the number of units', () => {
  const ADMIN_PASSWORD = 'board-cost-admin-password';
  let db: TestDatabase;
  let api: CountedApi;
  let url: string;
  let office: ApiSession;
  const probe = countSql(() => db.url);
  const cycles = { tiny: '', small: '', large: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'board-cost', 'board-cost-bootstrap-password');
    url = api.url;

    const admin = new ApiSession(url, await firstAdminLogin(url, 'board-cost-bootstrap-password', ADMIN_PASSWORD));
    for (const unit of DEMO_UNITS) expect((await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' })).status).toBe(201);
    const coordinator = DEMO_USERS.find((u) => u.roles.includes('coordinator'))!;
    expect((await admin.call('POST', '/users', { ...coordinator, password: DEMO_PASSWORD })).status).toBe(201);
    office = await ApiSession.login(url, coordinator.username, DEMO_PASSWORD);
    cycles.tiny = await seedCycle(db, 200);
    cycles.small = await seedCycle(db, 2000);
    cycles.large = await seedCycle(db, 20000);
    await db.owner.query('ANALYZE');
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /** The request's first statement reads the session and walks the office's path; no later one reads either again. */
  const sessionWithScope = (tally: SqlTally) =>
    /FROM sessions/.test(tally.statements[0]?.text ?? '') &&
    /org_units/.test(tally.statements[0].text) &&
    tally.statements.slice(1).every((st) => !/FROM sessions|WITH RECURSIVE/.test(st.text));

  const counted = async (path: string): Promise<{ tally: SqlTally; body: any }> => {
    const { result, tally } = await probe.count(() => office.call('GET', path, undefined, { [probe.header]: '1' }));
    expect({ path, status: result.status }).toEqual({ path, status: 200 });
    return { tally, body: result.body };
  };

  it.each<[string, string]>([
    ['the first page', ''],
    ['the first page of two kinds by status', '?sort=status&kind=HND&kind=HCCB&limit=50'],
    ['the first page of two statuses by kind, descending', '?sort=kind&order=desc&status=draft&status=returned&limit=50'],
    ['the first page by level', '?sort=level'],
  ])('%s: the same statements at 200, 2,000 and 20,000 units, the same rows visited at 2,000 and 20,000', async (_, query) => {
    const sizes = [200, 2000, 20000] as const;
    const [a, b, c] = [
      await counted(`/cycles/${cycles.tiny}/board${query}`),
      await counted(`/cycles/${cycles.small}/board${query}`),
      await counted(`/cycles/${cycles.large}/board${query}`),
    ];
    if (process.env.SQL_TALLY_PRINT) {
      [a, b, c].forEach(({ tally }, i) => {
        process.stdout.write(`${query || '(default)'} at ${sizes[i]}: ${JSON.stringify(tally.summary())}\n`);
        for (const s of tally.statements)
          process.stdout.write(
            `   ${s.rows} rows ${s.bytes} B ${s.scanned ?? '-'} visited (plan ${s.planningMs} ms, run ${s.executionMs} ms)  ${s.text.replace(/\s+/g, ' ').slice(0, 110)}\n`,
          );
      });
    }
    expect([a, b, c].map((x) => x.body.totalUnits)).toEqual([...sizes]);
    const page = query.includes('limit=50') ? 50 : 100;
    expect([a, b, c].map((x) => x.body.units.length)).toEqual([page, page, page]);
    expect([a, b, c].map((x) => [x.body.failedDeliveries.length, x.body.failedDeliveriesTotal])).toEqual([
      [50, 60],
      [50, 60],
      [50, 60],
    ]);
    // Each row of the page counts its own failed e-mail, listed or not.
    for (const x of [a, b, c])
      for (const u of x.body.units) expect([u.unitId, u.failedDeliveries]).toEqual([u.unitId, Number(u.unitId.slice(3)) < 60 ? 1 : 0]);
    const what = [a, b, c].map((x, i) => `${JSON.stringify(x.tally.summary())} at ${sizes[i]} units`).join(', ');
    // The session with the office scope (one statement, session-scope.ts; no freshness probe: this caller wrote
    // nothing), then at once the page; the header, the totals and the pending names (one statement); the first failed
    // e-mails and their number; then at once the failed e-mails of the page's units and, when some listed ones are off
    // the page, their units' names: the same statements whatever the size, and the same rows read back from 2,000
    // units on (the page's units, of which some have a failed e-mail). Three round trips in sequence, at most.
    const statements = [a, b, c].map((x) => x.tally.statements.length);
    expect({ what, statements }).toEqual({ what, statements: [statements[0], statements[0], statements[0]] });
    expect({ what, atMost7: statements[0] <= 7 }).toEqual({ what, atMost7: true });
    const roundTrips = [a, b, c].map((x) => x.tally.roundTrips);
    expect({ what, roundTrips }).toEqual({ what, roundTrips: [3, 3, 3] });
    expect({ what, sessionWithScope: [a, b, c].map((x) => sessionWithScope(x.tally)) }).toEqual({
      what,
      sessionWithScope: [true, true, true],
    });
    expect({ what, rows: c.tally.rows }).toEqual({ what, rows: b.tally.rows });
    // The rows the plans visit: the page's (LIMIT-first from an index, or a page per value of the sort's column), the
    // groups of the totals, the header, the failed e-mails (the cycle's failed deliveries, the page's units' own
    // notifications); from 2,000 units on, every status, kind and level has a page of rows. Never near the 20,000 units.
    expect({ what, scanned: c.tally.scanned <= b.tally.scanned * 1.1 && c.tally.scanned < 8000 }).toEqual({ what, scanned: true });
  });

  it('the session and the office scope are one statement: GET /auth/me costs one round trip', async () => {
    const me = await counted('/auth/me');
    // A caller with an office (the scope walks its path up the registry in the same statement).
    expect(me.body.officeUnitId).toBe(DEMO_USERS.find((u) => u.roles.includes('coordinator'))!.officeUnitId);
    const what = JSON.stringify(me.tally.summary());
    expect({
      what,
      statements: me.tally.statements.length,
      roundTrips: me.tally.roundTrips,
      sessionWithScope: sessionWithScope(me.tally),
    }).toEqual({
      what,
      statements: 1,
      roundTrips: 1,
      sessionWithScope: true,
    });
  });

  it('the hierarchy of a cycle reads its grouped counts, not its units: the same statements and rows at 200 and 20,000 units', async () => {
    const [a, c] = [await counted(`/cycles/${cycles.tiny}/board/hierarchy`), await counted(`/cycles/${cycles.large}/board/hierarchy`)];
    expect([a.body.root.overall.expected, c.body.root.overall.expected]).toEqual([200, 20000]);
    const what = `${JSON.stringify(a.tally.summary())} at 200 units, ${JSON.stringify(c.tally.summary())} at 20,000`;
    expect({ what, statements: c.tally.statements.length, rows: c.tally.rows }).toEqual({
      what,
      statements: a.tally.statements.length,
      rows: a.tally.rows,
    });
    expect({ what, scanned: c.tally.scanned < 2000 }).toEqual({ what, scanned: true });
  });

  it('a cycle the read model does not hold: 404 CYCLE_NOT_FOUND, as before the header was read with the board', async () => {
    const id = randomUUID();
    const res = await office.call('GET', `/cycles/${id}/board`);
    expect([res.status, res.body]).toEqual([
      404,
      { statusCode: 404, error: 'CYCLE_NOT_FOUND', message: `cycle ${id} does not exist`, messageVi: 'Không tìm thấy kỳ báo cáo.' },
    ]);
  });
});
