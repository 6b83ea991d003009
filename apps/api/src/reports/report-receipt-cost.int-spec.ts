import 'reflect-metadata';
import { brotliDecompressSync } from 'node:zlib';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { countSql } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';
import { readModelsCurrent } from '../../../../test/support/read-models';
import { rawGet } from '../../../../test/support/raw-get';
import { cycleWithDraft, signedAndAddressed } from '../../../../test/support/drafted-cycle';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';

/**
 * Issue #16, without timing: a receiving unit's receipt (as the web app sends it, `Prefer: return=minimal`) reads and
 * writes the same at 200 and 2,000 receiving units — not the report's one ReportDelivered per unit nor its Nơi nhận —
 * and receipts of different units sent at the same moment are all stored: one unit's receipt does not make another's
 * answer 409. The drafts, the signature, Nơi nhận and the phases are written through the deciders; number, distribute
 * and the receipts go through the API.
 */
describe("a unit's receipt does not grow with the units the report was sent to", () => {
  let db: TestDatabase;
  let api: CountedApi;
  let clerk: ApiSession;
  const probe = countSql(() => db.url);
  const SIZES = [200, 2000] as const;
  const meta = { actor: { userId: 'system', role: 'system' }, correlationId: 'report-receipt-cost' };
  /** Nine receiving demo units, each with its cán bộ's session. */
  const reporters = DEMO_USERS.filter((u) => u.roles.length === 1 && u.roles[0] === 'reporter').slice(0, 9);
  const receivers: { unitId: string; session: ApiSession }[] = [];
  const cycles: string[] = [];
  const report = (i: number, path = '') => `/cycles/${cycles[i]}/report${path}`;
  const minimal = { Prefer: 'return=minimal' };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'report-receipt-cost', 'report-receipt-cost-bootstrap-password');
    const admin = new ApiSession(api.url, await firstAdminLogin(api.url, 'report-receipt-cost-bootstrap-password', 'rrc-admin-password'));
    for (const unit of DEMO_UNITS) expect((await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' })).status).toBe(201);
    const clerkUser = DEMO_USERS.find((u) => u.roles.includes('clerk'))!;
    for (const user of [clerkUser, ...reporters])
      expect((await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD })).status).toBe(201);
    clerk = await ApiSession.login(api.url, clerkUser.username, DEMO_PASSWORD);
    for (const r of reporters)
      receivers.push({ unitId: r.unitIds![0], session: await ApiSession.login(api.url, r.username, DEMO_PASSWORD) });
    expect(receivers).toHaveLength(9);
    const commands = new CommandHandler(new EventStore(db.app));
    for (const n of SIZES) {
      const { cycleId } = await cycleWithDraft(commands, meta, n);
      await signedAndAddressed(commands, meta, cycleId, [
        { name: 'Các đơn vị nhận', purpose: 'b/c', unitIds: receivers.map((r) => r.unitId) },
        { name: 'Các đơn vị trực thuộc', purpose: 't/d', unitIds: Array.from({ length: n }, (_, i) => `dv-${String(i).padStart(6, '0')}`) },
      ]);
      cycles.push(cycleId);
    }
    for (let i = 0; i < SIZES.length; i++) {
      expect((await clerk.call('POST', report(i, '/number'), {})).status).toBe(200);
      expect((await clerk.call('POST', report(i, '/distribute'))).status).toBe(200);
    }
    await readModelsCurrent(api.url);
    await db.owner.query('ANALYZE');
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('reads the same rows and answers 204 at 200 and 2,000 receiving units', async () => {
    const counted = [];
    for (let i = 0; i < SIZES.length; i++) {
      await readModelsCurrent(api.url);
      const { unitId, session } = receivers[0];
      const { result, tally } = await probe.count(() =>
        session.call('POST', report(i, '/receipts'), { unitId }, { ...minimal, [probe.header]: '1' }),
      );
      expect([result.status, result.headers.get('preference-applied')]).toEqual([204, 'return=minimal']);
      if (process.env.SQL_TALLY_PRINT) {
        process.stdout.write(`receipt at ${SIZES[i]}: ${JSON.stringify(tally.summary())}\n`);
        for (const s of tally.statements)
          process.stdout.write(`   ${s.rows} rows ${s.bytes} B scanned ${s.scanned}  ${s.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      }
      const read = tally.statements.filter((s) => /FROM events WHERE stream_id = \$1/.test(s.text));
      counted.push({ ...tally.summary(), bytes: tally.bytes, read: read.map((s) => ({ rows: s.rows, scanned: s.scanned ?? Infinity })) });
    }
    const [a, b] = counted;
    const what = `${JSON.stringify(a)} at 200, ${JSON.stringify(b)} at 2,000`;
    // The report's stream is read once, a few rows (the report's own events and this unit's delivery), its plan visiting
    // a few dozen (index ranges; the stream holds 209 and 2,009 deliveries). The plans' counts are PostgreSQL's and may
    // differ by a row or two with its statistics; the old read visited and returned every delivery.
    expect({ what, read: [a, b].map((c) => c.read.length === 1 && c.read[0].rows < 20 && c.read[0].scanned < 100) }).toEqual({
      what,
      read: [true, true],
    });
    expect({ what, statements: b.statements, rows: b.rows, read: b.read[0].rows }).toEqual({
      what,
      statements: a.statements,
      rows: a.rows,
      read: a.read[0].rows,
    });
    expect({ what, scanned: Math.abs(b.scanned - a.scanned) <= 8, bytes: Math.abs(b.bytes - a.bytes) <= 64 }).toEqual({
      what,
      scanned: true,
      bytes: true,
    });
    const read = await clerk.call('GET', report(1));
    expect([read.body.distribution.deliveredCount, read.body.distribution.acknowledgedCount]).toEqual([2009, 1]);
  });

  it('a receiving unit and the office read the report on the same rows at 200 and 2,000 receiving units, its counts exact', async () => {
    const counted = [];
    for (let i = 0; i < SIZES.length; i++) {
      for (const [who, session] of [
        ['receiver', receivers[0].session],
        ['clerk', clerk],
      ] as const) {
        const { result, tally } = await probe.count(() => session.call('GET', report(i), undefined, { [probe.header]: '1' }));
        expect(result.status).toBe(200);
        const read = tally.statements.filter((s) => /FROM events WHERE stream_id = \$1/.test(s.text));
        counted.push({
          who,
          size: SIZES[i],
          statements: tally.summary().statements,
          read: read.map((s) => ({ rows: s.rows, few: s.rows < 20 && (s.scanned ?? Infinity) < 100 })),
          distribution: [result.body.distribution.deliveredCount, result.body.distribution.acknowledgedCount],
          allowed: result.body.allowedActions,
        });
      }
    }
    const [r200, c200, r2000, c2000] = counted;
    const what = JSON.stringify(counted);
    // One read of the stream each, a few rows (the report's own events and the reader's unit's delivery and receipt);
    // the old read returned every delivery (209 and 2,009 of them).
    expect({ what, few: counted.map((c) => c.read.length === 1 && c.read[0].few) }).toEqual({ what, few: [true, true, true, true] });
    expect({ what, receiver: [r2000.statements, r2000.read[0].rows], clerk: [c2000.statements, c2000.read[0].rows] }).toEqual({
      what,
      receiver: [r200.statements, r200.read[0].rows],
      clerk: [c200.statements, c200.read[0].rows],
    });
    // The counts are the whole distribution's; what each may do is as on the whole stream.
    expect([r2000.distribution, c2000.distribution]).toEqual([
      [2009, 1],
      [2009, 1],
    ]);
    expect([r2000.allowed, c2000.allowed]).toEqual([
      ['acknowledge', 'download'],
      ['recall', 'download'],
    ]);
    const unsent = await receivers[1].session.call('GET', report(0));
    expect([unsent.body.distribution.deliveredCount, unsent.body.allowedActions.includes('acknowledge')]).toEqual([209, true]);
  });

  it('every receiving unit downloads the same DOCX, rendered once and answered from then on without reading the document', async () => {
    const download = async (session: ApiSession, i: number) => {
      const { result, tally } = await probe.count(async () => {
        const res = await fetch(`${api.url}${report(i, '/document.docx')}`, {
          headers: { authorization: `Bearer ${session.token}`, [probe.header]: '1' },
        });
        return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
      });
      expect(result.status).toBe(200);
      return { file: result.bytes, read: tally.bytes };
    };
    const counted = [];
    for (let i = 0; i < SIZES.length; i++) {
      const first = await download(receivers[2].session, i);
      const others = [await download(receivers[3].session, i), await download(clerk, i)];
      expect(others.map((o) => o.file.equals(first.file))).toEqual([true, true]);
      counted.push({ size: SIZES[i], first: first.read, others: others.map((o) => o.read) });
    }
    const what = JSON.stringify(counted);
    // The first download reads the document (a draft of 200 and of 2,000 units); the others only the report's events
    // without it: the same bytes, give or take the unit's own delivery, at both sizes.
    const [a, b] = counted;
    expect({
      what,
      documentRead: b.first > 2 * Math.max(...b.others),
      kept: b.others.every((o, k) => Math.abs(o - a.others[k]) <= 256),
    }).toEqual({
      what,
      documentRead: true,
      kept: true,
    });
  });

  it('a receiving unit’s phone gets a 2,000-unit report compressed to under a sixth, the same JSON', async () => {
    const get = (acceptEncoding: string) =>
      rawGet(`${api.url}${report(1)}`, acceptEncoding, { authorization: `Bearer ${receivers[4].session.token}` });
    const [plain, br] = [await get('identity'), await get('gzip, deflate, br')];
    expect([plain.headers['content-encoding'], br.headers['content-encoding']]).toEqual([undefined, 'br']);
    const shown = JSON.parse(brotliDecompressSync(br.body).toString());
    expect(shown).toEqual(JSON.parse(plain.body.toString()));
    expect({ plain: plain.body.length, sent: br.body.length, sixth: br.body.length < plain.body.length / 6 }).toEqual({
      plain: plain.body.length,
      sent: br.body.length,
      sixth: true,
    });
  });

  it('receipts of eight units sent at the same moment are all stored, with or without the report answered; none is refused', async () => {
    const eight = receivers.slice(1);
    // Four as the web app sends them, four answered the whole report (each of those reads the whole stream, long enough
    // for the others to move it more than once).
    const answers = await Promise.all(
      eight.map(({ unitId, session }, k) => session.call('POST', report(1, '/receipts'), { unitId }, k < 4 ? minimal : {})),
    );
    expect(answers.map((a) => [a.status, a.body?.error])).toEqual(eight.map((_, k) => [k < 4 ? 204 : 200, undefined]));
    const read = await clerk.call('GET', report(1));
    expect(read.body.distribution.acknowledgedCount).toBe(9);
    // Each once: a second receipt of the same unit is refused, with its reason.
    const again = await eight[0].session.call('POST', report(1, '/receipts'), { unitId: eight[0].unitId }, minimal);
    expect([again.status, again.body.error]).toEqual([409, 'REPORT_RECEIPT_ALREADY_ACKNOWLEDGED']);
    await readModelsCurrent(api.url);
    const done = await clerk.call('GET', report(1, '/deliveries?acknowledged=true'));
    expect([...done.body.items.map((d: { unitId: string }) => d.unitId)].sort()).toEqual(receivers.map((r) => r.unitId).sort());
  });
});
