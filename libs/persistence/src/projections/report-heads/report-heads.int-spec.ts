import { randomUUID } from 'node:crypto';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { draftReport, passagesOf, reportDecider, type ReportCommand, type ReportState } from '@kybaocao/domain/report';
import { fortyCycle } from '@kybaocao/domain/report/forty-indicators.fixture';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { CommandHandler } from '../../event-store/command-handler';
import { EventMetadata, EventStore } from '../../event-store/event-store';
import { foldStream } from '../../event-store/fold-stream';
import { rebuildReportHeads, reportHeadQueries, type ReportHead } from './report-heads.projection';

const meta: EventMetadata = { actor: { userId: 'cv', role: 'coordinator' }, correlationId: 'c' };
const by = { userId: 'cv', name: 'Chuyên viên' };
const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T03:00:00.000Z`;

/** The head fields of the whole fold (what report_heads must hold). */
function headOfFold(state: ReportState): ReportHead {
  return JSON.parse(
    JSON.stringify({
      status: state.status,
      latestVersion: state.versions.length ? state.versions[state.versions.length - 1].version : 0,
      signed: state.signed,
      numbered: state.numbered,
      recall: state.recall,
    }),
  );
}

describe("report heads: the report's status without its documents, kept in the append's transaction", () => {
  let db: TestDatabase;
  let store: EventStore;
  let commands: CommandHandler;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    commands = new CommandHandler(store);
  });
  afterAll(() => db.drop());

  const document = (n: number) => {
    const f = fortyCycle(n);
    const consolidation = consolidate({
      template: f.template,
      submissions: f.submissions,
      unitOrder: f.cycle.assignedUnits.map((u) => u.unitId),
    });
    return draftReport({ ...f, consolidation, choices: {} });
  };

  it('follows the whole life of a report as the decider folds it, and a rebuild from the log gives the same rows', async () => {
    const cycleId = randomUUID();
    const stream = `report-${cycleId}`;
    expect(await reportHeadQueries.head(db.app.manager, cycleId)).toEqual({ head: { status: 'none', latestVersion: 0 }, version: 0 });
    const drafted = await commands.handle(
      reportDecider,
      stream,
      { type: 'DraftReport', data: { cycleId, document: document(12), at: at(20), by } },
      { metadata: meta, now: new Date() },
    );
    const passageId = passagesOf(drafted.state.versions[0].document)[0].id;
    const signature = { authority: 'T/M' as const, onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' };
    const steps: ReportCommand[] = [
      { type: 'ReviseReport', data: { baseVersion: 1, change: { title: 'tổng kết năm 2026' }, at: at(21), by } },
      { type: 'AddComment', data: { commentId: 'c1', version: 2, anchor: { passageId }, text: 'Đề nghị rà soát.', at: at(22), by } },
      { type: 'ResolveComment', data: { commentId: 'c1', note: 'Đã sửa.', at: at(22), by } },
      { type: 'SignReport', data: { version: 2, signature, at: at(24), by } },
      {
        type: 'AmendRecipients',
        data: { recipients: [{ name: 'Các đoàn thể', unitIds: ['hnd', 'hlhpn'] }], archive: ['VT'], at: at(24), by },
      },
      { type: 'NumberReport', data: { number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-25', at: at(25), by } },
      { type: 'DistributeReport', data: { at: at(25), by } },
      { type: 'AcknowledgeReceipt', data: { unitId: 'hnd', at: at(26), by } },
      { type: 'RecallReport', data: { reason: 'Sai số liệu.', at: at(27), by } },
    ];
    const seen: string[] = [];
    for (const command of steps) {
      await commands.handle(reportDecider, stream, command, { metadata: meta, now: new Date() });
      const folded = foldStream(reportDecider, await store.readStream(stream));
      const read = await reportHeadQueries.head(db.app.manager, cycleId);
      expect({ after: command.type, head: read.head }).toEqual({ after: command.type, head: headOfFold(folded) });
      seen.push(read.head.status);
    }
    expect(seen).toEqual(['drafting', 'drafting', 'drafting', 'signed', 'signed', 'numbered', 'distributed', 'distributed', 'recalled']);
    const before = await db.owner.query(`SELECT cycle_id, version, status, head FROM report_heads ORDER BY cycle_id`);
    expect(await rebuildReportHeads(db.owner)).toBe(1);
    expect(await db.owner.query(`SELECT cycle_id, version, status, head FROM report_heads ORDER BY cycle_id`)).toEqual(before);
  });

  it('reads one small row whatever the size of the drafts, and a comment stays a single INSERT (no head update)', async () => {
    const sizes: number[] = [];
    for (const n of [20, 400]) {
      const cycleId = randomUUID();
      const drafted = await commands.handle(
        reportDecider,
        `report-${cycleId}`,
        { type: 'DraftReport', data: { cycleId, document: document(n), at: at(20), by } },
        { metadata: meta, now: new Date() },
      );
      const passageId = passagesOf(drafted.state.versions[0].document)[0].id;
      await commands.handle(
        reportDecider,
        `report-${cycleId}`,
        { type: 'AddComment', data: { commentId: 'c1', version: 1, anchor: { passageId }, text: 'Ý kiến.', at: at(21), by } },
        { metadata: meta, now: new Date() },
      );
      const [row] = await db.owner.query(`SELECT version, octet_length(head::text) AS bytes FROM report_heads WHERE cycle_id = $1`, [
        cycleId,
      ]);
      // The head as of the draft (version 1): the comment did not touch it.
      expect(row.version).toBe(1);
      sizes.push(Number(row.bytes));
    }
    expect(sizes[1]).toBe(sizes[0]);
  });
});
