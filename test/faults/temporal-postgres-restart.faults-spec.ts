import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appDatabaseUrl, provisionAppLogin } from '@kybaocao/persistence/app-role';
import { runMigrations } from '@kybaocao/persistence/data-source';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from '../infra/processes';
import { login, request, waitForPhase } from '../support/api-stack';
import { startTestSmtpServer, TestSmtpServer } from '../support/test-smtp';
import { ok, printTable, sleep } from './support';

const { startPostgres } = require('../../scripts/lib/postgres');
const { startTemporalDevServer } = require('../../scripts/lib/temporal');
const { freePort } = require('../../scripts/lib/util');

const PASSWORD = 'faults-password-2026';
const UNITS = ['f-hlhpn', 'f-hnd'];
const MAIL: Record<string, string> = { 'f-hlhpn': 'hlhpn@faults.test', 'f-hnd': 'hnd@faults.test' };
const VN_OFFSET_MS = 7 * 3600_000;
const MINUTE = 60_000;

/** The Vietnam date, hour and minute of an instant. */
const vietnam = (t: number) => {
  const d = new Date(t + VN_OFFSET_MS);
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
};
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A cycle's reminders fall due while its Temporal server (the dev server, persisting to a database file) is stopped,
 * and another cycle's while its PostgreSQL is stopped. Meanwhile the API answers 503 with Retry-After (not 500, not a
 * hang); once each is started again the API recovers without a restart, the timers fire late but fire, and every
 * reminder reaches the SMTP server once.
 */
describe('Temporal and PostgreSQL restarted mid-cycle', () => {
  const work = path.join(__dirname, '../../.data/test', `faults-restart-${process.pid}`);
  let pg: { url: string; stop(): void };
  let pgPort: number;
  let temporal: { stop(): Promise<void> } | undefined;
  let temporalPort: number;
  let smtp: TestSmtpServer;
  let worker: RunningProcess | undefined;
  let api: (RunningProcess & { url: string }) | undefined;
  let ownerUrl: string;

  const startPg = async () => {
    pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: pgPort, database: 'postgres', quiet: true });
  };
  const startTemporal = async () => {
    temporal = await startTemporalDevServer({
      cli: process.env.TEMPORAL_CLI || null,
      port: temporalPort,
      dbFile: path.join(work, 'temporal.db'),
      logFile: path.join(work, 'temporal.log'),
    });
  };

  beforeAll(async () => {
    fs.mkdirSync(work, { recursive: true });
    [pgPort, temporalPort] = [await freePort(), await freePort()];
    await startPg();
    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query('CREATE DATABASE kybaocao_faults');
    await admin.end();
    ownerUrl = pg.url.replace(/\/postgres$/, '/kybaocao_faults');
    await runMigrations(ownerUrl);
    // The services' login role, with the password the test processes are given (test/infra/db.ts appUrlOf).
    await provisionAppLogin(ownerUrl, appDatabaseUrl(ownerUrl, process.env.TEST_PG_APP_PASSWORD!));
    await startTemporal();
    smtp = await startTestSmtpServer();
    const env = {
      DATABASE_URL: ownerUrl,
      TEMPORAL_TASK_QUEUE: `faults-${randomUUID()}`,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MAIL_FROM: 'Ban Dân vận <kybaocao@faults.test>',
      NOTIFICATION_INTERVAL_MS: '500',
    };
    worker = startWorker(env);
    api = await startApi(env);
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await smtp?.stop();
    await temporal?.stop();
    pg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while either is down, recovers without a restart, and sends every reminder once', async () => {
    const url = api!.url;
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    await ok(
      admin.call('POST', '/org-units', {
        id: 'f-hu',
        parentId: null,
        level: 'huyen',
        kind: 'HUYEN_UY',
        canonicalName: 'Huyện ủy Thử nghiệm',
        activeFrom: '2020-01-01',
      }),
    );
    await ok(
      admin.call('POST', '/org-units', {
        id: 'f-bdv',
        parentId: 'f-hu',
        level: 'huyen',
        kind: 'BAN_DAN_VAN',
        canonicalName: 'Ban Dân vận Thử nghiệm',
        activeFrom: '2020-01-01',
      }),
    );
    for (const [id, kind, name] of [
      ['f-hlhpn', 'HLHPN', 'Hội LHPN Thử nghiệm'],
      ['f-hnd', 'HND', 'Hội Nông dân Thử nghiệm'],
    ]) {
      await ok(
        admin.call('POST', '/org-units', { id, parentId: 'f-hu', level: 'huyen', kind, canonicalName: name, activeFrom: '2020-01-01' }),
      );
      await ok(
        admin.call('POST', '/users', {
          username: `canbo.${id}`,
          displayName: `Cán bộ ${name}`,
          email: MAIL[id],
          password: PASSWORD,
          roles: ['reporter'],
          unitIds: [id],
        }),
      );
    }
    await ok(
      admin.call('POST', '/users', {
        username: 'f.cv',
        displayName: 'Chuyên viên',
        password: PASSWORD,
        roles: ['coordinator'],
        officeUnitId: 'f-bdv',
      }),
    );
    const cv = await login(url, 'f.cv', PASSWORD);
    const reporter = await login(url, 'canbo.f-hlhpn', PASSWORD);

    // Two cycles whose only reminder (D0, at a minute of today's Vietnam clock) falls in the Temporal outage and in
    // the PostgreSQL outage respectively.
    const start = Date.now();
    const dueA = Math.ceil((start + 45_000) / MINUTE) * MINUTE;
    const dueB = dueA + 2 * MINUTE;
    const cycleBody = (due: number, label: string) => {
      const { date, hour, minute } = vietnam(due);
      const year = Number(date.slice(0, 4));
      return {
        templateId: 'dan-van-annual',
        period: { kind: 'annual', year, label, dataFrom: `${year - 1}-01-01`, dataTo: date },
        issuingBody: { unitId: 'f-hu', name: 'Huyện ủy Thử nghiệm', symbol: 'HU' },
        milestones: {
          submissionDeadline: date,
          reviewDue: addDays(date, 5),
          commentsDue: addDays(date, 8),
          signOffDue: addDays(date, 12),
          distributionDue: addDays(date, 14),
        },
        units: UNITS.map((unitId) => ({ unitId })),
        reminderPolicy: { before: [], onDay: true, overdue: [], sendAtHour: hour, sendAtMinute: minute },
      };
    };
    const open = async (due: number, label: string) => {
      const res = await ok(cv.call('POST', '/cycles', cycleBody(due, label), { 'idempotency-key': `open-${due}` }));
      await waitForPhase(cv, res.body.id, 'collecting');
      const status = await ok(cv.call('GET', `/cycles/${res.body.id}`));
      expect(status.body.workflow.nextReminderAt).toBe(new Date(due).toISOString());
      return res.body.id as string;
    };
    const cycleA = await open(dueA, 'năm thử A');
    const cycleB = await open(dueB, 'năm thử B');

    /** Whether GET /cycles/{id} answers with the workflow's part (both PostgreSQL and Temporal reached); every status kept. */
    const pollStatuses: number[] = [];
    const answersWhole = async (cycleId: string) => {
      const res = await cv.call('GET', `/cycles/${cycleId}`);
      pollStatuses.push(res.status);
      return res.status === 200 && res.body.workflow !== null;
    };
    const ownerQuery = async (sql: string, params: unknown[] = []) => {
      const c = new Client({ connectionString: ownerUrl });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    };
    const notificationRows = () =>
      ownerQuery(
        `SELECT cycle_id, recipient_id, kind, due_at FROM notifications WHERE kind IN ('reminder', 'reminder-summary') ORDER BY due_at, recipient_id`,
      );
    const mailsFor = (cycleLabel: string) => smtp.received.filter((m) => String(m.mail.subject).includes(cycleLabel));

    /** Probes while a dependency is down: each answer timed; none may be a 500 or take longer than 10 s. */
    const probes: { what: string; status: number; retryAfter: string | null; error: string; ms: number }[] = [];
    const probe = async (what: string, call: () => Promise<{ status: number; headers: Headers; body: any }>) => {
      const t = Date.now();
      const res = await call();
      probes.push({
        what,
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        error: res.body?.error ?? res.body?.status,
        ms: Date.now() - t,
      });
      return res;
    };

    // ---- Temporal down across cycle A's reminder -------------------------------------------------------------
    const temporalDownAt = Date.now();
    await temporal!.stop();
    const duringTemporal = [
      await probe('temporal down: POST /cycles/{id}/close-submissions', () => cv.call('POST', `/cycles/${cycleA}/close-submissions`, {})),
      await probe('temporal down: POST /cycles (Idempotency-Key)', () =>
        cv.call('POST', '/cycles', cycleBody(dueB + 60 * MINUTE, 'năm thử C'), { 'idempotency-key': 'open-c' }),
      ),
      await probe('temporal down: GET /health', () => request(url, 'GET', '/health')),
    ];
    // What needs only the database goes on: the cycle as the event store has it (the workflow's part left out).
    const readA = await probe('temporal down: GET /cycles/{id}', () => cv.call('GET', `/cycles/${cycleA}`));
    expect([readA.status, readA.body.status, readA.body.workflow]).toEqual([200, 'collecting', null]);
    // What needs only the database goes on: a reporter saves a draft.
    const draft = await probe('temporal down: PUT draft (database only)', () =>
      reporter.call('PUT', `/cycles/${cycleA}/units/f-hlhpn/submission/draft`, { figures: { TT_BUOI: { value: 3 } }, narrative: {} }),
    );
    expect(draft.status).toBe(200);
    await sleep(Math.max(0, dueA + 10_000 - Date.now())); // the reminder falls due with no server to fire it
    expect(await notificationRows()).toEqual([]);
    await startTemporal();
    const temporalUpAt = Date.now();
    await eventually(() => answersWhole(cycleA), 60_000, 'the API to reach Temporal again');
    const temporalRecoveredS = (Date.now() - temporalUpAt) / 1000;
    await eventually(async () => mailsFor('năm thử A').length >= 2, 90_000, "cycle A's reminders by e-mail");
    // The open refused with 503 is retried with its key: one cycle, its workflow started now.
    const retried = await ok(cv.call('POST', '/cycles', cycleBody(dueB + 60 * MINUTE, 'năm thử C'), { 'idempotency-key': 'open-c' }));
    await waitForPhase(cv, retried.body.id, 'collecting');
    expect(
      await ownerQuery(`SELECT stream_id FROM events WHERE event_type = 'CycleOpened' AND data->'period'->>'label' = $1`, ['năm thử C']),
    ).toEqual([{ stream_id: `cycle-${retried.body.id}` }]);

    // ---- PostgreSQL down across cycle B's reminder -----------------------------------------------------------
    await sleep(Math.max(0, dueB - 30_000 - Date.now()));
    const pgDownAt = Date.now();
    pg.stop();
    const duringPg = [
      await probe('postgres down: GET /cycles/{id}', () => cv.call('GET', `/cycles/${cycleB}`)),
      await probe('postgres down: PUT draft', () =>
        reporter.call('PUT', `/cycles/${cycleB}/units/f-hlhpn/submission/draft`, { figures: { TT_BUOI: { value: 4 } }, narrative: {} }),
      ),
      await probe('postgres down: GET /me/notifications', () => reporter.call('GET', '/me/notifications')),
      await probe('postgres down: GET /health', () => request(url, 'GET', '/health')),
    ];
    await sleep(Math.max(0, dueB + 15_000 - Date.now()));
    await startPg();
    const pgUpAt = Date.now();
    await eventually(() => answersWhole(cycleB), 60_000, 'the API to reach PostgreSQL again');
    const pgRecoveredS = (Date.now() - pgUpAt) / 1000;
    await eventually(async () => mailsFor('năm thử B').length >= 2, 120_000, "cycle B's reminders by e-mail");
    await sleep(5000); // a duplicate would come now, if at all

    const rows = await notificationRows();
    const key = (r: any) => `${r.cycle_id === cycleA ? 'A' : 'B'} ${r.recipient_id} ${r.kind} ${new Date(r.due_at).toISOString()}`;
    printTable('Faults — Temporal and PostgreSQL restarted mid-cycle', [
      ['Temporal down (s)', ((temporalUpAt - temporalDownAt) / 1000).toFixed(1)],
      ['API answering again after Temporal start (s)', temporalRecoveredS.toFixed(1)],
      ['PostgreSQL down (s)', ((pgUpAt - pgDownAt) / 1000).toFixed(1)],
      ['API answering again after PostgreSQL start (s)', pgRecoveredS.toFixed(1)],
      ...probes.map((p): [string, string] => [p.what, `${p.status} ${p.error ?? ''} Retry-After ${p.retryAfter ?? '—'} in ${p.ms} ms`]),
      ['reminders due', 4],
      ['reminder notifications stored', rows.filter((r) => r.kind === 'reminder').length],
      ['reminder e-mails received', smtp.received.filter((m) => m.rcptTo.some((a) => Object.values(MAIL).includes(a))).length],
    ]);

    for (const p of [...duringTemporal, ...duringPg]) expect([p.status, p.headers.get('retry-after')]).toEqual([503, '5']);
    expect(duringTemporal[2].body).toMatchObject({ status: 'degraded', database: { status: 'up' }, temporal: { status: 'down' } });
    expect(duringPg[3].body).toMatchObject({ status: 'degraded', database: { status: 'down' }, temporal: { status: 'up' } });
    expect(duringTemporal.slice(0, 2).map((r) => r.body.error)).toEqual(['WORKFLOW_SERVICE_UNAVAILABLE', 'WORKFLOW_SERVICE_UNAVAILABLE']);
    expect(duringPg.slice(0, 3).map((r) => r.body.error)).toEqual(['DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE']);
    expect(probes.filter((p) => p.ms > 10_000)).toEqual([]);
    expect(pollStatuses.filter((st) => st !== 200 && st !== 503)).toEqual([]); // while recovering: never a 500
    // Each reminder once: two units per cycle (plus the coordinator's summary), at the instant it was due.
    expect(rows.filter((r) => r.kind === 'reminder').map(key)).toEqual([
      `A f-hlhpn reminder ${new Date(dueA).toISOString()}`,
      `A f-hnd reminder ${new Date(dueA).toISOString()}`,
      `B f-hlhpn reminder ${new Date(dueB).toISOString()}`,
      `B f-hnd reminder ${new Date(dueB).toISOString()}`,
    ]);
    const unitMails = smtp.received.filter((m) => m.rcptTo.some((a) => Object.values(MAIL).includes(a)));
    expect(unitMails.map((m) => `${m.rcptTo.join(',')} ${String(m.mail.subject).includes('thử A') ? 'A' : 'B'}`).sort()).toEqual([
      `${MAIL['f-hlhpn']} A`,
      `${MAIL['f-hlhpn']} B`,
      `${MAIL['f-hnd']} A`,
      `${MAIL['f-hnd']} B`,
    ]);
    // The API process never restarted.
    expect(api!.child.exitCode).toBeNull();
  });
});
