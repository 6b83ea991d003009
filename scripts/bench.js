#!/usr/bin/env node
'use strict';
// `npm run bench [-- --quick] [-- --sizes 200,2000,20000]`: the costs that grow with the number of units,
// measured against the real stack this script starts (its own PostgreSQL cluster, Temporal dev server, worker
// and API from dist/), through the public HTTP API. Prints every figure and writes BENCHMARKS.md.
// Not part of `npm test`: the full run takes a long time on 2 cores; --quick (200 and 2,000 units, a sample of
// the submissions, a reminder round to 2,000 units) finishes in under five minutes.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureNodeModules } = require('./lib/deps');
const { log, waitForPort, freePort } = require('./lib/util');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : null;
const SIZES = (sizesArg ?? (quick ? '200,2000' : '200,2000,20000')).split(',').map(Number);
/** Submissions measured per phase: all units in a full run; a sample in a quick one. */
// --sampled (with --sizes): every size, but a sample of the submissions, as --quick takes (a full run on a shared
// 2-core machine takes over an hour at 20,000 units).
const sampled = quick || args.includes('--sampled');
const SAMPLE_1 = sampled ? 40 : 200;
const SAMPLE_8 = (n) => (sampled ? Math.min(n, quick ? 300 : 2000) : n);
/** Units of the reminder round (5,000 in a full run). */
const REMINDER_UNITS = quick ? 1000 : 5000;
const CLIENTS = 8;
const PASSWORD = 'bench-password-2026';
const ADMIN_PASSWORD = 'bench-admin-2026';

// ---- small statistics helpers ----------------------------------------------------------------------------
const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();

/** Runs `task(i)` for i in [0, count) on `clients` concurrent workers; returns per-call latencies (ms) and the wall time. */
async function load(count, clients, task) {
  const latencies = [];
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = now();
        await task(i);
        latencies.push(ms(t));
      }
    }),
  );
  const wallMs = ms(t0);
  return { latencies, wallMs, perSecond: (count / wallMs) * 1000 };
}

// ---- the stack --------------------------------------------------------------------------------------------
class Api {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }
  static async login(baseUrl, username, password) {
    const res = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new Api(baseUrl, (await res.json()).accessToken);
  }
  async call(method, p, body, headers = {}) {
    const res = await fetch(`${this.baseUrl}${p}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      bytes: Buffer.byteLength(text),
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }
  async ok(method, p, body, expected = [200, 201]) {
    let res = await this.call(method, p, body);
    // A read whose read models are behind answers 503 with Retry-After: wait and ask again, as a client would.
    for (let i = 0; res.status === 503 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      res = await this.call(method, p, body);
    }
    if (!expected.includes(res.status))
      throw new Error(
        `${method} ${p}: ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body).slice(0, 300)}`,
      );
    return res;
  }
}

function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startStack(work) {
  const { startPostgres, findPgBin } = require('./lib/postgres');
  const { ensureTemporalCli } = require('./lib/tools');
  const { startTemporalDevServer } = require('./lib/temporal');
  const stops = [];
  const smtp = await startSmtp();
  stops.push(() => smtp.close());
  const pgPort = await freePort();
  const pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: pgPort, quiet: true });
  stops.push(() => pg.stop());
  const migrate = spawnSync(process.execPath, ['dist/libs/persistence/src/migrate.js'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pg.url },
    stdio: 'inherit',
  });
  if (migrate.status !== 0) throw new Error('migrations failed');
  const temporal = await startTemporalDevServer({
    cli: ensureTemporalCli(),
    port: await freePort(),
    logFile: path.join(work, 'temporal.log'),
  });
  stops.push(() => temporal.stop());
  const apiPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'bench',
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    EVENT_NOTIFICATION_INTERVAL_MS: '1000',
    CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-01',
    // E-mail through the bench's own SMTP server; the delivery loop polls every second (the reminder round's figure).
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: 'Kỳ báo cáo <bench@bench.example>',
    NOTIFICATION_INTERVAL_MS: '1000',
    SMTP_POOL: 'true',
    NOTIFICATION_CONCURRENCY: '8',
    // One client address logs in as every reporter of a national cycle: the login throttle would refuse it.
    LOGIN_RATE_LIMIT_PER_ADDRESS: '100000',
  };
  const children = [];
  const launch = (name, script) => {
    const out = fs.openSync(path.join(work, `${name}.log`), 'a');
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', out, out] });
    children.push(child);
    return child;
  };
  const worker = launch('worker', 'dist/apps/worker/src/main.js');
  const api = launch('api', 'dist/apps/api/src/main.js');
  await waitForPort(apiPort, { what: 'API', child: api, timeoutMs: 120000 });
  stops.push(async () => {
    for (const c of children.reverse()) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
  });
  return {
    url: `http://127.0.0.1:${apiPort}`,
    pg,
    pgBin: findPgBin(),
    pgPort,
    api,
    worker,
    smtp,
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}

// ---- raw PostgreSQL reference: pgbench inserting one event-shaped row per transaction ----------------------
function pgbenchReference(stack, work) {
  const psql = (sql) =>
    spawnSync(
      path.join(stack.pgBin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(stack.pgPort), '-U', 'postgres', '-d', 'kybaocao', '-v', 'ON_ERROR_STOP=1', '-qc', sql],
      { encoding: 'utf8' },
    );
  const made = psql(`DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (LIKE events INCLUDING ALL);`);
  if (made.status !== 0) throw new Error(`bench_events: ${made.stderr}`);
  const script = path.join(work, 'insert.sql');
  fs.writeFileSync(
    script,
    [
      `\\set n random(1, 1000000000)`,
      `INSERT INTO bench_events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)`,
      `VALUES ('submission-bench:' || :n || '-' || :client_id, 'submission', 1, gen_random_uuid(), 'SubmissionSubmitted',`,
      `  '{"cycleId":"b","unitId":"u","version":1,"figures":{"TT_BUOI":{"value":12},"TT_LUOT_NGUOI":{"value":640}},"narrative":{"II.1":"Tổ chức 12 buổi tuyên truyền cho 640 lượt người."}}'::jsonb,`,
      `  '{"actor":{"userId":"u","role":"reporter"},"correlationId":"c"}'::jsonb, now(), encode(sha256(:n::text::bytea), 'hex'), NULL);`,
    ].join('\n'),
  );
  const run = (clients) => {
    const res = spawnSync(
      path.join(stack.pgBin, 'pgbench'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(stack.pgPort),
        '-U',
        'postgres',
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        quick ? '5' : '15',
        'kybaocao',
      ],
      { encoding: 'utf8' },
    );
    const m = /tps = ([\d.]+)/.exec(res.stdout);
    if (!m) throw new Error(`pgbench: ${res.stderr || res.stdout}`);
    return Number(m[1]);
  };
  const result = { c1: run(1), c8: run(CLIENTS) };
  psql('DROP TABLE bench_events');
  return result;
}

// ---- one cycle of N units -----------------------------------------------------------------------------------
/** Every indicator of the template filled (integers, decimals, ratios), consistent with its rules. */
function fullContent(template, i) {
  const figures = {};
  template.indicators.forEach((ind, k) => {
    const v = 10 + k * 3 + (i % 5);
    if (ind.valueType === 'ratio') figures[ind.code] = { numerator: 5 + (i % 3), denominator: 9 };
    else if (ind.valueType === 'decimal') figures[ind.code] = { value: v + 0.5 };
    else if (ind.valueType === 'integer') figures[ind.code] = { value: v };
  });
  if (figures.DON_THU_GIAI_QUYET && figures.DON_THU_TIEP_NHAN) figures.DON_THU_GIAI_QUYET = { value: figures.DON_THU_TIEP_NHAN.value - 1 };
  return { figures, narrative: { 'II.1': `Tổ chức ${figures.TT_BUOI?.value ?? 10} buổi tuyên truyền.` } };
}

/** A hierarchy as a national cycle has it: provinces → communes → ~6 organisations each; the organisations report. */
function hierarchyCsv(index, n) {
  const root = `bench-root-${index}`;
  const communes = Math.ceil(n / 6);
  const provinces = Math.min(34, Math.max(1, Math.ceil(communes / 100)));
  const unitIds = Array.from({ length: n }, (_, i) => `b${index}-tc-${String(i + 1).padStart(5, '0')}`);
  const lines = [
    'id,parentId,level,kind,canonicalName,activeFrom',
    `${root},,trung-uong,MTTQ,Ủy ban Trung ương MTTQ thử nghiệm ${index},2020-01-01`,
  ];
  for (let p = 0; p < provinces; p++) lines.push(`b${index}-tinh-${p},${root},tinh,MTTQ,Ủy ban MTTQ tỉnh Thử ${index}-${p + 1},2020-01-01`);
  for (let c = 0; c < communes; c++)
    lines.push(`b${index}-xa-${c},b${index}-tinh-${c % provinces},xa,MTTQ,Ủy ban MTTQ xã Thử ${index}-${c + 1},2020-01-01`);
  const KINDS = ['HLHPN', 'HND', 'DTN', 'HCCB', 'MTTQ', 'LDLD'];
  unitIds.forEach((id, i) =>
    lines.push(`${id},b${index}-xa-${Math.floor(i / 6)},xa,${KINDS[i % 6]},Tổ chức thử ${index}-${i + 1},2020-01-01`),
  );
  return { root, unitIds, csv: lines.join('\n'), rows: lines.length - 1 };
}

async function upload(stack, admin, route, csv) {
  const t = now();
  const res = await fetch(`${stack.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
    body: csv,
  });
  if (res.status !== 200) throw new Error(`POST ${route}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return ms(t) / 1000;
}

async function benchCycle(stack, admin, n, index, template) {
  const r = { n };
  // The registry and one account per reporting unit, each from one CSV file (what an administrator would upload), timed.
  const { root, unitIds, csv, rows } = hierarchyCsv(index, n);
  r.registryRows = rows;
  r.importSeconds = await upload(stack, admin, '/org-units/import', csv);
  r.accountsImported = n;
  r.accountImportSeconds = await upload(
    stack,
    admin,
    '/users/import',
    [
      'username,displayName,roles,unitIds,password',
      ...unitIds.map((id, i) => `cb.${id},Cán bộ tổ chức ${index}-${i + 1},reporter,${id},bench-temporary-2026`),
    ].join('\n'),
  );

  const office = `bench-office-${index}`;
  await admin.ok('POST', '/org-units', {
    id: office,
    parentId: root,
    level: 'trung-uong',
    kind: 'BAN_DAN_VAN',
    canonicalName: `Ban Dân vận thử nghiệm ${index}`,
    activeFrom: '2020-01-01',
  });
  await admin.ok('POST', '/users', {
    username: `bench.cv${index}`,
    displayName: 'Chuyên viên',
    password: PASSWORD,
    roles: ['coordinator'],
    officeUnitId: office,
  });
  await admin.ok('POST', '/users', {
    username: `bench.ld${index}`,
    displayName: 'Lãnh đạo',
    password: PASSWORD,
    roles: ['reviewer'],
    officeUnitId: office,
  });
  // The load's reporters: each reports for 500 units (and receives their reminders by e-mail).
  const perReporter = 500;
  const reporters = [];
  for (let k = 0; k * perReporter < n; k++) {
    const username = `bench.cb${index}.${k}`;
    await admin.ok('POST', '/users', {
      username,
      displayName: `Cán bộ ${k}`,
      email: `${username}@bench.example`,
      password: PASSWORD,
      roles: ['reporter'],
      unitIds: unitIds.slice(k * perReporter, (k + 1) * perReporter),
    });
    reporters.push(await Api.login(stack.url, username, PASSWORD));
  }
  const reporterOf = (i) => reporters[Math.floor(i / perReporter)];
  const coordinator = await Api.login(stack.url, `bench.cv${index}`, PASSWORD);
  const reviewer = await Api.login(stack.url, `bench.ld${index}`, PASSWORD);

  const year = 2026;
  const body = (units) => ({
    templateId: template.id,
    period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
    issuingBody: { unitId: root, name: `Ủy ban Trung ương MTTQ thử nghiệm ${index}`, symbol: 'MT' },
    milestones: {
      submissionDeadline: `${year}-12-16`,
      reviewDue: `${year}-12-21`,
      commentsDue: `${year}-12-24`,
      signOffDue: `${year}-12-28`,
      distributionDue: `${year}-12-30`,
    },
    units: units.map((unitId) => ({ unitId })),
  });
  // Open and assign every unit in one call.
  let t = now();
  const opened = await coordinator.call('POST', '/cycles', body(unitIds));
  if (opened.status !== 201)
    throw new Error(`POST /cycles (${n} units in one call): ${opened.status} ${JSON.stringify(opened.body).slice(0, 300)}`);
  r.openSeconds = ms(t) / 1000;
  const cycleId = opened.body.id;
  for (let i = 0; i < 600; i++) {
    if ((await coordinator.call('GET', `/cycles/${cycleId}`)).body.status === 'collecting') break;
    await new Promise((res) => setTimeout(res, 200));
  }

  // Measure on a quiet stack: the read models and the notifier have applied the imports and the opening.
  r.settleSeconds = await settle(stack);
  const submit = (i) =>
    reporterOf(i).ok('POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/submit`, { content: fullContent(template, i) });
  // One client.
  const one = await load(Math.min(SAMPLE_1, n), 1, (i) => submit(i));
  r.submit1 = { p50: pct(one.latencies, 50), p99: pct(one.latencies, 99), perSecond: one.perSecond };
  // Eight clients, with the board read and the read models' lag sampled meanwhile.
  const first = Math.min(SAMPLE_1, n);
  const count8 = Math.max(0, Math.min(SAMPLE_8(n), n - first));
  const boardUnderLoad = [];
  const lagSamples = [];
  let loading = true;
  const sampler = (async () => {
    const pgClient = await pgConnect(stack.pg.url);
    try {
      while (loading) {
        const t0 = now();
        const res = await coordinator.call('GET', `/cycles/${cycleId}/board`);
        boardUnderLoad.push({ ms: ms(t0), status: res.status });
        const [{ behind }] = (
          await pgClient.query(
            `SELECT coalesce((SELECT max(global_position) FROM events), 0) - coalesce((SELECT global_position FROM projection_checkpoints WHERE projection = 'cycle-board'), 0) AS behind`,
          )
        ).rows;
        lagSamples.push(Number(behind));
        await new Promise((res2) => setTimeout(res2, 250));
      }
    } finally {
      await pgClient.end();
    }
  })();
  const eight = await load(count8, CLIENTS, (i) => submit(first + i));
  loading = false;
  await sampler;
  r.submit8 = { p50: pct(eight.latencies, 50), p99: pct(eight.latencies, 99), perSecond: eight.perSecond, count: count8 };
  const okBoard = boardUnderLoad.filter((b) => b.status === 200).map((b) => b.ms);
  r.boardUnderLoad = {
    p50: pct(okBoard, 50),
    p95: pct(okBoard, 95),
    refused: boardUnderLoad.length - okBoard.length,
    samples: boardUnderLoad.length,
  };
  r.lagMaxEvents = Math.max(0, ...lagSamples);

  // Idle board (first page, 100 rows, every total) against the plain SQL aggregate over the same rows, once the
  // read models have applied the ingest (the wait for them is the lag figure above, not the board's cost).
  r.settleAfterIngestSeconds = await settle(stack);
  const boardIdle = [];
  let boardBytes = 0;
  for (let i = 0; i < 15; i++) {
    t = now();
    const res = await coordinator.ok('GET', `/cycles/${cycleId}/board`);
    boardIdle.push(ms(t));
    boardBytes = res.bytes;
    r.boardRows = res.body.units.length;
  }
  const sqlRef = [];
  const pgClient = await pgConnect(stack.pg.url);
  for (let i = 0; i < 15; i++) {
    t = now();
    await pgClient.query(`SELECT status, count(*) FROM cycle_units WHERE cycle_id = $1 GROUP BY status`, [cycleId]);
    sqlRef.push(ms(t));
  }
  await pgClient.end();
  r.boardIdle = { p50: pct(boardIdle, 50), p95: pct(boardIdle, 95), bytes: boardBytes, sqlP50: pct(sqlRef, 50), sqlP95: pct(sqlRef, 95) };

  t = now();
  const cycleRes = await coordinator.ok('GET', `/cycles/${cycleId}`);
  r.getCycle = { ms: ms(t), bytes: cycleRes.bytes };

  // Approvals of what was submitted, eight clients.
  const submitted = first + count8;
  const approve = await load(submitted, CLIENTS, (i) =>
    reviewer.ok('POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/approve`, {}),
  );
  r.approve8 = { perSecond: approve.perSecond, p50: pct(approve.latencies, 50), p99: pct(approve.latencies, 99) };

  t = now();
  await coordinator.ok('POST', `/cycles/${cycleId}/close-submissions`, undefined);
  r.closeSeconds = ms(t) / 1000;
  t = now();
  const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, {});
  r.draft = { seconds: ms(t) / 1000, status: draft.status, approvedUnits: submitted, indicators: template.indicators.length };
  return { r, ctx: { unitIds, coordinator, root, index } };
}

/**
 * The reminder round: a cycle of `count` units (of the largest registry) opened, then its coordinator reminds
 * every pending unit; the time until the local SMTP server has received one e-mail per unit, and how many went twice.
 */
async function benchReminders(stack, template, ctx, count) {
  const units = ctx.unitIds.slice(0, count);
  const year = 2027;
  const opened = await ctx.coordinator.ok(
    'POST',
    '/cycles',
    {
      templateId: template.id,
      period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
      issuingBody: { unitId: ctx.root, name: `Ủy ban Trung ương MTTQ thử nghiệm ${ctx.index}`, symbol: 'MT' },
      milestones: {
        submissionDeadline: `${year}-12-16`,
        reviewDue: `${year}-12-21`,
        commentsDue: `${year}-12-24`,
        signOffDue: `${year}-12-28`,
        distributionDue: `${year}-12-30`,
      },
      units: units.map((unitId) => ({ unitId })),
    },
    [201],
  );
  const cycleId = opened.body.id;
  for (let i = 0; i < 600; i++) {
    if ((await ctx.coordinator.call('GET', `/cycles/${cycleId}`)).body.status === 'collecting') break;
    await new Promise((res) => setTimeout(res, 200));
  }
  const t = now();
  const reminded = await ctx.coordinator.ok('POST', `/cycles/${cycleId}/reminders`, undefined, [200]);
  const expected = reminded.body.remindedNow;
  const deadline = Date.now() + 180_000;
  while (stack.smtp.count(cycleId) < expected && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
  return {
    units: count,
    reminded: expected,
    delivered: stack.smtp.count(cycleId),
    seconds: ms(t) / 1000,
    duplicates: stack.smtp.duplicates(cycleId),
  };
}

/** Waits (at most 120 s) until every projection's checkpoint has reached the log's head; returns the seconds waited. */
async function settle(stack) {
  const t = now();
  const c = await pgConnect(stack.pg.url);
  try {
    for (let i = 0; i < 1200; i++) {
      const [{ behind }] = (
        await c.query(
          `SELECT count(*)::int AS behind FROM projection_checkpoints WHERE global_position < (SELECT coalesce(max(global_position), 0) FROM events)`,
        )
      ).rows;
      if (behind === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
  } finally {
    await c.end();
  }
  return ms(t) / 1000;
}

/** A local SMTP server that keeps, per cycle, which (recipient, unit) each reminder e-mail went to. */
async function startSmtp() {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  const seen = new Map(); // cycleId → Map(key → times)
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        const m = /cycles\/([0-9a-f-]{36})\/units\/([A-Za-z0-9-]+)/.exec(mail.text ?? '');
        if (m && /^\[Nhắc nộp\]/.test(mail.subject ?? '')) {
          const byCycle = seen.get(m[1]) ?? new Map();
          seen.set(m[1], byCycle);
          for (const to of session.envelope.rcptTo) byCycle.set(`${to.address} ${m[2]}`, (byCycle.get(`${to.address} ${m[2]}`) ?? 0) + 1);
        }
        callback();
      }, callback);
    },
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  return {
    port: server.server.address().port,
    count: (cycleId) => seen.get(cycleId)?.size ?? 0,
    duplicates: (cycleId) => [...(seen.get(cycleId)?.values() ?? [])].filter((v) => v > 1).length,
    close: () => new Promise((res) => server.close(res)),
  };
}

async function pgConnect(url) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

function report(results, reference, reminders, machine) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  const base = results[0];
  const times = (x, b) => (Number.isFinite(x / b) ? ` (${fmt(x / b, 2)}× of ${base.n.toLocaleString('en')})` : '');
  lines.push(
    '# Benchmarks',
    '',
    `Written by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `Machine: ${machine}.`,
    '',
    'Every figure comes from one run of the real stack (PostgreSQL, Temporal dev server, worker, API, a local SMTP server) through the public HTTP API.',
    sampled
      ? `${quick ? 'Quick' : 'Sampled'} run: ${SAMPLE_1} submissions at 1 client and up to ${SAMPLE_8(1e9)} at ${CLIENTS} clients per cycle (a sample, not every unit).`
      : 'Full run: every unit submits.',
    '',
  );
  lines.push(
    `Raw PostgreSQL reference (pgbench, one event-shaped row per transaction into a copy of \`events\`): ${fmt(reference.c1, 0)} inserts/s at 1 client, ${fmt(reference.c8, 0)}/s at ${CLIENTS} clients.`,
    '',
  );
  row('measure', ...results.map((r) => `${r.n.toLocaleString('en')} units`));
  row('---', ...results.map(() => '---'));
  row(
    'import the registry (CSV, one call): s (rows)',
    ...results.map((r) => `${fmt(r.importSeconds, 2)} (${r.registryRows.toLocaleString('en')})`),
  );
  row(
    'import the accounts (CSV, one call): s (accounts)',
    ...results.map((r) => `${fmt(r.accountImportSeconds, 2)} (${r.accountsImported.toLocaleString('en')})`),
  );
  row('open and assign every unit (one call): s', ...results.map((r) => fmt(r.openSeconds, 2)));
  row(
    'submission, 1 client: p50 / p99 ms',
    ...results.map((r) => `${fmt(r.submit1.p50)} / ${fmt(r.submit1.p99)}${r === base ? '' : times(r.submit1.p50, base.submit1.p50)}`),
  );
  row(
    `submissions/s, ${CLIENTS} clients (÷ raw inserts/s)`,
    ...results.map((r) => `${fmt(r.submit8.perSecond, 0)} (${fmt((100 * r.submit8.perSecond) / reference.c8)} %)`),
  );
  row(`submission, ${CLIENTS} clients: p50 / p99 ms`, ...results.map((r) => `${fmt(r.submit8.p50)} / ${fmt(r.submit8.p99)}`));
  row(
    `approvals/s, ${CLIENTS} clients: p50 / p99 ms`,
    ...results.map((r) => `${fmt(r.approve8.perSecond, 0)}: ${fmt(r.approve8.p50)} / ${fmt(r.approve8.p99)}`),
  );
  row(
    'board first page, idle: p50 / p95 ms (p95 ÷ SQL count-by-status p95), rows, bytes',
    ...results.map(
      (r) =>
        `${fmt(r.boardIdle.p50)} / ${fmt(r.boardIdle.p95)} (${fmt(r.boardIdle.p95 / r.boardIdle.sqlP95, 1)}×), ${r.boardRows} rows, ${r.boardIdle.bytes.toLocaleString('en')} B`,
    ),
  );
  row(
    'SQL count by status over the same rows: p50 / p95 ms',
    ...results.map((r) => `${fmt(r.boardIdle.sqlP50, 2)} / ${fmt(r.boardIdle.sqlP95, 2)}`),
  );
  row(
    `board under ingest (${CLIENTS} clients submitting): p50 / p95 ms (503s/samples)`,
    ...results.map(
      (r) => `${fmt(r.boardUnderLoad.p50)} / ${fmt(r.boardUnderLoad.p95)} (${r.boardUnderLoad.refused}/${r.boardUnderLoad.samples})`,
    ),
  );
  row(
    'board read model behind under ingest: max events; caught up after: s',
    ...results.map((r) => `${r.lagMaxEvents}; ${fmt(r.settleAfterIngestSeconds, 1)}`),
  );
  row('GET /cycles/{id}: ms, bytes', ...results.map((r) => `${fmt(r.getCycle.ms)}, ${r.getCycle.bytes.toLocaleString('en')} B`));
  row('close-submissions: s', ...results.map((r) => fmt(r.closeSeconds, 2)));
  row(
    'POST …/report/draft: s (approved units × indicators)',
    ...results.map(
      (r) =>
        `${fmt(r.draft.seconds, 2)} (${r.draft.approvedUnits.toLocaleString('en')} × ${r.draft.indicators}${r.draft.status === 200 ? '' : `, HTTP ${r.draft.status}`})`,
    ),
  );
  row('peak RSS after this size: API / worker MB', ...results.map((r) => `${fmt(r.rss.api, 0)} / ${fmt(r.rss.worker, 0)}`));
  lines.push('');
  if (reminders) {
    lines.push(
      `Reminder round: a cycle of ${reminders.units.toLocaleString('en')} pending units, "Nhắc ngay" → ${reminders.reminded.toLocaleString('en')} reminders; ` +
        `${reminders.delivered.toLocaleString('en')} e-mails received by the local SMTP server ${fmt(reminders.seconds, 1)} s after the request; ${reminders.duplicates} delivered twice.`,
      '',
    );
  }
  return lines.join('\n') + '\n';
}

async function main() {
  ensureNodeModules(root);
  const load1 = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  log('bench', `load average at start: ${load1}; building…`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const work = path.join(root, '.data', 'bench');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const stack = await startStack(work);
  // Ctrl-C (or a kill) stops the stack this script started, then exits.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log('bench', `${signal}: stopping the stack…`);
      stack.stop().finally(() => process.exit(130));
    });
  }
  try {
    const machine =
      `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `load average (1, 5, 15 min) at start ${load1}, at the end LOAD_END — the machine may be shared`;
    log('bench', `stack up; pgbench reference…`);
    const reference = pgbenchReference(stack, work);
    log('bench', `raw inserts/s: ${fmt(reference.c1, 0)} (1 client), ${fmt(reference.c8, 0)} (${CLIENTS} clients)`);
    // As the first administrator does: log in with the bootstrap password and choose another (issue #17).
    const { firstAdminLogin } = require(path.join(root, 'dist/apps/api/src/demo/first-admin-login.js'));
    const admin = new Api(stack.url, await firstAdminLogin(stack.url, ADMIN_PASSWORD, `${ADMIN_PASSWORD}-chosen`));
    const template = JSON.parse(fs.readFileSync(path.join(root, 'libs/domain/src/templates/builtin/dan-van-annual.template.json'), 'utf8'));
    const results = [];
    let last;
    for (const [i, n] of SIZES.entries()) {
      log('bench', `cycle of ${n} units…`);
      const { r, ctx } = await benchCycle(stack, admin, n, i, template);
      r.rss = { api: peakRssMb(stack.api.pid), worker: peakRssMb(stack.worker.pid) };
      log('bench', JSON.stringify(r));
      results.push(r);
      last = ctx;
    }
    const reminderUnits = Math.min(REMINDER_UNITS, last.unitIds.length);
    log('bench', `reminder round to ${reminderUnits} units…`);
    const reminders = await benchReminders(stack, template, last, reminderUnits);
    log('bench', JSON.stringify(reminders));
    const text = report(
      results,
      reference,
      reminders,
      machine.replace(
        'LOAD_END',
        os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(', '),
      ),
    );
    process.stdout.write(`\n${text}`);
    fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), text);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  log('bench', `failed: ${err?.stack ?? err}`);
  process.exit(1);
});
