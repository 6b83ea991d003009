import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { isoDateInVietnam } from '@kybaocao/domain/calendar';
import { formatStateDate } from '@kybaocao/domain/format';
import { createTestDatabase, TestDatabase } from './infra/db';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from './infra/processes';
import { createTimeSkippingEnv } from './infra/temporal';
import { login, STARTUP_TIMEOUT_MS, VALID_CONTENT, waitForPhase } from './support/api-stack';
import { ReceivedMail, startTestSmtpServer, TestSmtpServer } from './support/test-smtp';

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
  const received = () => smtp.received.map(summary);
  const mailsTo = (address: string) => smtp.received.filter((m) => m.rcptTo.includes(address));
  const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const waitForMails = (n: number, what: string) =>
    eventually(async () => smtp.received.length >= n, 60_000, `${what} (${n} mails; got ${JSON.stringify(received())})`);
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

    // The workflow's clock to Thursday 19/12/2030 10:00 (Vietnam): D-1 of the 16th (Fri 13th), D+1 (Tue 17th), D-1 of the 20th (Thu 19th).
    await sleepUntil('2030-12-19T03:00:00Z');
    await waitForMails(12, 'the reminders up to 19/12/2030');

    // The worker dies and comes back: nothing is sent twice.
    await worker!.kill();
    worker = launchWorker();
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
    expect(new Set(smtp.received.map((m) => m.mail.messageId)).size).toBe(13);
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

    // Every attempt's outcome is an event of the notification's stream. The worker appends it after the SMTP
    // server accepted the mail, so the last one may still be on its way: wait for as many as the mails received.
    const outcomesNow = () =>
      db.owner.query(
        `SELECT event_type, data->>'email' AS email FROM events WHERE stream_id LIKE 'notification-%' ORDER BY global_position`,
      );
    // Likewise a failure: its event follows the deliveries table the board read (the dispatcher sends 8 at once).
    await eventually(
      async () => {
        const now = await outcomesNow();
        return (
          now.filter((e: any) => e.event_type === 'NotificationDelivered').length >= smtp.received.length &&
          now.filter((e: any) => e.event_type === 'NotificationDeliveryFailed').length >= board.failedDeliveries.length
        );
      },
      10_000,
      'a delivery event for every mail received, a failure event for every failed delivery',
    ).catch(() => undefined);
    const outcomes = await outcomesNow();
    expect(
      outcomes
        .filter((e: any) => e.event_type === 'NotificationDelivered')
        .map((e: any) => e.email)
        .sort(),
    ).toEqual(smtp.received.map((m) => m.rcptTo[0]).sort());
    expect(outcomes.filter((e: any) => e.event_type === 'NotificationDeliveryFailed').every((e: any) => e.email === MAIL.cuong)).toBe(true);
    expect(outcomes.filter((e: any) => e.event_type === 'NotificationDeliveryFailed').length).toBeGreaterThanOrEqual(2);
  });
});
