import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { isoDateInVietnam } from '@kybaocao/domain/calendar';
import { formatStateDate } from '@kybaocao/domain/format';
import { createTestDatabase, TestDatabase } from './infra/db';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from './infra/processes';
import { createTimeSkippingEnv } from './infra/temporal';
import { login, STARTUP_TIMEOUT_MS, VALID_CONTENT, waitForPhase } from './support/api-stack';
import { UNCERTAIN } from '@kybaocao/notifications';
import { ReceivedMail, startTestSmtpServer, TestSmtpServer } from './support/test-smtp';
import { readModelsCurrent } from './support/read-models';

/**
 * Issue #6 end to end: the built API and worker processes, the cycle workflow on Temporal's time-skipping
 * server, PostgreSQL, and a real SMTP server (smtp-server) started here, which the worker's dispatcher reaches
 * through SMTP_HOST/SMTP_PORT. A scripted cycle of three units — one returned then approved, one given an
 * extension, one that never submits (overdue) — and every mail that reaches the server: exact recipients,
 * subjects and links, none twice, also after the worker is killed and restarted. A mailbox the server rejects
 * shows on the board as failed deliveries, and every attempt's outcome is an event.
 *
 * Everything people do goes through the HTTP API (real time); the reminders' clock is the workflow's, which
 * the test moves to December 2030 with the time-skipping server.
 */

const PUBLIC_URL = 'https://kybaocao.tamduong.test';
const PASSWORD = 'mat-khau-thu-nghiem-1';
const MAIL = {
  cv: 'thu.bdv@tamduong.test',
  ld: 'son.bdv@tamduong.test',
  lan: 'lan.hlhpn@tamduong.test',
  hoa: 'hoa.hnd@tamduong.test',
  nam: 'nam.hccb@tamduong.test',
  cuong: 'cuong.hccb@khongtontai.test', // the server rejects this mailbox
};
const UNITS = [
  { id: 'hu-td', parentId: null, level: 'huyen', kind: 'HUYEN_UY', canonicalName: 'Huyện ủy Tam Đường' },
  { id: 'bdv-td', parentId: 'hu-td', level: 'huyen', kind: 'BAN_DAN_VAN', canonicalName: 'Ban Dân vận Huyện ủy Tam Đường' },
  { id: 'hlhpn-td', parentId: 'hu-td', level: 'huyen', kind: 'HLHPN', canonicalName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' },
  { id: 'hnd-td', parentId: 'hu-td', level: 'huyen', kind: 'HND', canonicalName: 'Hội Nông dân huyện Tam Đường' },
  { id: 'hccb-td', parentId: 'hu-td', level: 'huyen', kind: 'HCCB', canonicalName: 'Hội Cựu chiến binh huyện Tam Đường' },
];
const USERS = [
  { username: 'thu.bdv', displayName: 'Nguyễn Thị Thu', roles: ['coordinator'], officeUnitId: 'bdv-td', email: MAIL.cv },
  { username: 'son.bdv', displayName: 'Tẩn Văn Sơn', roles: ['reviewer'], officeUnitId: 'bdv-td', email: MAIL.ld },
  { username: 'lan.hlhpn', displayName: 'Lò Thị Lan', roles: ['reporter'], unitIds: ['hlhpn-td'], email: MAIL.lan },
  { username: 'hoa.hnd', displayName: 'Vàng Thị Hoa', roles: ['reporter'], unitIds: ['hnd-td'], email: MAIL.hoa },
  { username: 'nam.hccb', displayName: 'Lý Văn Nam', roles: ['reporter'], unitIds: ['hccb-td'], email: MAIL.nam },
  { username: 'cuong.hccb', displayName: 'Trần Văn Cường', roles: ['reporter'], unitIds: ['hccb-td'], email: MAIL.cuong },
];

describe('notifications by e-mail through a real SMTP server: a scripted cycle with a return, an extension and an overdue unit', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let api: RunningProcess & { url: string };
  let worker: RunningProcess | undefined;
  let processEnv: Record<string, string>;
  const s = {} as Record<'admin' | 'cv' | 'ld' | 'lan' | 'hoa', ApiSession>;
  let cycleId: string;

  const link = {
    board: () => `${PUBLIC_URL}/ui/cycles/${cycleId}`,
    submission: (unit: string) => `${PUBLIC_URL}/ui/cycles/${cycleId}/units/${unit}`,
  };
  const linksIn = (m: ReceivedMail) => [...new Set((m.mail.text ?? '').match(/https?:\/\/\S+/g) ?? [])];
  const summary = (m: ReceivedMail) => ({ to: m.rcptTo.join(','), subject: m.mail.subject, links: linksIn(m) });
  /** Every message once: a re-send of an attempt whose fate was unknown carries the first one's Message-ID. */
  const unique = () => smtp.received.filter((m, i, all) => all.findIndex((x) => x.mail.messageId === m.mail.messageId) === i);
  const received = () => unique().map(summary);
  const mailsTo = (address: string) => unique().filter((m) => m.rcptTo.includes(address));
  const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const waitForMails = (n: number, what: string) =>
    eventually(async () => unique().length >= n, 60_000, `${what} (${n} mails; got ${JSON.stringify(received())})`);
  const sleepUntil = async (iso: string) => env.sleep(Date.parse(iso) - (await env.currentTimeMs()));
  const launchWorker = () => startWorker(processEnv as Parameters<typeof startWorker>[0]);
  const ok = async (p: Promise<{ status: number; body: any }>, status = 200) => {
    const res = await p;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    db = await createTestDatabase();
    smtp = await startTestSmtpServer();
    smtp.reject.add(MAIL.cuong);
    processEnv = {
      DATABASE_URL: db.url,
      TEMPORAL_TASK_QUEUE: `e2e-smtp-${randomUUID()}`,
      TEMPORAL_ADDRESS: env.address,
      // No workflow cache: a task parked on a killed worker's sticky queue would hold the time-skipping clock.
      TEMPORAL_MAX_CACHED_WORKFLOWS: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MAIL_FROM: 'Ban Dân vận Huyện ủy Tam Đường <kybaocao@tamduong.test>',
      NOTIFICATION_INTERVAL_MS: '500',
      // Eight at once (the worker's default, said here because the kill below needs sends in flight), and a short
      // lease so that the restarted worker finds the killed one's claims expired within seconds.
      NOTIFICATION_CONCURRENCY: '8',
      NOTIFICATION_LEASE_MS: '3000',
      PUBLIC_URL,
    };
    worker = launchWorker();
    api = await startApi(processEnv as Parameters<typeof startApi>[0]);
    s.admin = await login(api.url, 'admin', TEST_ADMIN_PASSWORD);
    for (const unit of UNITS) await ok(s.admin.call('POST', '/org-units', { ...unit, activeFrom: '2020-01-01' }), 201);
    for (const user of USERS) await ok(s.admin.call('POST', '/users', { ...user, password: PASSWORD }), 201);
    for (const [key, username] of [
      ['cv', 'thu.bdv'],
      ['ld', 'son.bdv'],
      ['lan', 'lan.hlhpn'],
      ['hoa', 'hoa.hnd'],
    ] as const)
      s[key] = await login(api.url, username, PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await smtp?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('mails exactly who is waiting, at once, with the reason of a return and the link; reminders follow the workflow clock and the extension', async () => {
    // The coordinator's daily digest at 00:00 (Vietnam), so that it is due whenever the test runs.
    expect(await ok(s.cv.call('PUT', '/me/preferences', { emailEnabled: true, digestTime: '00:00' }))).toEqual({
      emailEnabled: true,
      digestTime: '00:00',
    });

    const opened = await ok(
      s.cv.call('POST', '/cycles', {
        templateId: 'dan-van-annual',
        period: { kind: 'annual', year: 2030, label: 'năm 2030', dataFrom: '2029-12-15', dataTo: '2030-12-14' },
        issuingBody: { unitId: 'hu-td', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
        signer: { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
        milestones: {
          submissionDeadline: '2030-12-16',
          reviewDue: '2030-12-21',
          commentsDue: '2030-12-24',
          signOffDue: '2030-12-28',
          distributionDue: '2030-12-30',
        },
        units: [{ unitId: 'hlhpn-td' }, { unitId: 'hnd-td' }, { unitId: 'hccb-td' }],
        reminderPolicy: { before: [1], onDay: false, overdue: [1] }, // D-1 and D+1 at 08:00
      }),
      201,
    );
    cycleId = opened.id;
    await waitForPhase(s.cv, cycleId, 'collecting');

    const today = formatStateDate(isoDateInVietnam(new Date()));
    await waitForMails(1, 'the digest');
    expect(received()).toEqual([
      { to: MAIL.cv, subject: `[Tổng hợp ngày ${today}] Báo cáo năm 2030: còn 3/3 đơn vị chưa nộp`, links: [link.board()] },
    ]);

    // A submission: the office's reviewer is told at once.
    const sub = (unit: string, action: string) => `/cycles/${cycleId}/units/${unit}/submission/${action}`;
    await ok(login(api.url, 'lan.hlhpn', PASSWORD).then((lan) => lan.call('POST', sub('hlhpn-td', 'submit'), { content: VALID_CONTENT })));
    await waitForMails(2, 'the review request');
    expect(received()[1]).toEqual({
      to: MAIL.ld,
      subject: '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp báo cáo năm 2030',
      links: [link.submission('hlhpn-td')],
    });

    // A return: the unit is told at once, with each reason.
    const returnedAt = Date.now();
    await ok(
      s.ld.call('POST', sub('hlhpn-td', 'return'), {
        reasons: [
          { sectionCode: 'II.1', reason: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' },
          { reason: 'Đề nghị bổ sung số liệu quý IV.' },
        ],
      }),
    );
    // In the unit's inbox as soon as the return is recorded…
    const inbox = await ok(s.lan.call('GET', '/me/notifications'));
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items.map((i: any) => [i.kind, i.addressedTo, i.unitId, i.readAt])).toEqual([
      ['submission-returned', 'unit', 'hlhpn-td', null],
    ]);
    // …and in the mailbox within seconds.
    await waitForMails(3, 'the return');
    expect(Date.now() - returnedAt).toBeLessThan(15_000);
    const returnMail = smtp.received[2];
    expect(summary(returnMail)).toEqual({
      to: MAIL.lan,
      subject: '[Trả lại] Báo cáo năm 2030 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại',
      links: [link.submission('hlhpn-td')],
    });
    expect(returnMail.mail.text).toContain('Kính gửi đồng chí Lò Thị Lan (Hội Liên hiệp Phụ nữ huyện Tam Đường),');
    expect(returnMail.mail.text).toContain(
      '- Mục II.1: Số lượt người tham gia chưa khớp với số buổi tuyên truyền.\n- Ý kiến chung: Đề nghị bổ sung số liệu quý IV.\n',
    );
    expect(returnMail.mail.text).toContain(
      `Đề nghị đồng chí chỉnh sửa theo các ý kiến trên và nộp lại báo cáo tại: ${link.submission('hlhpn-td')}`,
    );

    // Resubmitted, then approved; an extension for the Farmers' Union.
    await ok(login(api.url, 'lan.hlhpn', PASSWORD).then((lan) => lan.call('POST', sub('hlhpn-td', 'submit'), {})));
    await waitForMails(4, 'the resubmission');
    await ok(s.ld.call('POST', sub('hlhpn-td', 'approve'), { version: 2 }));
    await waitForMails(5, 'the approval');
    await ok(
      s.cv.call('POST', `/cycles/${cycleId}/units/hnd-td/extensions`, {
        newDeadline: '2030-12-20',
        reason: 'Hội tổ chức Đại hội đại biểu nhiệm kỳ mới.',
      }),
    );
    await waitForMails(6, 'the extension');
    expect(received().slice(3)).toEqual([
      {
        to: MAIL.ld,
        subject: '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp lại báo cáo năm 2030',
        links: [link.submission('hlhpn-td')],
      },
      {
        to: MAIL.lan,
        subject: '[Đã duyệt] Báo cáo năm 2030 của Hội Liên hiệp Phụ nữ huyện Tam Đường',
        links: [link.submission('hlhpn-td')],
      },
      {
        to: MAIL.hoa,
        subject: '[Gia hạn] Báo cáo năm 2030: hạn nộp mới của Hội Nông dân huyện Tam Đường là 20/12/2030',
        links: [link.submission('hnd-td')],
      },
    ]);

    // Two of the reminders will be in flight when the worker is killed: the Farmers' Union's is held at RCPT TO (it
    // never arrives), the veterans' overdue one is kept by the server, which holds back its reply (the worker cannot
    // know it arrived). The other sends go on beside them, eight at a time.
    smtp.holdRcpt.add(MAIL.hoa);
    smtp.holdDataReply = (m) => m.rcptTo.includes(MAIL.nam) && m.mail.subject!.startsWith('[Quá hạn]');
    // The workflow's clock to Thursday 19/12/2030 10:00 (Vietnam): D-1 of the 16th (Fri 13th), D+1 (Tue 17th), D-1 of the 20th (Thu 19th).
    await sleepUntil('2030-12-19T03:00:00Z');
    await eventually(
      async () => unique().length >= 11 && smtp.held.length === 2,
      60_000,
      `the reminders up to 19/12/2030, two of them in flight (got ${JSON.stringify(received())}, held ${smtp.held.length})`,
    );

    // The worker is killed (SIGKILL) with those sends in flight, and comes back.
    await worker!.kill();
    smtp.releaseHeld();
    worker = launchWorker();
    // Both are resolved as uncertain once the killed worker's lease ran out, and sent again with the same Message-ID.
    await waitForMails(12, "the Farmers' Union's reminder, re-sent");
    await ok(login(api.url, 'hoa.hnd', PASSWORD).then((hoa) => hoa.call('POST', sub('hnd-td', 'submit'), { content: VALID_CONTENT })));
    await waitForMails(13, "the Farmers' Union submission");
    await sleepUntil('2030-12-24T03:00:00Z'); // past D+1 of the 20th: the Farmers' Union has submitted, nobody is reminded
    await new Promise((r) => setTimeout(r, 4000));

    expect(sorted(received())).toEqual(
      sorted([
        { to: MAIL.cv, subject: `[Tổng hợp ngày ${today}] Báo cáo năm 2030: còn 3/3 đơn vị chưa nộp`, links: [link.board()] },
        {
          to: MAIL.ld,
          subject: '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp báo cáo năm 2030',
          links: [link.submission('hlhpn-td')],
        },
        {
          to: MAIL.lan,
          subject: '[Trả lại] Báo cáo năm 2030 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại',
          links: [link.submission('hlhpn-td')],
        },
        {
          to: MAIL.ld,
          subject: '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp lại báo cáo năm 2030',
          links: [link.submission('hlhpn-td')],
        },
        {
          to: MAIL.lan,
          subject: '[Đã duyệt] Báo cáo năm 2030 của Hội Liên hiệp Phụ nữ huyện Tam Đường',
          links: [link.submission('hlhpn-td')],
        },
        {
          to: MAIL.hoa,
          subject: '[Gia hạn] Báo cáo năm 2030: hạn nộp mới của Hội Nông dân huyện Tam Đường là 20/12/2030',
          links: [link.submission('hnd-td')],
        },
        // 13/12 08:00, D-1 of the 16th: the veterans (the Farmers' Union's deadline is now the 20th), and the coordinator's summary.
        { to: MAIL.nam, subject: '[Nhắc hạn] Báo cáo năm 2030: hạn nộp 16/12/2030', links: [link.submission('hccb-td')] },
        { to: MAIL.cv, subject: '[Tổng hợp] Báo cáo năm 2030: còn 2/3 đơn vị chưa nộp', links: [link.board()] },
        // 17/12 08:00, D+1: the veterans are overdue; the coordinator gets the escalation.
        { to: MAIL.nam, subject: '[Quá hạn] Báo cáo năm 2030: đã quá hạn nộp 16/12/2030', links: [link.submission('hccb-td')] },
        { to: MAIL.cv, subject: '[Tổng hợp] Báo cáo năm 2030: còn 2/3 đơn vị chưa nộp', links: [link.board()] },
        // 19/12 08:00, D-1 of the extended deadline.
        { to: MAIL.hoa, subject: '[Nhắc hạn] Báo cáo năm 2030: hạn nộp 20/12/2030', links: [link.submission('hnd-td')] },
        { to: MAIL.cv, subject: '[Tổng hợp] Báo cáo năm 2030: còn 2/3 đơn vị chưa nộp', links: [link.board()] },
        {
          to: MAIL.ld,
          subject: '[Chờ thẩm định] Hội Nông dân huyện Tam Đường đã nộp báo cáo năm 2030',
          links: [link.submission('hnd-td')],
        },
      ]),
    );
    // Each message once (one Message-ID each), in Vietnamese NFC, from the configured sender.
    expect(unique()).toHaveLength(13);
    for (const m of smtp.received) {
      expect(m.mail.subject).toBe(m.mail.subject!.normalize('NFC'));
      expect(m.mail.text).toBe(m.mail.text!.normalize('NFC'));
      expect(m.mail.from?.value).toEqual([{ name: 'Ban Dân vận Huyện ủy Tam Đường', address: 'kybaocao@tamduong.test' }]);
    }
    const overdue = mailsTo(MAIL.nam).find((m) => m.mail.subject!.startsWith('[Quá hạn]'))!;
    expect(overdue.mail.text).toContain('Đơn vị chưa nộp báo cáo năm 2030, đã quá hạn nộp ngày 16/12/2030.');
    const extension = mailsTo(MAIL.hoa).find((m) => m.mail.subject!.startsWith('[Gia hạn]'))!;
    expect(extension.mail.text).toContain(
      'được gia hạn từ ngày 16/12/2030 đến hết ngày 20/12/2030. Lý do: Hội tổ chức Đại hội đại biểu nhiệm kỳ mới.',
    );

    // The veterans' second reporter never got the reminders: the board shows it.
    await readModelsCurrent(api.url); // the reporters' submissions: other sessions than the coordinator's
    const board = await ok(s.cv.call('GET', `/cycles/${cycleId}/board`));
    expect(board.units.map((u: any) => [u.unitId, u.failedDeliveries])).toEqual(
      expect.arrayContaining([
        ['hccb-td', 2],
        ['hnd-td', 0],
        ['hlhpn-td', 0],
      ]),
    );
    expect(sorted(board.failedDeliveries.map((f: any) => [f.unitId, f.unitName, f.recipientName, f.email, f.subject, f.gaveUp]))).toEqual(
      sorted([
        [
          'hccb-td',
          'Hội Cựu chiến binh huyện Tam Đường',
          'Trần Văn Cường',
          MAIL.cuong,
          '[Nhắc hạn] Báo cáo năm 2030: hạn nộp 16/12/2030',
          false,
        ],
        [
          'hccb-td',
          'Hội Cựu chiến binh huyện Tam Đường',
          'Trần Văn Cường',
          MAIL.cuong,
          '[Quá hạn] Báo cáo năm 2030: đã quá hạn nộp 16/12/2030',
          false,
        ],
      ]),
    );
    for (const f of board.failedDeliveries) expect(f.error).toMatch(/550/);

    // Every attempt has exactly one outcome, recorded both in the deliveries table and as an event of the
    // notification's stream (one transaction): once no attempt is in flight, the two agree attempt by attempt.
    const attempts = () =>
      db.owner.query(
        `SELECT notification_id, user_id::text AS user_id, attempt, status, error, message_id, email FROM notification_deliveries
          ORDER BY notification_id, user_id, attempt`,
      );
    await eventually(async () => (await attempts()).every((a: any) => a.status !== 'sending'), 30_000, 'no attempt left in flight');
    const rows: any[] = await attempts();
    const events: any[] = await db.owner.query(
      `SELECT event_type, data FROM events WHERE stream_id LIKE 'notification-%' ORDER BY global_position`,
    );
    const key = (x: { notificationId?: string; notification_id?: string; userId?: string; user_id?: string; attempt: number }) =>
      `${x.notificationId ?? x.notification_id}/${x.userId ?? x.user_id}/${x.attempt}`;
    const expectedType = (a: any) =>
      a.status === 'sent'
        ? 'NotificationDelivered'
        : a.error === UNCERTAIN
          ? 'NotificationDeliveryUncertain'
          : 'NotificationDeliveryFailed';
    expect(sorted(events.map((e) => [key(e.data), e.event_type]))).toEqual(sorted(rows.map((a) => [key(a), expectedType(a)])));

    // Every pair has exactly one final outcome: one delivery, except the mailbox the server rejects (failures, retried).
    const pairs = new Map<string, any[]>();
    for (const e of events)
      pairs.set(`${e.data.notificationId}/${e.data.userId}`, [...(pairs.get(`${e.data.notificationId}/${e.data.userId}`) ?? []), e]);
    for (const outcomes of pairs.values()) {
      const types = outcomes.map((e) => e.event_type);
      // The mailbox the server rejects: failures only, each retried — and, when one of those retries was in flight at the
      // kill, that attempt uncertain and sent again (checked below like the others).
      if (outcomes[0].data.email === MAIL.cuong)
        expect({
          types,
          failedOnly: types.every((t) => t === 'NotificationDeliveryFailed' || t === 'NotificationDeliveryUncertain'),
        }).toEqual({
          types,
          failedOnly: true,
        });
      else expect(types.filter((t) => t === 'NotificationDelivered')).toEqual(['NotificationDelivered']);
      expect(types.filter((t) => t === 'NotificationDelivered').length).toBeLessThanOrEqual(1);
      // An uncertain attempt is followed by the next one, with the same Message-ID: on that attempt's row, and on its
      // event when it was delivered (the rejected mailbox's refusal carries none: the server took no message).
      outcomes.forEach((e, i) => {
        if (e.event_type !== 'NotificationDeliveryUncertain') return;
        expect(e.data.resolution).toBe('resend');
        const next = outcomes[i + 1];
        expect(next?.data.attempt).toBe(e.data.attempt + 1);
        const resent = rows.find(
          (a) => a.notification_id === e.data.notificationId && a.user_id === e.data.userId && a.attempt === e.data.attempt + 1,
        );
        expect(resent?.message_id).toBe(e.data.messageId);
        if (next.event_type === 'NotificationDelivered') expect(next.data.messageId).toBe(e.data.messageId);
      });
    }
    const delivered = events.filter((e) => e.event_type === 'NotificationDelivered');
    expect(delivered.map((e) => e.data.messageId).sort()).toEqual(
      unique()
        .map((m) => m.mail.messageId)
        .sort(),
    );

    // No e-mail arrived twice except one whose first attempt was in flight at the kill, and then with the same Message-ID.
    const uncertainIds = new Set(events.filter((e) => e.event_type === 'NotificationDeliveryUncertain').map((e) => e.data.messageId));
    const copies = new Map<string, number>();
    for (const m of smtp.received) copies.set(m.mail.messageId!, (copies.get(m.mail.messageId!) ?? 0) + 1);
    const twice = [...copies].filter(([, count]) => count > 1);
    for (const [messageId, count] of twice) {
      expect(uncertainIds.has(messageId)).toBe(true);
      expect(count).toBe(2);
    }
    // The two held at the kill, exactly: the veterans' overdue reminder had arrived (twice now, one Message-ID); the
    // Farmers' Union's had not (once). Both were attempt 1, uncertain, then delivered as attempt 2.
    const nam = mailsTo(MAIL.nam).find((m) => m.mail.subject!.startsWith('[Quá hạn]'))!;
    const hoa = mailsTo(MAIL.hoa).find((m) => m.mail.subject!.startsWith('[Nhắc hạn]'))!;
    expect(copies.get(nam.mail.messageId!)).toBe(2);
    expect(copies.get(hoa.mail.messageId!)).toBe(1);
    for (const m of [nam, hoa]) {
      expect(events.filter((e) => e.data.messageId === m.mail.messageId).map((e) => [e.event_type, e.data.attempt, e.data.email])).toEqual([
        ['NotificationDeliveryUncertain', 1, m.rcptTo[0]],
        ['NotificationDelivered', 2, m.rcptTo[0]],
      ]);
    }
    expect(events.filter((e) => e.event_type === 'NotificationDeliveryFailed').every((e) => e.data.email === MAIL.cuong)).toBe(true);
    expect(events.filter((e) => e.event_type === 'NotificationDeliveryFailed').length).toBeGreaterThanOrEqual(2);
  });
});
