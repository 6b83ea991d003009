import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { draftReport, passagesOf, reportDecider, type ReportCommand, type ReportState } from '@kybaocao/domain/report';
import { fortyConsolidationInput, fortyCycle } from '@kybaocao/domain/report/forty-indicators.fixture';
import { CommandHandler } from '@kybaocao/persistence/event-store/command-handler';
import { ConcurrencyConflictError, EventStore } from '@kybaocao/persistence/event-store/event-store';
import type { Projector } from '@kybaocao/persistence/projections/projector';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import type { Actor } from '../common/actor';
import {
  deliveryCounts,
  documentRead,
  NO_DOCUMENTS,
  readForReader,
  readForReceipt,
  SHOWN_DOCUMENTS,
  type ReportDocuments,
} from './report-read';
import { ReportRepository } from './report.repository';
import { withoutSourceTable } from '@kybaocao/domain/document/figure-sources';
import { printedKey } from './usecases/export-report/export-report.usecase';

/**
 * The report's stream read with only the documents asked for (#16), and a command decided on such a read: the other
 * versions keep their number, author and note with a stand-in document, the fold is otherwise the whole stream's, and
 * the append keeps its guarantees (version check, a fresh decision when the stream moved and the client named no
 * version, never a stand-in stored).
 */
describe('ReportRepository: the report stream with only the documents asked for', () => {
  let db: TestDatabase;
  let commands: CommandHandler;
  let reports: ReportRepository;
  const meta = { actor: { userId: 'system', role: 'system' }, correlationId: 'report-read' };
  const by = { userId: 'cv', name: 'Chuyên viên' };
  const actor = {
    userId: 'cv',
    user: { username: 'chuyenvien', displayName: 'Chuyên viên', roles: ['coordinator'] },
    correlationId: 'report-read',
    requestId: 'r-1',
  } as unknown as Actor;
  const at = () => new Date().toISOString();

  /** A report of two versions (a draft and its revision); its cycle id. */
  async function twoVersions(): Promise<string> {
    const cycleId = randomUUID();
    const f = fortyCycle(20);
    const document = draftReport({ ...f, consolidation: consolidate(fortyConsolidationInput(f)), choices: {} });
    const run = (command: ReportCommand) =>
      commands.handle(reportDecider, `report-${cycleId}`, command, { metadata: meta, now: new Date() });
    await run({ type: 'DraftReport', data: { cycleId, document, at: at(), by, note: 'Bản đầu' } });
    await run({ type: 'ReviseReport', data: { baseVersion: 1, change: { title: 'tổng kết (sửa)' }, at: at(), by } });
    return cycleId;
  }

  /** The state without its documents, and which versions' documents were read. */
  const shape = (state: ReportState) => ({
    state: { ...state, versions: state.versions.map(({ document: _, ...v }) => v) },
    read: state.versions.filter((v) => documentRead(v.document)).map((v) => v.version),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    commands = new CommandHandler(new EventStore(db.app));
    reports = new ReportRepository(commands, new EventStore(db.app), undefined as unknown as Projector, db.app);
  });
  afterAll(() => db.drop());

  it('reads the documents asked for; the rest of the fold is the whole stream’s', async () => {
    const cycleId = await twoVersions();
    const all = await reports.read(cycleId, 'all');
    expect(shape(all.state).read).toEqual([1, 2]);
    const cases: [ReportDocuments, number[]][] = [
      [SHOWN_DOCUMENTS, [2]],
      [NO_DOCUMENTS, []],
      [{ shown: false, versions: [1] }, [1]],
      [{ shown: true, versions: [1] }, [1, 2]],
      [{ shown: false, versions: [7, Number.NaN, 2 ** 40] }, []],
    ];
    for (const [documents, read] of cases) {
      const partial = await reports.read(cycleId, documents);
      expect({ documents, ...shape(partial.state) }).toEqual({ documents, state: shape(all.state).state, read });
      // Every event is there, with what the append checks: its id, version, hash and metadata.
      expect(partial.events.map(({ data: _, ...e }) => e)).toEqual(all.events.map(({ data: _, ...e }) => e));
      for (const v of partial.state.versions.filter((x) => read.includes(x.version)))
        expect(v.document).toEqual(all.state.versions[v.version - 1].document);
    }
    // A reader's read without the source table: the same documents but for it.
    for (const documents of [SHOWN_DOCUMENTS, { shown: false, versions: [1] }]) {
      const bare = await readForReader(db.app, cycleId, [], documents, { sourceTable: false });
      const whole = await readForReader(db.app, cycleId, [], documents);
      const docs = (r: typeof bare) => r.state.versions.filter((v) => documentRead(v.document)).map((v) => v.document);
      expect(docs(bare).map(withoutSourceTable)).toEqual(docs(whole).map(withoutSourceTable));
      expect(docs(bare).map((d) => d.figureSources?.sources.length ?? 0)).toEqual(docs(whole).map(() => 0));
      expect(docs(whole).every((d) => (d.figureSources?.sources.length ?? 0) > 0)).toBe(true);
    }
    // With no head row (a stream the inline read model never saw), every document is read.
    await db.owner.query(`DELETE FROM report_heads WHERE cycle_id = $1`, [cycleId]);
    expect(shape((await reports.read(cycleId, NO_DOCUMENTS)).state).read).toEqual([1, 2]);
  });

  it('decides on a read made before; re-reads when the stream moved and no version was named; else conflicts', async () => {
    const cycleId = await twoVersions();
    const revise = (title: string) => (b: typeof by, now: string) =>
      ({ type: 'ReviseReport', data: { baseVersion: 2, change: { title }, at: now, by: b } }) as ReportCommand;
    const stale = await reports.read(cycleId);
    // A comment arrives between the read and the append.
    const passageId = passagesOf(stale.state.versions[1].document)[0].id;
    await commands.handle(
      reportDecider,
      `report-${cycleId}`,
      { type: 'AddComment', data: { commentId: 'c-1', version: 2, anchor: { passageId }, text: 'Góp ý', at: at(), by } },
      { metadata: meta, now: new Date() },
    );
    // Named version 2 (If-Match) against a stream at 3: refused as a conflict, nothing stored.
    await expect(reports.append(cycleId, actor, { expectedVersion: 2 }, revise('x'), { read: stale })).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    // No version named: the stream is read again and the command decided on it (with the comment).
    const written = await reports.append(cycleId, actor, {}, revise('lần ba'), { read: stale });
    expect([written.version, written.state.comments.length, written.state.versions.map((v) => v.document.title)[2]]).toEqual([
      4,
      1,
      'lần ba',
    ]);
    // The answered state is, to the byte, the stream read again with the same documents (versions 2 and 3).
    const again = JSON.stringify((await reports.read(cycleId, { shown: true, versions: [2] })).state);
    expect(JSON.stringify(written.state) === again).toBe(true);
  });

  it('never stores a document decided on a stand-in', async () => {
    const cycleId = await twoVersions();
    const revise = (b: typeof by, now: string) =>
      ({ type: 'ReviseReport', data: { baseVersion: 2, change: { title: 'khác' }, at: now, by: b } }) as ReportCommand;
    await expect(reports.append(cycleId, actor, {}, revise, { documents: NO_DOCUMENTS })).rejects.toThrow(
      'ReviseReport: decided on a document not read',
    );
    expect((await reports.read(cycleId, NO_DOCUMENTS)).version).toBe(2);
  });

  it('decides a receipt on its unit’s events alone as on the whole stream, and appends it at the stream’s head', async () => {
    const cycleId = await twoVersions();
    const run = (command: ReportCommand) =>
      commands.handle(reportDecider, `report-${cycleId}`, command, { metadata: meta, now: new Date() });
    const units = Array.from({ length: 30 }, (_, i) => `dv-${i}`);
    const printed = async (unitIds: string[]) =>
      printedKey(cycleId, 2, (await readForReader(db.app, cycleId, unitIds, NO_DOCUMENTS)).events);
    await run({
      type: 'SignReport',
      data: {
        version: 2,
        signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
        at: at(),
        by,
      },
    });
    const keys = [await printed([])];
    // Nơi nhận: 20 of the 30 units, one of them on two lines (it is delivered once, at its first line).
    await run({
      type: 'AmendRecipients',
      data: {
        recipients: [
          { name: 'Các xã', purpose: 'b/c', unitIds: units.slice(0, 15) },
          { name: 'Các hội', purpose: 't/d', unitIds: units.slice(14, 20) },
        ],
        archive: ['Văn phòng Huyện ủy'],
        at: at(),
        by,
      },
    });
    keys.push(await printed([]));
    await run({ type: 'NumberReport', data: { number: 7, numberText: '07-BC/HU', date: '2026-12-01', at: at(), by } });
    keys.push(await printed([]));
    await run({ type: 'DistributeReport', data: { at: at(), by } });
    keys.push(await printed([]));
    for (const unitId of units.slice(0, 5)) await run({ type: 'AcknowledgeReceipt', data: { unitId, at: at(), by } });
    // What names the signed version as it prints (export's printedKey): another after Nơi nhận's amendment, the number
    // and the distribution; the same for every reader, whatever its deliveries and receipts, once distributed.
    const readers = [await printed([]), await printed([units[0]]), await printed([units[7], units[25]]), await printed(units)];
    expect(new Set(keys).size).toBe(4);
    expect(readers).toEqual(readers.map(() => keys[3]));

    /** The receipt's decision for a unit on a state: the events' types, or the refusal's code. */
    const outcome = (state: ReportState, unitId: string) => {
      try {
        return reportDecider.decide({ type: 'AcknowledgeReceipt', data: { unitId, at: at(), by } }, state).map((e) => e.type);
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const compare = async () => {
      const all = await reports.read(cycleId, 'all');
      const outcomes = new Set<unknown>();
      // Acknowledged, delivered only, never sent.
      for (const unitId of units) {
        const read = await readForReceipt(db.app, cycleId, unitId);
        const whole = all.state.distribution?.deliveries.filter((d) => d.unitId === unitId) ?? [];
        expect({ unitId, outcome: outcome(read.state, unitId), deliveries: read.state.distribution?.deliveries ?? [] }).toEqual({
          unitId,
          outcome: outcome(all.state, unitId),
          deliveries: whole,
        });
        expect(read.receiptOf).toEqual({ unitId, head: { version: all.version, hash: all.events.at(-1)!.hash } });
        // The other units' deliveries and receipts are not read: the 6 other events and this unit's (at most 2).
        expect(read.events.length).toBe(
          all.events.filter((e) => !/^Report(Delivered|ReceiptAcknowledged)$/.test(e.type)).length +
            whole.length +
            (whole[0]?.acknowledgedAt ? 1 : 0),
        );
        outcomes.add(JSON.stringify(outcome(read.state, unitId)));
      }
      return outcomes;
    };
    /**
     * A reader's read (readForReader) folds what the whole stream's does but the other units' deliveries, at the same
     * version, with the distribution's counts exact: for no unit, an acknowledged one, a delivered one, one never sent,
     * a few, and all of them.
     */
    const compareReaders = async () => {
      const whole = await reports.read(cycleId);
      const groups = [[], [units[0]], [units[7]], [units[25]], [units[3], units[17], units[25]], units];
      for (const unitIds of groups) {
        const read = await readForReader(db.app, cycleId, unitIds, SHOWN_DOCUMENTS);
        const mine = (s: ReportState) => ({
          ...s,
          distribution: s.distribution && {
            ...s.distribution,
            deliveries: s.distribution.deliveries.filter((d) => unitIds.includes(d.unitId)),
          },
        });
        expect({ unitIds, version: read.version, state: read.state, counts: deliveryCounts(read) }).toEqual({
          unitIds,
          version: whole.version,
          state: mine(whole.state),
          counts: deliveryCounts(whole),
        });
        // The other units' deliveries and receipts are not read.
        expect(read.events.length).toBe(
          whole.events.filter((e) => !/^Report(Delivered|ReceiptAcknowledged)$/.test(e.type) || unitIds.includes(e.data.unitId as string))
            .length,
        );
      }
      // No command is decided on it.
      const read = await readForReader(db.app, cycleId, [units[8]], NO_DOCUMENTS);
      const acknowledge = (b: typeof by, now: string) =>
        ({ type: 'AcknowledgeReceipt', data: { unitId: units[8], at: now, by: b } }) as ReportCommand;
      await expect(reports.append(cycleId, actor, {}, acknowledge, { read })).rejects.toThrow(
        "AcknowledgeReceipt: decided on a reader's read",
      );
      expect(deliveryCounts(whole)).toEqual({ delivered: 20, acknowledged: expect.any(Number) });
      return deliveryCounts(whole)!.acknowledged;
    };
    expect(await compareReaders()).toBe(5);
    expect([...(await compare())].sort()).toEqual([
      '"REPORT_NOT_ADDRESSED"',
      '"REPORT_RECEIPT_ALREADY_ACKNOWLEDGED"',
      '["ReportReceiptAcknowledged"]',
    ]);

    // Decided on a read made before another unit's receipt: read again and appended at the head (no 409, no If-Match).
    const stale = await readForReceipt(db.app, cycleId, units[10]);
    await run({ type: 'AcknowledgeReceipt', data: { unitId: units[11], at: at(), by } });
    const acknowledge = (unitId: string) => (b: typeof by, now: string) =>
      ({ type: 'AcknowledgeReceipt', data: { unitId, at: now, by: b } }) as ReportCommand;
    const written = await reports.append(cycleId, actor, {}, acknowledge(units[10]), { read: stale, receiptOf: units[10] });
    const after = await reports.read(cycleId, 'all');
    expect([written.version, after.version, after.events.at(-1)!.data.unitId]).toEqual([after.version, stale.version + 2, units[10]]);
    // With If-Match on the stale version: a conflict, nothing stored.
    await expect(
      reports.append(cycleId, actor, { expectedVersion: stale.version }, acknowledge(units[12]), { receiptOf: units[12] }),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    // Only that unit's receipt is decided on such a read.
    await expect(reports.append(cycleId, actor, {}, acknowledge(units[13]), { receiptOf: units[12] })).rejects.toThrow(
      `AcknowledgeReceipt: decided on a read for a receipt of unit ${units[12]}`,
    );
    expect((await reports.read(cycleId, NO_DOCUMENTS)).version).toBe(after.version);

    // Recalled: every unit is refused as on the whole stream.
    await run({ type: 'RecallReport', data: { reason: 'Sai số liệu.', at: at(), by } });
    expect([...(await compare())]).toEqual(['"REPORT_RECALLED"']);
    expect(await compareReaders()).toBe(7);
  });
});
