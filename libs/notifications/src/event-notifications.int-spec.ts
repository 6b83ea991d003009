import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/infra/db';
import type { EntityManager } from 'typeorm';
import { EventMetadata, EventStore, START_OF_LOG } from '@kybaocao/persistence/event-store/event-store';
import { createEventNotificationsProjection, createEventNotifier } from './event-notifications';
import { rowsReadFrom } from '../../../test/support/sql-tally';

/*
 * The event-driven notifications against a real PostgreSQL, as the application role: synthetic events in the
 * event store (report events included, matched on their type strings), the notifier following the log from its
 * checkpoint. Each event notifies exactly once, however often and by however many notifiers it is run.
 */

const PUBLIC_URL = 'https://kybaocao.tamduong.vn';
const meta: EventMetadata = { actor: { userId: 'test', role: 'coordinator' }, correlationId: 'test' };

describe('event-driven notifications (PostgreSQL, event store, projector checkpoint)', () => {
  let db: TestDatabase;
  let store: EventStore;
  const cycleId = randomUUID();
  const ids: Record<string, string> = {};
  const append = (streamId: string, type: string, data: Record<string, unknown>) =>
    store.appendToStream(streamId, [{ type, data, eventId: randomUUID() }], {
      expectedVersion: 'any',
      metadata: meta,
      now: new Date('2030-12-15T02:30:00Z'),
    });
  const notifier = () => createEventNotifier({ db: db.app, store, publicUrl: PUBLIC_URL });
  type Logged = Awaited<ReturnType<EventStore['readAll']>>;
  /** The log's events `pick` keeps, once there are `count` of them: the log's readers are gap-safe across the cluster,
   * and another spec's open transaction may hold them back a while. */
  const logged = async (pick: (e: Logged[number]) => boolean, count: number): Promise<Logged> => {
    let batch: Logged = [];
    for (let i = 0; i < 600 && batch.length < count; i++) {
      batch = (await store.readAll(START_OF_LOG, 10_000)).filter(pick);
      if (batch.length < count) await new Promise((r) => setTimeout(r, 100));
    }
    return batch;
  };
  const issued = async () =>
    (await db.owner.query(
      `SELECT recipient_type, recipient_id, kind, subject FROM notifications ORDER BY kind, recipient_type, recipient_id`,
    )) as Record<string, string>[];
  const insertUser = async (key: string, roles: string[], opts: { unitIds?: string[]; office?: string } = {}) => {
    ids[key] = randomUUID();
    await db.owner.query(
      `INSERT INTO users (id, username, display_name, password_hash, roles, unit_ids, office_unit_id, password_changed_at, created_at, created_by)
       VALUES ($1, $2, $2, 'x', $3, $4, $5, now(), now(), 'test')`,
      [ids[key], key, roles, opts.unitIds ?? [], opts.office ?? null],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.app);
    await insertUser('cv', ['coordinator'], { office: 'bdv' });
    await insertUser('ld', ['reviewer'], { office: 'bdv' });
    await insertUser('ld-other', ['reviewer'], { office: 'bdv-tinh' }); // another office's reviewer: not told
    await insertUser('vt', ['clerk'], { office: 'hu' });
    await insertUser('vt-other', ['clerk'], { office: 'tu' });
    for (const [id, name] of [
      ['hlhpn', 'Hội LHPN huyện'],
      ['hnd', 'Hội Nông dân huyện'],
    ]) {
      await append(`orgunit-${id}`, 'UnitRegistered', {
        unitId: id,
        parentId: 'hu',
        level: 'huyen',
        kind: 'X',
        canonicalName: name,
        aliases: [],
        activeFrom: '2020-01-01',
      });
    }
    await append('orgunit-hnd', 'UnitRenamed', {
      unitId: 'hnd',
      previousName: 'Hội Nông dân huyện',
      newName: 'Hội Nông dân huyện Tam Đường',
    });
    await append(`cycle-${cycleId}`, 'CycleOpened', {
      cycleId,
      templateId: 'dan-van-annual',
      templateVersion: 1,
      coordinatorId: ids.cv,
      period: { kind: 'annual', year: 2030, label: 'năm 2030', dataFrom: '2029-12-15', dataTo: '2030-12-14' },
      issuingBody: { unitId: 'hu', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
      milestones: { submissionDeadline: '2030-12-16' },
      units: [
        { unitId: 'hlhpn', baseDeadline: '2030-12-16' },
        { unitId: 'hnd', baseDeadline: '2030-12-16' },
      ],
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("issues each event's notifications once, to the right recipients, across repeated and concurrent runs", async () => {
    const sub = (unit: string) => `submission-${cycleId}:${unit}`;
    await append(sub('hlhpn'), 'SubmissionDraftSaved', { cycleId, unitId: 'hlhpn', figures: {}, narrative: {} });
    await append(sub('hlhpn'), 'SubmissionSubmitted', {
      cycleId,
      unitId: 'hlhpn',
      version: 1,
      resubmission: false,
      late: false,
      daysLate: 0,
      deadline: '2030-12-16',
    });
    await append(sub('hlhpn'), 'SubmissionReturned', {
      cycleId,
      unitId: 'hlhpn',
      version: 1,
      reasons: [{ sectionCode: 'II.1', reason: 'Thiếu số liệu.' }],
    });
    await append(`cycle-${cycleId}`, 'UnitDeadlineExtended', {
      cycleId,
      unitId: 'hnd',
      previousDeadline: '2030-12-16',
      newDeadline: '2030-12-20',
      reason: 'Đại hội.',
    });
    await append(sub('hnd'), 'SubmissionSubmitted', {
      cycleId,
      unitId: 'hnd',
      version: 1,
      resubmission: false,
      late: false,
      daysLate: 0,
      deadline: '2030-12-20',
    });
    await append(sub('hnd'), 'SubmissionApproved', { cycleId, unitId: 'hnd', version: 1 });
    await append(`report-${cycleId}`, 'ReportDrafted', { cycleId, version: 1 });
    await append(`report-${cycleId}`, 'ReportSigned', {
      cycleId,
      version: 1,
      signedAt: '2030-12-27T03:00:00Z',
      signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
    });
    await append(`report-${cycleId}`, 'ReportNumbered', { cycleId, number: 7, numberText: 'Số 07-BC/HU', date: '2030-12-28' });
    await append(`report-${cycleId}`, 'ReportDistributed', {
      cycleId,
      version: 1,
      recipients: [
        { unitId: 'hlhpn', line: 'Hội LHPN', purpose: 'đ/b' },
        { unitId: 'hnd', line: 'Hội ND' },
      ],
    });
    // An event of a cycle that was never opened says nothing (and does not stop the others).
    await append(`submission-${randomUUID()}:hlhpn`, 'SubmissionApproved', { cycleId: randomUUID(), unitId: 'hlhpn', version: 1 });

    await Promise.all([notifier().catchUpToNow(), notifier().catchUpToNow(), notifier().catchUpToNow()]);
    const expected = [
      {
        recipient_type: 'user',
        recipient_id: ids.cv,
        kind: 'report-signed',
        subject: '[Chờ cấp số, phát hành] Báo cáo năm 2030 đã được ký',
      },
      {
        recipient_type: 'user',
        recipient_id: ids.vt,
        kind: 'report-signed',
        subject: '[Chờ cấp số, phát hành] Báo cáo năm 2030 đã được ký',
      },
      {
        recipient_type: 'unit',
        recipient_id: 'hlhpn',
        kind: 'report-distributed',
        subject: '[Văn bản đến] Báo cáo năm 2030 (Số 07-BC/HU) của Huyện ủy Tam Đường',
      },
      {
        recipient_type: 'unit',
        recipient_id: 'hnd',
        kind: 'report-distributed',
        subject: '[Văn bản đến] Báo cáo năm 2030 (Số 07-BC/HU) của Huyện ủy Tam Đường',
      },
      {
        recipient_type: 'unit',
        recipient_id: 'hnd',
        kind: 'deadline-extended',
        subject: '[Gia hạn] Báo cáo năm 2030: hạn nộp mới của Hội Nông dân huyện Tam Đường là 20/12/2030',
      },
      {
        recipient_type: 'unit',
        recipient_id: 'hnd',
        kind: 'submission-approved',
        subject: '[Đã duyệt] Báo cáo năm 2030 của Hội Nông dân huyện Tam Đường',
      },
      {
        recipient_type: 'user',
        recipient_id: ids.ld,
        kind: 'submission-awaiting-review',
        subject: '[Chờ thẩm định] Hội LHPN huyện đã nộp báo cáo năm 2030',
      },
      {
        recipient_type: 'user',
        recipient_id: ids.ld,
        kind: 'submission-awaiting-review',
        subject: '[Chờ thẩm định] Hội Nông dân huyện Tam Đường đã nộp báo cáo năm 2030',
      },
      {
        recipient_type: 'unit',
        recipient_id: 'hlhpn',
        kind: 'submission-returned',
        subject: '[Trả lại] Báo cáo năm 2030 của Hội LHPN huyện: đề nghị chỉnh sửa và nộp lại',
      },
    ];
    const sortKey = (r: Record<string, string>) => `${r.kind} ${r.recipient_type} ${r.recipient_id} ${r.subject}`;
    expect((await issued()).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    const [returned] = await db.owner.query(
      `SELECT body, link, due_at, cycle_id, dedupe_key FROM notifications WHERE kind = 'submission-returned'`,
    );
    expect(returned).toMatchObject({
      link: `${PUBLIC_URL}/ui/cycles/${cycleId}/units/hlhpn`,
      due_at: new Date('2030-12-15T02:30:00Z'),
      cycle_id: cycleId,
      dedupe_key: expect.stringMatching(/^event:[0-9a-f-]{36}:submission-returned:unit:hlhpn$/),
    });
    expect(returned.body).toContain('- Mục II.1: Thiếu số liệu.');

    // Again, with a fresh notifier (a restart): nothing new.
    await notifier().catchUpToNow();
    expect(await issued()).toHaveLength(expected.length);
    const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM projection_checkpoints WHERE projection = 'event-notifications'`);
    expect(n).toBe(1);

    // A later event is picked up from the checkpoint.
    await append(sub('hlhpn'), 'SubmissionSubmitted', {
      cycleId,
      unitId: 'hlhpn',
      version: 2,
      resubmission: true,
      late: true,
      daysLate: 2,
      deadline: '2030-12-16',
    });
    await notifier().catchUpToNow();
    const latest = await db.owner.query(
      `SELECT recipient_id, subject, body FROM notifications WHERE subject LIKE '[Chờ thẩm định]%nộp lại%'`,
    );
    expect(latest).toEqual([
      {
        recipient_id: ids.ld,
        subject: '[Chờ thẩm định] Hội LHPN huyện đã nộp lại báo cáo năm 2030',
        body: expect.stringContaining('(lần nộp thứ 2) ngày 15/12/2030, trễ 2 ngày so với hạn nộp 16/12/2030.'),
      },
    ]);
  });

  it('wakes the e-mail loop when a coordinator reminded units by hand (RemindersSentByHand), issuing nothing itself', async () => {
    const woken: number[] = [];
    const projector = createEventNotifier({ db: db.app, store, publicUrl: PUBLIC_URL, onIssued: (n) => woken.push(n) });
    await projector.catchUp();
    woken.length = 0;
    const before = (await issued()).length;
    await append(`reminders-${cycleId}`, 'RemindersSentByHand', { cycleId, day: '2030-12-15', unitIds: ['hlhpn', 'hnd'], alreadyToday: 0 });
    for (let i = 0; i < 100 && woken.length === 0; i++) {
      await projector.catchUp();
      if (woken.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(woken).toEqual([1]);
    expect(await issued()).toHaveLength(before);
  });

  it('reads the context once per batch: as many queries for 40 events as for 4, each notified (issue #16)', async () => {
    const projection = createEventNotificationsProjection({ publicUrl: PUBLIC_URL });
    const queriesFor = async (count: number) => {
      const prefix = `submission-${cycleId}:batch${count}-`;
      for (let i = 0; i < count; i++) {
        const unitId = i % 2 ? 'hnd' : 'hlhpn';
        if (i % 2) await append(`${prefix}${i}`, 'SubmissionApproved', { cycleId, unitId, version: 1 });
        else
          await append(`${prefix}${i}`, 'SubmissionSubmitted', {
            cycleId,
            unitId,
            version: 1,
            resubmission: false,
            late: false,
            daysLate: 0,
            deadline: '2030-12-16',
          });
      }
      const batch = await logged((e) => e.streamId.startsWith(prefix), count);
      expect(batch).toHaveLength(count);
      let queries = 0;
      const counting = {
        query: (sql: string, params?: unknown[]) => {
          queries++;
          return db.app.query(sql, params);
        },
      } as unknown as EntityManager;
      await projection.apply(counting, batch);
      const [{ n }] = await db.owner.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = ANY ($1::text[])`, [
        [
          ...batch.map((e) =>
            e.type === 'SubmissionApproved'
              ? `event:${e.eventId}:submission-approved:unit:hnd`
              : `event:${e.eventId}:submission-awaiting-review:user:${ids.ld}`,
          ),
        ],
      ]);
      expect(n).toBe(count);
      return queries;
    };
    const few = await queriesFor(4);
    expect(await queriesFor(40)).toBe(few);
    expect(few).toBeLessThanOrEqual(4); // the head, the unit names, the reviewers, the INSERT
  });

  it("finds the office's reviewers and the unit's name at a submission without reading every account or the log (issue #16)", async () => {
    // A national deployment: one reporter's account per unit, none of them in an office; just imported, so before
    // autovacuum has gathered the table's statistics (the plan must not depend on them).
    await db.owner.query(
      `INSERT INTO users (id, username, display_name, password_hash, roles, unit_ids, password_changed_at, created_at, created_by)
       SELECT gen_random_uuid(), 'bulk.' || i, 'Cán bộ ' || i, 'x', '{reporter}', ARRAY['unit-' || i], now(), now(), 'test'
         FROM generate_series(1, 2000) AS i`,
    );
    const streamId = `submission-${cycleId}:reviewers`;
    await append(streamId, 'SubmissionSubmitted', {
      cycleId,
      unitId: 'hnd',
      version: 1,
      resubmission: false,
      late: false,
      daysLate: 0,
      deadline: '2030-12-16',
    });
    const batch = await logged((e) => e.streamId === streamId, 1);
    const statements: [string, unknown[]][] = [];
    const capturing = {
      query: (sql: string, params?: unknown[]) => (statements.push([sql, params ?? []]), db.app.query(sql, params)),
    } as unknown as EntityManager;
    await createEventNotificationsProjection({ publicUrl: PUBLIC_URL }).apply(capturing, batch);
    const reviewers = statements.filter(([sql]) => sql.includes("'reviewer' = ANY"));
    expect(reviewers).toHaveLength(1);
    // The coordinator's row and the accounts of its office (cv and ld), not the 2,000 reporters'.
    expect(await rowsReadFrom(db.app, reviewers[0], 'users')).toBeLessThanOrEqual(4);
    // The unit's latest name event (hnd was renamed), not every event of the log.
    const names = statements.filter(([sql]) => sql.includes("'UnitRenamed'"));
    expect(names).toHaveLength(1);
    const [{ n: logSize }] = await db.owner.query(`SELECT count(*)::int AS n FROM events`);
    expect(logSize).toBeGreaterThan(50);
    expect(await rowsReadFrom(db.app, names[0], 'events')).toBeLessThanOrEqual(2);
    const [notification] = await db.owner.query(`SELECT body FROM notifications WHERE dedupe_key = $1`, [
      `event:${batch[0].eventId}:submission-awaiting-review:user:${ids.ld}`,
    ]);
    expect(notification.body).toContain('Hội Nông dân huyện Tam Đường');
  });
});
