import 'reflect-metadata';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { countSql, type SqlTally } from '../../../../test/support/sql-tally';
import { startCountedApi, type CountedApi } from '../../../../test/support/counted-api';
import { readModelsCurrent } from '../../../../test/support/read-models';
import { cycleCommands, cycleWithDraft } from '../../../../test/support/drafted-cycle';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../demo/demo-data';
import { firstAdminLogin } from '../demo/first-admin-login';
import { ApiSession } from '../demo/seed-demo';

/**
 * Issue #16, without timing: a report command reads the report's stream once, and of the documents its versions carry
 * (each a whole report, growing with the units) only those it needs — the latest (= the signed) one its answer shows,
 * and for a comment the commented version's. Two cycles of 200 and 2,000 units live the same report life through
 * the API, from a draft of two versions (a revision) to the recall; each request is counted at both sizes: what it
 * read of the report's stream grows from one size to the other by as many documents as it needs, the rest not at
 * all, and its answer is, to the byte, what `GET …/report` answers next. The drafts, the signature and the cycles'
 * phases are written through the deciders (the API runs without the workflow).
 */
describe('a report command reads the report stream once, with only the documents it needs', () => {
  let db: TestDatabase;
  let api: CountedApi;
  const sessions: Record<'office' | 'standing' | 'clerk' | 'reporter', ApiSession> = {} as never;
  const probe = countSql(() => db.url);
  const SIZES = [200, 2000] as const;
  const meta = { actor: { userId: 'system', role: 'system' }, correlationId: 'report-commands-cost' };
  const reporter = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === 'reporter')!;
  let commands: CommandHandler;
  let write: ReturnType<typeof cycleCommands>;
  /** Per size: the cycle, a passage of each version, and the JSON size of each version's document. */
  const cycles: { cycleId: string; passages: string[]; documentBytes: number[]; shownBytes: number[] }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startCountedApi(db, probe, 'report-commands-cost', 'report-commands-cost-bootstrap-password');
    const admin = new ApiSession(api.url, await firstAdminLogin(api.url, 'report-commands-cost-bootstrap-password', 'rcc-admin-password'));
    for (const unit of DEMO_UNITS) expect((await admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' })).status).toBe(201);
    const named = {
      office: DEMO_USERS.find((u) => u.roles.includes('coordinator'))!,
      standing: DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === 'standing')!,
      clerk: DEMO_USERS.find((u) => u.roles.includes('clerk'))!,
      reporter,
    };
    for (const [role, user] of Object.entries(named)) {
      expect((await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD })).status).toBe(201);
      sessions[role as keyof typeof named] = await ApiSession.login(api.url, user.username, DEMO_PASSWORD);
    }
    commands = new CommandHandler(new EventStore(db.app));
    write = cycleCommands(commands, meta);
    for (const n of SIZES) {
      const { cycleId } = await cycleWithDraft(commands, meta, n);
      // The board's read model catches up with the new cycle once, before anything is counted.
      expect((await sessions.office.call('GET', `/cycles/${cycleId}`)).status).toBe(200);
      cycles.push({ cycleId, passages: [], documentBytes: [], shownBytes: [] });
    }
    await readModelsCurrent(api.url);
    await db.owner.query('ANALYZE');
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  /**
   * The JSON size of each version's document as stored (what a read that brings it back reads of it), or without its
   * source table (what a read for showing or printing it reads).
   */
  async function documentBytes(cycleId: string, shown = false): Promise<number[]> {
    const rows: { document: unknown }[] = await db.owner.query(
      `SELECT (data->'document') ${shown ? `- 'figureSources'` : ''} AS document FROM events
        WHERE stream_id = $1 AND event_type IN ('ReportDrafted', 'ReportRevised') ORDER BY version`,
      [`report-${cycleId}`],
    );
    return rows.map((r) => Buffer.byteLength(JSON.stringify(r.document)));
  }

  /** Statements that read a stream by its id, of the type given. */
  const streamReads = (tally: SqlTally, type: 'report' | 'register') =>
    tally.statements.filter(
      (s) => /FROM events (e )?WHERE (e\.)?stream_id = \$1/.test(s.text) && String(s.params[0]).startsWith(`${type}-`),
    );

  /**
   * One request at both sizes (`request(i)` for cycles[i]), counted. Asserts that it read the report's stream once; that
   * this read grew from 200 to 2,000 units by `documents` documents' growth (the documents it needs), nothing more; that
   * everything else it read is the same at both sizes; and, for a write, that its answer is what GET …/report answers.
   */
  async function atBothSizes(
    name: string,
    session: ApiSession,
    request: (i: number) => { method: string; path: string; body?: unknown },
    documents: number | { shown: number },
    expectedStatus = 200,
  ) {
    const counted = [];
    for (let i = 0; i < SIZES.length; i++) {
      const { method, path, body } = request(i);
      // The read models have taken in everything written so far: a request never counts their catch-up.
      await readModelsCurrent(api.url);
      const { result, tally } = await probe.count(() => session.call(method, path, body, { [probe.header]: '1' }));
      expect({ name, size: SIZES[i], status: result.status, error: result.body?.error }).toEqual({
        name,
        size: SIZES[i],
        status: expectedStatus,
        error: undefined,
      });
      if (method !== 'GET') {
        // The answer of a write is the report as read again, to the byte (GET by the same caller, right after).
        const read = await session.call('GET', `/cycles/${cycles[i].cycleId}/report`);
        expect({ name, answer: JSON.stringify(result.body) }).toEqual({ name, answer: JSON.stringify(read.body) });
      }
      counted.push({ tally, body: result.body });
    }
    const [a, b] = counted.map((c) => c.tally);
    if (process.env.SQL_TALLY_PRINT) {
      for (const [i, t] of [a, b].entries()) {
        process.stdout.write(`${name} at ${SIZES[i]}: ${JSON.stringify(t.summary())}\n`);
        for (const s of t.statements)
          process.stdout.write(`   ${s.rows} rows ${s.bytes} B  ${s.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      }
    }
    const [x, y] = [a, b].map((t) => {
      const report = streamReads(t, 'report');
      // Numbering reads its register's stream too: one number more at the second size (both cycles share a register).
      const apart = [...report, ...streamReads(t, 'register')];
      return {
        reportReads: report.length,
        reportBytes: report.reduce((sum, s) => sum + s.bytes, 0),
        statements: t.statements.length - apart.length,
        rows: t.rows - apart.reduce((sum, s) => sum + s.rows, 0),
        bytes: t.bytes - apart.reduce((sum, s) => sum + s.bytes, 0),
      };
    });
    const what = `${name}: ${JSON.stringify(x)} at 200 units, ${JSON.stringify(y)} at 2,000`;
    expect({ what, reportReads: [x.reportReads, y.reportReads] }).toEqual({ what, reportReads: [1, 1] });
    // The documents read: the growth of the report read from 200 to 2,000 units over the growth of one document (the
    // versions' documents grow alike: a revision changes a title).
    // A read for showing or printing (`{ shown: n }`) reads documents without their source table.
    const shown = typeof documents === 'object';
    const bytesOf = (c: (typeof cycles)[number]) => (shown ? c.shownBytes : c.documentBytes).at(-1)!;
    const perDocument = bytesOf(cycles[1]) - bytesOf(cycles[0]);
    const documentsRead = (y.reportBytes - x.reportBytes) / perDocument;
    expect({ what, documentsRead: Math.round(documentsRead * 10) / 10 }).toEqual({
      what,
      documentsRead: shown ? documents.shown : documents,
    });
    expect({ what, statements: y.statements, rows: y.rows }).toEqual({ what, statements: x.statements, rows: x.rows });
    expect({ what, bytes: Math.abs(y.bytes - x.bytes) <= 64 }).toEqual({ what, bytes: true });
    return counted.map((c) => c.body);
  }

  it('from the revision to the recall: each command reads one document (two for a comment on an older version)', async () => {
    const report = (i: number) => `/cycles/${cycles[i].cycleId}/report`;
    for (const c of cycles) c.documentBytes = await documentBytes(c.cycleId);
    // The revision edits the latest version's document and answers with the new one (written, not read).
    await atBothSizes(
      'revise',
      sessions.office,
      (i) => ({
        method: 'POST',
        path: `${report(i)}/revisions`,
        body: { baseVersion: 1, title: 'Báo cáo tổng kết năm 2026 (sửa)', note: 'Sửa tên' },
      }),
      1,
    );
    for (const c of cycles) [c.documentBytes, c.shownBytes] = [await documentBytes(c.cycleId), await documentBytes(c.cycleId, true)];
    expect(cycles.map((c) => c.documentBytes.length)).toEqual([2, 2]);
    // A version asked for by number: its document alone, without its source table.
    for (const v of [1, 2]) {
      const shown = await atBothSizes(
        `GET …/report/versions/${v}`,
        sessions.office,
        (i) => ({ method: 'GET', path: `${report(i)}/versions/${v}` }),
        { shown: 1 },
      );
      shown.forEach((body, i) => (cycles[i].passages[v - 1] = body.passages[0].id));
    }
    expect(cycles.every((c) => c.passages.length === 2)).toBe(true);
    const comment = (v: number) => (i: number) => ({
      method: 'POST',
      path: `${report(i)}/comments`,
      body: { version: v, passageId: cycles[i].passages[v - 1], text: `Đề nghị rà soát phiên bản ${v}.` },
    });
    await atBothSizes('a comment on the latest version', sessions.standing, comment(2), 1);
    // The commented version's passages are checked: its document and the latest's.
    const commented = await atBothSizes('a comment on version 1', sessions.standing, comment(1), 2);
    for (const v of [2, 1]) {
      await atBothSizes(
        `resolve the comment on version ${v}`,
        sessions.office,
        (i) => ({
          method: 'POST',
          path: `${report(i)}/comments/${commented[i].comments.find((c: { version: number }) => c.version === v).commentId}/resolve`,
          body: { note: 'Đã sửa.' },
        }),
        1,
      );
    }
    for (const { cycleId } of cycles) {
      await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'signing' } });
      await write.report(cycleId, {
        type: 'SignReport',
        data: {
          version: 2,
          signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
          at: new Date().toISOString(),
          by: { userId: 'btv', name: 'Nguyễn Văn A' },
        },
      });
      await write.cycle(cycleId, { type: 'AdvancePhase', data: { to: 'distributing' } });
    }
    const unitId = reporter.unitIds![0];
    await atBothSizes(
      'amend recipients',
      sessions.clerk,
      (i) => ({
        method: 'PUT',
        path: `${report(i)}/recipients`,
        body: { recipients: [{ name: 'Đơn vị nhận', purpose: 'b/c', unitIds: [unitId] }], archive: ['Văn phòng Huyện ủy'] },
      }),
      1,
    );
    await atBothSizes('number', sessions.clerk, (i) => ({ method: 'POST', path: `${report(i)}/number`, body: {} }), 1);
    const distributed = await atBothSizes('distribute', sessions.clerk, (i) => ({ method: 'POST', path: `${report(i)}/distribute` }), 1);
    expect(distributed.map((d) => [d.distribution.deliveredCount, d.distribution.acknowledgedCount])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    // A receiving unit's receipt: the answer shows it the issued document (its only read of it).
    await atBothSizes('acknowledge', sessions.reporter, (i) => ({ method: 'POST', path: `${report(i)}/receipts`, body: { unitId } }), 1);
    const recalled = await atBothSizes(
      'recall',
      sessions.clerk,
      (i) => ({
        method: 'POST',
        path: `${report(i)}/recall`,
        body: { reason: 'Sai số liệu mục II.4.' },
      }),
      1,
    );
    expect(recalled.map((r) => [r.status, r.numbered.number > 0, r.document.title])).toEqual([
      ['recalled', true, 'Báo cáo tổng kết năm 2026 (sửa)'],
      ['recalled', true, 'Báo cáo tổng kết năm 2026 (sửa)'],
    ]);
  }, 240_000);
});
