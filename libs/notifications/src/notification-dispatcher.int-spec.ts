import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/infra/db';
import {
  startTestSmtpServer as startSmtp,
  type ReceivedMail as Received,
  type TestSmtpServer as TestSmtp,
} from '../../../test/support/test-smtp';
import { EventStore } from '@kybaocao/persistence/event-store/event-store';
import { cycleBoardQueries } from '@kybaocao/persistence/projections/cycle-board/cycle-board.queries';
import { CoordinatorDigestBuilder } from './coordinator-digest';
import { NotificationDispatcher, UNCERTAIN } from './notification-dispatcher';
import { notificationQueries } from './notification.queries';
import { createMailer, type Mailer, type OutgoingMail } from './smtp-mailer';
import { eventually } from '../../../test/infra/processes';
import { rowsReadFrom } from '../../../test/support/sql-tally';
import { userPreferences } from './user-preferences';

/*
 * A real SMTP server (smtp-server on 127.0.0.1, random port, plain text, authOptional) receives what the
 * dispatcher sends through nodemailer; a real PostgreSQL holds users, units, a cycle and its notifications.
 * The dispatcher and the queries run as the application role, so the migration's GRANTs are tested too.
 */

const PUBLIC_URL = 'https://kybaocao.tamduong.vn';
/** 14/12/2026 08:00 in Vietnam: two days before the deadline. */
const T0 = new Date('2026-12-14T01:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const LAN_EMAIL = 'lan.hlhpn@tamduong.vn';
const HOA_EMAIL = 'hoa.hoinongdan@tamduong.vn';
const CV_EMAIL = 'cuong.bdv@tamduong.vn';
const NAM_EMAIL = 'nam.hccb@khongtontai.vn';

describe('NotificationDispatcher against a real SMTP server and PostgreSQL', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let now: Date;
  const clock = () => now;
  const cycleId = randomUUID();
  const ids: Record<string, string> = {};
  const n: Record<string, string> = {};
  const dispatcher = () => new NotificationDispatcher({ db: db.app, mailer, clock, events: new EventStore(db.app) });

  const insertUser = async (
    key: string,
    username: string,
    displayName: string,
    email: string | null,
    unitIds: string[],
    roles = ['unit_reporter'],
  ) => {
    ids[key] = randomUUID();
    await db.owner.query(
      `INSERT INTO users (id, username, display_name, email, password_hash, roles, unit_ids, password_changed_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, 'not-a-real-hash', $5, $6, $7, $7, 'test')`,
      [ids[key], username, displayName, email, roles, unitIds, T0],
    );
  };
  const insertUnit = (id: string, kind: string, name: string, activeTo: string | null = null) =>
    db.owner.query(
      `INSERT INTO org_units (id, parent_id, level, kind, canonical_name, active_from, active_to, version)
     VALUES ($1, 'hu-tamduong', 'huyen', $2, $3, '2015-01-01', $4, 1)`,
      [id, kind, name, activeTo],
    );
  const insertCycle = async (id: string, coordinatorId: string, label: string, status: string, units: string[]) => {
    await db.owner.query(
      `INSERT INTO cycles (id, template_id, template_version, period_label, data_from, data_to, issuing_body_unit_id, issuing_body_name,
         coordinator_id, submission_deadline, status, opened_at, version)
       VALUES ($1, 'dan-van-annual', 1, $2, '2025-12-15', '2026-12-14', 'hu-tamduong', 'Huyện ủy Tam Đường', $3, '2026-12-16', $4, $5, 2)`,
      [id, label, coordinatorId, status, new Date('2026-11-20T02:00:00Z')],
    );
    for (const unitId of units) {
      // With the unit's columns copied from the registry, as the board's projection writes them (the grouped counts
      // take whether the unit is expected from them).
      await db.owner.query(
        `INSERT INTO cycle_units (cycle_id, unit_id, assigned, base_deadline, effective_deadline, unit_name, unit_kind, unit_level, unit_active_from, unit_active_to)
         SELECT $1, $2, true, '2026-12-16', '2026-12-16', ou.canonical_name, ou.kind, ou.level, ou.active_from, ou.active_to
           FROM (SELECT 1) one LEFT JOIN org_units ou ON ou.id = $2`,
        [id, unitId],
      );
    }
  };
  const setStatus = (cycle: string, unitId: string, status: string, submittedAt: string | null = null) =>
    db.owner.query(
      `UPDATE cycle_units SET status = $3, submitted_at = $4, late = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE false END
      WHERE cycle_id = $1 AND unit_id = $2`,
      [cycle, unitId, status, submittedAt],
    );
  const reminderLink = (unitId: string) => `${PUBLIC_URL}/ui/cycles/${cycleId}/units/${unitId}`;
  const reminderBody = (unitId: string) =>
    'Hạn nộp báo cáo năm 2026 là ngày 16/12/2026.\n' +
    `Đề nghị đồng chí cập nhật số liệu, nội dung và gửi báo cáo tại: ${reminderLink(unitId)}\n` +
    '(Thư nhắc tự động, gửi vì đơn vị chưa nộp báo cáo tại thời điểm nhắc.)';
  const notify = async (
    key: string,
    recipientType: 'unit' | 'user',
    recipientId: string,
    kind: string,
    subject: string,
    body: string,
    link: string | null,
    dueAt: Date,
  ) => {
    const [row] = await db.owner.query(
      `INSERT INTO notifications (dedupe_key, cycle_id, recipient_type, recipient_id, kind, due_at, subject, body, link, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6) RETURNING id`,
      [`${cycleId}:${key}`, cycleId, recipientType, recipientId, kind, dueAt, subject, body, link],
    );
    n[key] = row.id;
  };
  const unitReminder = (key: string, unitId: string, dueAt: Date) =>
    notify(
      key,
      'unit',
      unitId,
      'reminder',
      '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026',
      reminderBody(unitId),
      reminderLink(unitId),
      dueAt,
    );
  const deliveries = async (notificationKey: string, userKey: string) =>
    db.owner.query(
      `SELECT attempt, status, email, error, message_id, attempted_at, next_attempt_at FROM notification_deliveries
      WHERE notification_id = $1 AND user_id = $2 ORDER BY attempt`,
      [n[notificationKey], ids[userKey]],
    );
  const linkIn = (text: string | undefined) => /https:\/\/kybaocao\.tamduong\.vn\/\S+/.exec(text ?? '')?.[0];
  const summary = (r: Received) => [r.rcptTo.join(','), r.mail.subject, linkIn(r.mail.text)];
  const sortedSummaries = () => smtp.received.map(summary).sort((a, b) => `${a}`.localeCompare(`${b}`));

  beforeEach(async () => {
    db = await createTestDatabase();
    smtp = await startSmtp();
    mailer = createMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: { name: 'Ban Dân vận Huyện ủy Tam Đường', address: 'kybaocao@tamduong.vn' },
      timeoutMs: 5000,
    });
    now = T0;

    await insertUnit('mttq', 'MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện');
    await insertUnit('hlhpn', 'HLHPN', 'Hội Liên hiệp Phụ nữ huyện');
    await insertUnit('hnd', 'HND', 'Hội Nông dân huyện');
    await insertUnit('hccb', 'HCCB', 'Hội Cựu chiến binh huyện');
    await insertUnit('dtn', 'DTN', 'Đoàn Thanh niên huyện');
    await insertUnit('bhon', 'DANG_UY_XA', 'Đảng ủy xã Bản Hon', '2026-06-30');

    await insertUser('lan', 'lan', 'Nguyễn Thị Lan', LAN_EMAIL, ['hlhpn']);
    await insertUser('hoa', 'hoa', 'Lò Thị Hoa', HOA_EMAIL, ['hnd', 'hlhpn']);
    await insertUser('binh', 'binh', 'Vàng A Bình', 'binh.hnd@tamduong.vn', ['hnd']);
    await insertUser('tuan', 'tuan', 'Tòng Văn Tuấn', null, ['mttq']);
    await insertUser('nam', 'nam', 'Lý Văn Nam', NAM_EMAIL, ['hccb']);
    await insertUser('cv', 'cuong', 'Trần Văn Cường', CV_EMAIL, [], ['coordinator']);
    await userPreferences.update(db.app, ids.binh, { emailEnabled: false }, T0);

    await insertCycle(cycleId, ids.cv, 'năm 2026', 'collecting', ['mttq', 'hlhpn', 'hnd', 'hccb', 'dtn', 'bhon']);

    await unitReminder('hlhpn', 'hlhpn', at(-120 * MIN)); // → lan, hoa
    await unitReminder('hnd', 'hnd', at(-60 * MIN)); // → hoa (binh has e-mail off)
    await unitReminder('mttq', 'mttq', at(-60 * MIN)); // → nobody: tuan has no e-mail address
    await unitReminder('hccb', 'hccb', at(-60 * MIN)); // → nam, whose mailbox the server rejects
    await notify(
      'summary',
      'user',
      ids.cv,
      'reminder-summary',
      '[Tổng hợp] Báo cáo năm 2026: còn 5/5 đơn vị chưa nộp',
      `Hệ thống vừa nhắc 5 đơn vị.\nCòn 5/5 đơn vị chưa nộp báo cáo. Xem bảng theo dõi: ${PUBLIC_URL}/ui/cycles/${cycleId}`,
      `${PUBLIC_URL}/ui/cycles/${cycleId}`,
      at(-30 * MIN),
    );
    await unitReminder('future', 'hlhpn', at(24 * 60 * MIN)); // not due yet
    await unitReminder('stale', 'hlhpn', at(-3 * 24 * 60 * MIN)); // due three days ago: inbox only, never e-mailed
    smtp.reject.add(NAM_EMAIL);
  });

  afterEach(async () => {
    mailer.close();
    await smtp.stop();
    await db.drop();
  });

  it('sends one e-mail per (notification, recipient), to exactly the right people, with Vietnamese subjects and links', async () => {
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 4, failed: 1, interrupted: 0, claimedElsewhere: 0 });

    expect(sortedSummaries()).toEqual([
      [CV_EMAIL, '[Tổng hợp] Báo cáo năm 2026: còn 5/5 đơn vị chưa nộp', `${PUBLIC_URL}/ui/cycles/${cycleId}`],
      [HOA_EMAIL, '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026', reminderLink('hlhpn')],
      [HOA_EMAIL, '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026', reminderLink('hnd')],
      [LAN_EMAIL, '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026', reminderLink('hlhpn')],
    ]);

    const toLan = smtp.received.find((r) => r.rcptTo[0] === LAN_EMAIL)!.mail;
    expect(toLan.text).toBe(
      [
        'Kính gửi đồng chí Nguyễn Thị Lan (Hội Liên hiệp Phụ nữ huyện),',
        '',
        'Hạn nộp báo cáo năm 2026 là ngày 16/12/2026.',
        `Đề nghị đồng chí cập nhật số liệu, nội dung và gửi báo cáo tại: ${reminderLink('hlhpn')}`,
        '(Thư nhắc tự động, gửi vì đơn vị chưa nộp báo cáo tại thời điểm nhắc.)',
        '',
        '--',
        'Thư gửi tự động từ hệ thống theo dõi kỳ báo cáo; đề nghị không trả lời thư này.',
        'Thông báo này cũng có trong mục Thông báo của hệ thống. Đồng chí có thể tắt nhận thư điện tử trong phần Cài đặt thông báo.',
        '',
      ].join('\n'),
    );
    expect(toLan.text).toBe(toLan.text!.normalize('NFC'));
    expect(toLan.subject).toBe(toLan.subject!.normalize('NFC'));
    expect(toLan.from?.value).toEqual([{ name: 'Ban Dân vận Huyện ủy Tam Đường', address: 'kybaocao@tamduong.vn' }]);
    expect(toLan.to && !Array.isArray(toLan.to) ? toLan.to.value : null).toEqual([{ name: 'Nguyễn Thị Lan', address: LAN_EMAIL }]);
    expect(toLan.messageId).toBe(`<${n.hlhpn}.${ids.lan}@tamduong.vn>`);
    expect(toLan.headers.get('auto-submitted')).toBe('auto-generated');
    expect(toLan.headers.get('x-kybaocao-notification')).toBe(n.hlhpn);
    expect((toLan.headers.get('content-type') as { params: Record<string, string> }).params.charset).toBe('utf-8');

    // The coordinator's summary is addressed to the user, not to a unit: no unit in the salutation.
    const toCv = smtp.received.find((r) => r.rcptTo[0] === CV_EMAIL)!.mail;
    expect(toCv.text!.split('\n')[0]).toBe('Kính gửi đồng chí Trần Văn Cường,');

    expect(
      (await deliveries('hlhpn', 'lan')).map((d: any) => [d.attempt, d.status, d.email, d.error, d.message_id, d.attempted_at]),
    ).toEqual([[1, 'sent', LAN_EMAIL, null, `<${n.hlhpn}.${ids.lan}@tamduong.vn>`, T0]]);
    const [namFailure] = await deliveries('hccb', 'nam');
    expect(namFailure).toMatchObject({
      attempt: 1,
      status: 'failed',
      email: NAM_EMAIL,
      message_id: `<${n.hccb}.${ids.nam}@tamduong.vn>`, // the attempt's Message-ID is claimed with it, sent or not
      attempted_at: T0,
      next_attempt_at: at(MIN),
    });
    expect(namFailure.error).toMatch(/550/);
    expect(namFailure.error).toMatch(/Recipient address rejected/);

    // e-mail off, no address, not yet due, too old: no attempt at all.
    const [{ count }] = await db.owner.query(
      `SELECT count(*)::int AS count FROM notification_deliveries WHERE user_id = ANY ($1) OR notification_id = ANY ($2)`,
      [
        [ids.binh, ids.tuan],
        [n.mttq, n.future, n.stale],
      ],
    );
    expect(count).toBe(0);
  });

  it("appends every attempt's outcome as an immutable event of the notification's stream, once", async () => {
    await dispatcher().dispatchDue();
    const outcomes = async () =>
      (await db.owner.query(
        `SELECT stream_id, version, event_type, data, metadata FROM events WHERE stream_id LIKE 'notification-%' ORDER BY stream_id, version`,
      )) as any[];
    const rows = await outcomes();
    const byStream = (list: unknown[][]) => list.map((x) => x.join(' ')).sort();
    expect(byStream(rows.map((r) => [r.stream_id, r.version, r.event_type, r.data.attempt]))).toEqual(
      byStream([
        [`notification-${n.hccb}`, 1, 'NotificationDeliveryFailed', 1],
        [`notification-${n.hlhpn}`, 1, 'NotificationDelivered', 1],
        [`notification-${n.hlhpn}`, 2, 'NotificationDelivered', 1],
        [`notification-${n.hnd}`, 1, 'NotificationDelivered', 1],
        [`notification-${n.summary}`, 1, 'NotificationDelivered', 1],
      ]),
    );
    expect(rows.find((r) => r.stream_id === `notification-${n.hnd}`).data.email).toBe(HOA_EMAIL);
    expect(
      rows
        .filter((r) => r.stream_id === `notification-${n.hlhpn}`)
        .map((r) => r.data.email)
        .sort(),
    ).toEqual([HOA_EMAIL, LAN_EMAIL].sort());
    const lan = rows.find((r) => r.data.email === LAN_EMAIL);
    expect(lan.data).toEqual({
      notificationId: n.hlhpn,
      userId: ids.lan,
      email: LAN_EMAIL,
      attempt: 1,
      messageId: `<${n.hlhpn}.${ids.lan}@tamduong.vn>`,
      deliveredAt: T0.toISOString(),
    });
    expect(lan.metadata).toMatchObject({ actor: { userId: 'system:notifications', role: 'system' }, correlationId: n.hlhpn });
    const nam = rows.find((r) => r.event_type === 'NotificationDeliveryFailed');
    expect(nam.data).toMatchObject({
      notificationId: n.hccb,
      userId: ids.nam,
      attempt: 1,
      failedAt: T0.toISOString(),
      nextAttemptAt: at(MIN).toISOString(),
    });
    expect(nam.data.error).toMatch(/550/);

    // Nothing new to send: nothing new recorded. The retry of nam's mail is its stream's second event.
    await dispatcher().dispatchDue();
    expect(await outcomes()).toHaveLength(5);
    now = at(MIN);
    await dispatcher().dispatchDue();
    expect(
      (await outcomes()).filter((r) => r.stream_id === `notification-${n.hccb}`).map((r) => [r.version, r.event_type, r.data.attempt]),
    ).toEqual([
      [1, 'NotificationDeliveryFailed', 1],
      [2, 'NotificationDeliveryFailed', 2],
    ]);
    // The events are as immutable as every other: the application role cannot change them.
    await expect(db.app.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [`notification-${n.hccb}`])).rejects.toThrow();
  });

  it('sends nothing more on a second run, nor after a restart (a new dispatcher and a new connection)', async () => {
    await dispatcher().dispatchDue();
    expect(smtp.received).toHaveLength(4);

    const first = dispatcher();
    expect(await first.dispatchDue()).toEqual({ sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 });
    mailer.close();
    mailer = createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'kybaocao@tamduong.vn' });
    now = at(30_000);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 });
    expect(smtp.received).toHaveLength(4);
    const [{ count }] = await db.owner.query(`SELECT count(*)::int AS count FROM notification_deliveries`);
    expect(count).toBe(5);
  });

  it('records a rejected recipient as failed, shows it for the cycle, retries it with backoff until it goes through', async () => {
    await dispatcher().dispatchDue();
    let failed = (await notificationQueries.failedDeliveriesOfCycle(db.app, cycleId, 50)).list;
    expect(failed).toEqual([
      expect.objectContaining({
        notificationId: n.hccb,
        subject: '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026',
        kind: 'reminder',
        userId: ids.nam,
        displayName: 'Lý Văn Nam',
        email: NAM_EMAIL,
        attempt: 1,
        attemptedAt: T0,
        nextAttemptAt: at(MIN),
        gaveUp: false,
      }),
    ]);
    expect(failed[0].error).toMatch(/550/);
    // Counted on its unit's row of the board (and only there).
    const unitId = failed[0].unitId ?? 'none';
    expect(await notificationQueries.failedDeliveriesPerUnit(db.app, cycleId, [unitId, 'dv-khac'])).toEqual(new Map([[unitId, 1]]));

    now = at(MIN - 1);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 });
    now = at(MIN);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 1, interrupted: 0, claimedElsewhere: 0 });
    failed = (await notificationQueries.failedDeliveriesOfCycle(db.app, cycleId, 50)).list;
    expect(failed.map((f) => [f.email, f.attempt, f.nextAttemptAt])).toEqual([[NAM_EMAIL, 2, at(6 * MIN)]]);

    smtp.reject.delete(NAM_EMAIL); // the mailbox was created
    now = at(6 * MIN - 1);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 });
    now = at(6 * MIN);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 1, failed: 0, interrupted: 0, claimedElsewhere: 0 });

    expect(smtp.received.filter((r) => r.rcptTo[0] === NAM_EMAIL).map((r) => [r.mail.subject, r.mail.messageId])).toEqual([
      ['[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026', `<${n.hccb}.${ids.nam}@tamduong.vn>`],
    ]);
    expect((await deliveries('hccb', 'nam')).map((d: any) => [d.attempt, d.status, d.attempted_at])).toEqual([
      [1, 'failed', T0],
      [2, 'failed', at(MIN)],
      [3, 'sent', at(6 * MIN)],
    ]);
    expect(await notificationQueries.failedDeliveriesOfCycle(db.app, cycleId, 50)).toEqual({ list: [], total: 0 });
  });

  it('gives up after the fifth attempt (1 min, 5 min, 30 min, 2 h apart) and says so', async () => {
    const schedule = [0, MIN, 6 * MIN, 36 * MIN, 156 * MIN];
    for (const offset of schedule) {
      now = at(offset);
      expect((await dispatcher().dispatchDue()).failed).toBe(1);
    }
    now = at(20 * 60 * MIN); // hours later (before the 'future' reminder falls due)
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 0, interrupted: 0, claimedElsewhere: 0 });

    expect((await deliveries('hccb', 'nam')).map((d: any) => [d.attempt, d.attempted_at, d.next_attempt_at])).toEqual([
      [1, at(0), at(MIN)],
      [2, at(MIN), at(6 * MIN)],
      [3, at(6 * MIN), at(36 * MIN)],
      [4, at(36 * MIN), at(156 * MIN)],
      [5, at(156 * MIN), null],
    ]);
    expect(
      (await notificationQueries.failedDeliveriesOfCycle(db.app, cycleId, 50)).list.map((f) => [
        f.email,
        f.attempt,
        f.nextAttemptAt,
        f.gaveUp,
      ]),
    ).toEqual([[NAM_EMAIL, 5, null, true]]);
  });

  it('two dispatchers running at once send every message once', async () => {
    const reports = await Promise.all([dispatcher().dispatchDue(), dispatcher().dispatchDue(), dispatcher().dispatchDue()]);
    expect(reports.reduce((s, r) => s + r.sent, 0)).toBe(4);
    expect(reports.reduce((s, r) => s + r.failed, 0)).toBe(1);
    expect(smtp.received).toHaveLength(4);
    expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(4);
  });

  it('sends eight messages of a batch at once (a reminder round), every message once, over a pooled connection', async () => {
    const pooled = createMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'kybaocao@tamduong.vn',
      timeoutMs: 5000,
      pool: true,
    });
    try {
      const report = await new NotificationDispatcher({
        db: db.app,
        mailer: pooled,
        clock,
        events: new EventStore(db.app),
        concurrency: 8,
        batchSize: 2,
      }).dispatchDue();
      expect([report.sent, report.failed]).toEqual([4, 1]);
      expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(4);
      expect(smtp.received).toHaveLength(4);
      const [{ sent, pairs }] = await db.owner.query(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(DISTINCT (notification_id, user_id))::int AS pairs FROM notification_deliveries`,
      );
      expect({ sent, pairs }).toEqual({ sent: 4, pairs: 5 });
    } finally {
      pooled.close();
    }
  });

  it('resolves an attempt left "sending" by a process that died mid-send, once its lease ran out: uncertain, re-sent at once with the same Message-ID', async () => {
    // Claimed two minutes ago by a dispatcher whose lease (not renewed since) runs out at T0 + 1 min.
    await db.owner.query(
      `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, attempted_at, message_id, lease_until)
       VALUES ($1, $2, $3, 'sending', 1, $4, $5, $6)`,
      [n.hlhpn, ids.lan, LAN_EMAIL, at(-2 * MIN), `<${n.hlhpn}.${ids.lan}@tamduong.vn>`, at(MIN)],
    );
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 3, failed: 1, interrupted: 0, claimedElsewhere: 0 });
    expect(smtp.received.some((r) => r.rcptTo[0] === LAN_EMAIL)).toBe(false); // still held: nobody else touches it

    now = at(MIN + 1); // the lease ran out: resolved, and sent again in the same run (with nam's second try)
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 1, failed: 1, interrupted: 1, claimedElsewhere: 0 });
    expect(smtp.received.filter((r) => r.rcptTo[0] === LAN_EMAIL).map((r) => r.mail.messageId)).toEqual([
      `<${n.hlhpn}.${ids.lan}@tamduong.vn>`,
    ]);
    expect((await deliveries('hlhpn', 'lan')).map((d: any) => [d.attempt, d.status, d.error])).toEqual([
      [1, 'failed', UNCERTAIN],
      [2, 'sent', null],
    ]);
    const events = await db.owner.query(
      `SELECT event_type, data FROM events WHERE stream_id = $1 AND data->>'userId' = $2 ORDER BY version`,
      [`notification-${n.hlhpn}`, ids.lan],
    );
    expect(events.map((e: any) => [e.event_type, e.data.attempt, e.data.messageId])).toEqual([
      ['NotificationDeliveryUncertain', 1, `<${n.hlhpn}.${ids.lan}@tamduong.vn>`],
      ['NotificationDelivered', 2, `<${n.hlhpn}.${ids.lan}@tamduong.vn>`],
    ]);
    expect(events[0].data).toEqual({
      notificationId: n.hlhpn,
      userId: ids.lan,
      email: LAN_EMAIL,
      attempt: 1,
      messageId: `<${n.hlhpn}.${ids.lan}@tamduong.vn>`,
      claimedAt: at(-2 * MIN).toISOString(),
      leaseExpiredAt: at(MIN).toISOString(),
      resolvedAt: at(MIN + 1).toISOString(),
      resolution: 'resend',
      nextAttemptAt: at(MIN + 1).toISOString(),
    });
  });

  it('a dispatcher killed with eight sends in flight: its live claims are left alone, then each in-flight attempt is resolved as uncertain and re-sent once, with the same Message-ID', async () => {
    // The process to kill: its database handle dies with it (every query fails from the kill on, as a closed
    // connection would), and two of its sends never finish — lan's after the server accepted the message, hoa's
    // (of the Farmers' Union's reminder) before it reached the server.
    let dead = false;
    const guard = (q: { query(sql: string, p?: unknown[]): Promise<any> }) => ({
      query: (sql: string, params?: unknown[]) => (dead ? Promise.reject(new Error('connection terminated')) : q.query(sql, params)),
    });
    const dying = {
      ...guard(db.app),
      transaction: <T>(work: (tx: { query(sql: string, p?: unknown[]): Promise<any> }) => Promise<T>) =>
        dead ? Promise.reject(new Error('connection terminated')) : db.app.transaction((m) => work(guard(m))),
    };
    let unblock: (error: Error) => void = () => undefined;
    const blocked = new Promise<never>((_, reject) => (unblock = reject));
    blocked.catch(() => undefined);
    const hangAfter = (m: OutgoingMail) => m.to.address === LAN_EMAIL;
    const hangBefore = (m: OutgoingMail) => m.to.address === HOA_EMAIL && m.headers?.['X-Kybaocao-Notification'] === n.hnd;
    const killable: Mailer = {
      fromAddress: mailer.fromAddress,
      async send(m) {
        if (hangBefore(m)) return blocked;
        const sent = await mailer.send(m);
        return hangAfter(m) ? blocked : sent;
      },
      verify: () => mailer.verify(),
      close: () => undefined,
    };
    const eventErrors: unknown[] = [];
    const first = new NotificationDispatcher({
      db: dying,
      mailer: killable,
      clock,
      events: new EventStore(db.app),
      concurrency: 8,
      leaseMs: 300, // renewed every 100 ms while in flight
      recordPatienceMs: 500, // after the kill, its outcomes cannot be recorded: stop trying soon
      onEventError: (e) => eventErrors.push(e),
    });
    const running = first.dispatchDue();
    running.catch(() => undefined); // awaited below
    const states = async () =>
      (await db.owner.query(`SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status ORDER BY status`)).map(
        (r: any) => `${r.status} ${r.n}`,
      );
    await eventually(
      async () => JSON.stringify(await states()) === JSON.stringify(['failed 1', 'sending 2', 'sent 2']),
      10_000,
      'two sends hung',
    );
    expect(smtp.received.filter((r) => r.rcptTo[0] === LAN_EMAIL)).toHaveLength(1);

    // While the process lives, its leases are renewed: another dispatcher, past the first lease, leaves them alone.
    now = at(MIN);
    await new Promise((r) => setTimeout(r, 250));
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 0, failed: 1, interrupted: 0, claimedElsewhere: 0 }); // nam's 2nd try
    expect(await states()).toEqual(['failed 2', 'sending 2', 'sent 2']);

    // Killed. Once its leases ran out, the next dispatcher resolves both and sends them again at once.
    dead = true;
    now = at(2 * MIN);
    expect(await dispatcher().dispatchDue()).toEqual({ sent: 2, failed: 0, interrupted: 2, claimedElsewhere: 0 });
    unblock(new Error('the process is gone'));
    // Its late outcomes are not recorded (the attempts were resolved, and its connection is gone); the run itself
    // ends with the connection's error if it looked for more work after the kill.
    await running.catch((error: Error) => expect(error.message).toBe('connection terminated'));
    expect(eventErrors.length).toBeGreaterThan(0);

    const lanId = `<${n.hlhpn}.${ids.lan}@tamduong.vn>`;
    const hoaId = `<${n.hnd}.${ids.hoa}@tamduong.vn>`;
    // The message that had reached the server arrived twice, with one Message-ID; the one that had not, once.
    expect(smtp.received.filter((r) => r.mail.messageId === lanId)).toHaveLength(2);
    expect(smtp.received.filter((r) => r.mail.messageId === hoaId)).toHaveLength(1);
    expect(new Set(smtp.received.map((r) => r.mail.messageId)).size).toBe(4);
    expect(smtp.received).toHaveLength(5);
    // Every attempt has exactly one outcome, the same in the table and the event store; every pair one delivery.
    const attempts = await db.owner.query(
      `SELECT notification_id, user_id, attempt, status, error FROM notification_deliveries ORDER BY notification_id, user_id, attempt`,
    );
    const events = await db.owner.query(`SELECT event_type, data FROM events WHERE stream_id LIKE 'notification-%'`);
    const typeOf = (a: any) =>
      a.status === 'sent'
        ? 'NotificationDelivered'
        : a.error === UNCERTAIN
          ? 'NotificationDeliveryUncertain'
          : 'NotificationDeliveryFailed';
    const sortedKeys = (list: string[]) => [...list].sort();
    expect(sortedKeys(events.map((e: any) => `${e.data.notificationId}/${e.data.userId}/${e.data.attempt} ${e.event_type}`))).toEqual(
      sortedKeys(attempts.map((a: any) => `${a.notification_id}/${a.user_id}/${a.attempt} ${typeOf(a)}`)),
    );
    expect(
      events
        .filter((e: any) => e.event_type !== 'NotificationDeliveryFailed')
        .map((e: any) => [e.data.messageId, e.data.attempt, e.event_type])
        .filter(([id]: string[]) => id === lanId || id === hoaId)
        .sort(),
    ).toEqual(
      [
        [hoaId, 1, 'NotificationDeliveryUncertain'],
        [hoaId, 2, 'NotificationDelivered'],
        [lanId, 1, 'NotificationDeliveryUncertain'],
        [lanId, 2, 'NotificationDelivered'],
      ].sort(),
    );
    const deliveredPairs = events.filter((e: any) => e.event_type === 'NotificationDelivered').map((e: any) => e.data.messageId);
    expect(deliveredPairs).toHaveLength(new Set(deliveredPairs).size);
    expect(deliveredPairs).toHaveLength(4);
  });

  it("keeps the in-app inbox of each user: their own notifications and their units', e-mail or not", async () => {
    const inbox = async (user: string, asOf?: Date) =>
      (await notificationQueries.inboxOf(db.app, ids[user], asOf ? { asOf } : {})).map((i) => [
        Object.keys(n).find((k) => n[k] === i.id),
        i.addressedTo,
        i.unitName,
      ]);
    expect(await inbox('hoa', T0)).toEqual([
      ['hnd', 'unit', 'Hội Nông dân huyện'],
      ['hlhpn', 'unit', 'Hội Liên hiệp Phụ nữ huyện'],
      ['stale', 'unit', 'Hội Liên hiệp Phụ nữ huyện'],
    ]);
    expect(await inbox('hoa')).toHaveLength(4); // the future one too, without asOf
    expect(await inbox('binh', T0)).toEqual([['hnd', 'unit', 'Hội Nông dân huyện']]); // e-mail off: still in the inbox
    expect(await inbox('tuan', T0)).toEqual([['mttq', 'unit', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện']]);
    expect(await inbox('cv', T0)).toEqual([['summary', 'user', null]]);
    expect(await notificationQueries.inboxOf(db.app, ids.hoa, { asOf: T0, limit: 1, before: at(-60 * MIN) })).toEqual([
      expect.objectContaining({ id: n.hlhpn, cycleId, link: reminderLink('hlhpn'), dueAt: at(-120 * MIN) }),
    ]);
  });

  it('keeps notification preferences per user, with defaults (e-mail on, digest at 07:00)', async () => {
    expect(await userPreferences.of(db.app, ids.lan)).toEqual({ emailEnabled: true, digestHour: 7, digestMinute: 0 });
    expect(await userPreferences.of(db.app, ids.binh)).toEqual({ emailEnabled: false, digestHour: 7, digestMinute: 0 });
    expect(await userPreferences.update(db.app, ids.binh, { digestHour: 9, digestMinute: 30 }, T0)).toEqual({
      emailEnabled: false,
      digestHour: 9,
      digestMinute: 30,
    });
    expect(await userPreferences.update(db.app, ids.binh, { emailEnabled: true }, T0)).toEqual({
      emailEnabled: true,
      digestHour: 9,
      digestMinute: 30,
    });
    await expect(userPreferences.update(db.app, ids.lan, { digestHour: 24 }, T0)).rejects.toThrow(RangeError);
    await expect(userPreferences.update(db.app, ids.lan, { digestMinute: 60 }, T0)).rejects.toThrow(RangeError);

    // Switched back on: the notification still due within the last 48 h now reaches binh.
    await dispatcher().dispatchDue();
    expect(smtp.received.filter((r) => r.rcptTo[0] === 'binh.hnd@tamduong.vn').map(summary)).toEqual([
      ['binh.hnd@tamduong.vn', '[Nhắc hạn] Báo cáo năm 2026: hạn nộp 16/12/2026', reminderLink('hnd')],
    ]);
  });

  describe('coordinator daily digest', () => {
    const secondCycle = randomUUID();
    const closedCycle = randomUUID();
    const digests = () => new CoordinatorDigestBuilder({ db: db.app, publicUrl: PUBLIC_URL, clock });
    /** 18/12/2026, two days after the deadline, at `hh:mm` in Vietnam. */
    const dec18 = (hhmm: string) => new Date(`2026-12-18T${hhmm}:00+07:00`);

    beforeEach(async () => {
      await setStatus(cycleId, 'mttq', 'approved', '2026-12-10T03:00:00Z');
      await setStatus(cycleId, 'hnd', 'submitted', '2026-12-15T03:00:00Z');
      await setStatus(cycleId, 'dtn', 'returned', '2026-12-15T04:00:00Z');
      // hlhpn and hccb have not submitted; bhon was merged away on 30/6/2026 and is not expected.

      await insertUser('thu', 'thu', 'Điêu Thị Thu', 'thu.mttq@tamduong.vn', [], ['coordinator']);
      await userPreferences.update(db.app, ids.thu, { digestHour: 9 }, T0);
      await insertCycle(secondCycle, ids.thu, '6 tháng cuối năm 2026', 'collecting', ['mttq', 'hnd']);
      await setStatus(secondCycle, 'mttq', 'approved', '2026-12-10T03:00:00Z');
      // A closed cycle of the same coordinator with a unit that never submitted: not in the digest.
      await insertCycle(closedCycle, ids.cv, 'quý III năm 2026', 'closed', ['hccb']);
    });

    it('issues one digest per coordinator per day, after their hour, listing pending units of their open cycles', async () => {
      now = dec18('06:59');
      expect(await digests().issueDue()).toEqual({ issuedTo: [] });
      now = dec18('07:00');
      expect(await digests().issueDue()).toEqual({ issuedTo: [ids.cv] });
      now = dec18('08:30');
      expect(await digests().issueDue()).toEqual({ issuedTo: [] });
      now = dec18('09:00');
      expect(await digests().issueDue()).toEqual({ issuedTo: [ids.thu] });

      const [digest] = await db.owner.query(`SELECT * FROM notifications WHERE kind = 'coordinator-digest' AND recipient_id = $1`, [
        ids.cv,
      ]);
      expect(digest).toMatchObject({
        dedupe_key: `digest:${ids.cv}:2026-12-18`,
        recipient_type: 'user',
        cycle_id: cycleId,
        due_at: dec18('07:00'),
        subject: '[Tổng hợp ngày 18/12/2026] Báo cáo năm 2026: còn 3/5 đơn vị chưa nộp',
        link: `${PUBLIC_URL}/ui/cycles/${cycleId}`,
      });
      expect(digest.body).toBe(
        [
          'Tình hình nộp báo cáo lúc 07:00 ngày 18/12/2026:',
          '',
          '1. Báo cáo năm 2026 (hạn nộp 16/12/2026): còn 3/5 đơn vị chưa nộp báo cáo ' +
            '(Đoàn Thanh niên huyện, Hội Cựu chiến binh huyện, Hội Liên hiệp Phụ nữ huyện).',
          '   - Quá hạn: Hội Cựu chiến binh huyện (2 ngày), Hội Liên hiệp Phụ nữ huyện (2 ngày).',
          '   - Bị trả lại, chưa nộp lại: Đoàn Thanh niên huyện.',
          `   - Bảng theo dõi: ${PUBLIC_URL}/ui/cycles/${cycleId}`,
        ].join('\n'),
      );
      const [thuDigest] = await db.owner.query(
        `SELECT subject FROM notifications WHERE kind = 'coordinator-digest' AND recipient_id = $1`,
        [ids.thu],
      );
      expect(thuDigest.subject).toBe('[Tổng hợp ngày 18/12/2026] Báo cáo 6 tháng cuối năm 2026: còn 1/2 đơn vị chưa nộp');

      // One e-mail each (the reminders of the 14th are older than 48 h and are not e-mailed any more).
      expect(await dispatcher().dispatchDue()).toEqual({ sent: 2, failed: 0, interrupted: 0, claimedElsewhere: 0 });
      expect(sortedSummaries()).toEqual([
        [CV_EMAIL, '[Tổng hợp ngày 18/12/2026] Báo cáo năm 2026: còn 3/5 đơn vị chưa nộp', `${PUBLIC_URL}/ui/cycles/${cycleId}`],
        [
          'thu.mttq@tamduong.vn',
          '[Tổng hợp ngày 18/12/2026] Báo cáo 6 tháng cuối năm 2026: còn 1/2 đơn vị chưa nộp',
          `${PUBLIC_URL}/ui/cycles/${secondCycle}`,
        ],
      ]);

      now = dec18('23:59');
      expect(await digests().issueDue()).toEqual({ issuedTo: [] });
      now = new Date('2026-12-19T07:00:00+07:00');
      expect(await digests().issueDue()).toEqual({ issuedTo: [ids.cv] });
    });

    it('issues nothing to a coordinator with nothing pending, and nothing twice when two builders race', async () => {
      await setStatus(cycleId, 'hlhpn', 'submitted', '2026-12-17T03:00:00Z');
      await setStatus(cycleId, 'hccb', 'approved', '2026-12-16T03:00:00Z');
      await setStatus(cycleId, 'dtn', 'resubmitted', '2026-12-15T04:00:00Z');
      now = dec18('10:00');
      const results = await Promise.all([digests().issueDue(), digests().issueDue()]);
      expect(results.flatMap((r) => r.issuedTo)).toEqual([ids.thu]);
      const rows = await db.owner.query(`SELECT recipient_id FROM notifications WHERE kind = 'coordinator-digest'`);
      expect(rows).toEqual([{ recipient_id: ids.thu }]);
    });

    // Issue #16: the loop ticks after every notification issued (each submission, each approval), and a coordinator
    // with nothing pending gets no digest, so is looked at again at the next tick: that must not read the cycle's units.
    it('reads no unit of a cycle with nothing pending (its grouped counts say so), only of one with units pending', async () => {
      await setStatus(cycleId, 'hlhpn', 'submitted', '2026-12-17T03:00:00Z');
      await setStatus(cycleId, 'hccb', 'approved', '2026-12-16T03:00:00Z');
      await setStatus(cycleId, 'dtn', 'resubmitted', '2026-12-15T04:00:00Z');
      now = dec18('10:00');
      const read = jest.spyOn(cycleBoardQueries, 'boardRowsOfCycle');
      try {
        expect(await digests().issueDue()).toEqual({ issuedTo: [ids.thu] });
        // thu's cycle has hnd pending; cv's cycle, nothing (its closed cycle is not looked at).
        expect(read.mock.calls.map(([, id]) => id)).toEqual([secondCycle]);
        read.mockClear();
        expect(await digests().issueDue()).toEqual({ issuedTo: [] });
        expect(read).not.toHaveBeenCalled();
      } finally {
        read.mockRestore();
      }
    });

    it("finds the coordinators through the accounts' key, not by reading every account", async () => {
      // 2,000 reporters' accounts besides the coordinators, just imported (no statistics gathered yet): the statement
      // the digest runs at every tick reads the coordinators' rows only.
      await db.owner.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, unit_ids, password_changed_at, created_at, created_by)
         SELECT gen_random_uuid(), 'bulk.' || i, 'Cán bộ ' || i, 'not-a-real-hash', '{unit_reporter}', '{}', $1, $1, 'test'
           FROM generate_series(1, 2000) AS i`,
        [T0],
      );
      const statements: [string, unknown[]][] = [];
      const spy = { query: (text: string, params?: unknown[]) => (statements.push([text, params ?? []]), db.app.query(text, params)) };
      now = dec18('06:00'); // before every coordinator's hour: the coordinators are read, nothing else
      expect(await new CoordinatorDigestBuilder({ db: spy, publicUrl: PUBLIC_URL, clock }).issueDue()).toEqual({ issuedTo: [] });
      expect(statements).toHaveLength(1);
      const usersRead = await rowsReadFrom(db.app, statements[0], 'users');
      expect(usersRead).toBe(2); // cv and thu
    });
  });
});
