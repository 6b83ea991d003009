#!/usr/bin/env node
'use strict';
// `npm run bench [-- --quick] [-- --sizes 200,2000,20000]`: the costs that grow with the number of units,
// measured against the real stack this script starts (its own PostgreSQL cluster, Temporal dev server, worker
// and API from dist/), through the public HTTP API. Prints every figure and writes BENCHMARKS.md.
// Not part of `npm test`: the full run takes a long time on 2 cores; --quick (200 and 2,000 units, a sample of
// the submissions) finishes in a few minutes.
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
const SAMPLE_1 = quick ? 60 : 200;
const SAMPLE_8 = (n) => (quick ? Math.min(n, 600) : n);
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
  await Promise.all(Array.from({ length: Math.min(clients, count) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const t = now();
      await task(i);
      latencies.push(ms(t));
    }
  }));
  const wallMs = ms(t0);
  return { latencies, wallMs, perSecond: (count / wallMs) * 1000 };
}

// ---- the stack --------------------------------------------------------------------------------------------
class Api {
  constructor(baseUrl, token) { this.baseUrl = baseUrl; this.token = token; }
  static async login(baseUrl, username, password) {
    const res = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new Api(baseUrl, (await res.json()).accessToken);
  }
  async call(method, p, body, headers = {}) {
    const res = await fetch(`${this.baseUrl}${p}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text), body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  }
  async ok(method, p, body, expected = [200, 201]) {
    const res = await this.call(method, p, body);
    if (!expected.includes(res.status)) throw new Error(`${method} ${p}: ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body).slice(0, 300)}`);
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
  const pgPort = await freePort();
  const pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: pgPort, quiet: true });
  stops.push(() => pg.stop());
  const migrate = spawnSync(process.execPath, ['dist/libs/persistence/src/migrate.js'], { cwd: root, env: { ...process.env, DATABASE_URL: pg.url }, stdio: 'inherit' });
  if (migrate.status !== 0) throw new Error('migrations failed');
  const temporal = await startTemporalDevServer({ cli: ensureTemporalCli(), port: await freePort(), logFile: path.join(work, 'temporal.log') });
  stops.push(() => temporal.stop());
  const apiPort = await freePort();
  const env = {
    ...process.env, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: 'bench', API_PORT: String(apiPort),
    API_HOST: '127.0.0.1', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    EVENT_NOTIFICATION_INTERVAL_MS: '1000', CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-01',
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
    url: `http://127.0.0.1:${apiPort}`, pg, pgBin: findPgBin(), pgPort, api, worker,
    async stop() { for (const s of stops.reverse()) await s(); },
  };
}

// ---- raw PostgreSQL reference: pgbench inserting one event-shaped row per transaction ----------------------
function pgbenchReference(stack, work) {
  const psql = (sql) => spawnSync(path.join(stack.pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(stack.pgPort), '-U', 'postgres', '-d', 'kybaocao', '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  const made = psql(`DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (LIKE events INCLUDING ALL);`);
  if (made.status !== 0) throw new Error(`bench_events: ${made.stderr}`);
  const script = path.join(work, 'insert.sql');
  fs.writeFileSync(script, [
    `\\set n random(1, 1000000000)`,
    `INSERT INTO bench_events (stream_id, stream_type, version, event_id, event_type, data, metadata, recorded_at, hash, prev_hash)`,
    `VALUES ('submission-bench:' || :n || '-' || :client_id, 'submission', 1, gen_random_uuid(), 'SubmissionSubmitted',`,
    `  '{"cycleId":"b","unitId":"u","version":1,"figures":{"TT_BUOI":{"value":12},"TT_LUOT_NGUOI":{"value":640}},"narrative":{"II.1":"Tổ chức 12 buổi tuyên truyền cho 640 lượt người."}}'::jsonb,`,
    `  '{"actor":{"userId":"u","role":"reporter"},"correlationId":"c"}'::jsonb, now(), encode(sha256(:n::text::bytea), 'hex'), NULL);`,
  ].join('\n'));
  const run = (clients) => {
    const res = spawnSync(path.join(stack.pgBin, 'pgbench'), ['-h', '127.0.0.1', '-p', String(stack.pgPort), '-U', 'postgres', '-n', '-f', script,
      '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', quick ? '5' : '15', 'kybaocao'], { encoding: 'utf8' });
    const m = /tps = ([\d.]+)/.exec(res.stdout);
    if (!m) throw new Error(`pgbench: ${res.stderr || res.stdout}`);
    return Number(m[1]);
  };
  const result = { c1: run(1), c8: run(CLIENTS) };
  psql('DROP TABLE bench_events');
  return result;
}

// ---- one cycle of N units -----------------------------------------------------------------------------------
async function benchCycle(stack, admin, n, index) {
  const r = { n };
  const root = `bench-root-${index}`;
  const unitIds = Array.from({ length: n }, (_, i) => `b${index}-xa-${String(i + 1).padStart(5, '0')}`);
  // The registry from one CSV file (what an administrator would upload), timed.
  const csv = ['id,parentId,level,kind,canonicalName,activeFrom', `${root},,tinh,TINH_UY,Tỉnh ủy thử nghiệm ${index},2020-01-01`,
    ...unitIds.map((id, i) => `${id},${root},xa,DANG_UY_XA,Đảng ủy xã Thử nghiệm ${index}-${i + 1},2020-01-01`)].join('\n');
  let t = now();
  const imported = await fetch(`${stack.url}/org-units/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` }, body: csv });
  if (imported.status !== 200) throw new Error(`POST /org-units/import: ${imported.status} ${(await imported.text()).slice(0, 300)}`);
  r.importSeconds = ms(t) / 1000;

  const office = `bench-office-${index}`;
  await admin.ok('POST', '/org-units', { id: office, parentId: root, level: 'tinh', kind: 'BAN_DAN_VAN', canonicalName: `Ban Dân vận thử nghiệm ${index}`, activeFrom: '2020-01-01' });
  await admin.ok('POST', '/users', { username: `bench.cv${index}`, displayName: 'Chuyên viên', password: PASSWORD, roles: ['coordinator'], officeUnitId: office });
  await admin.ok('POST', '/users', { username: `bench.ld${index}`, displayName: 'Lãnh đạo', password: PASSWORD, roles: ['reviewer'], officeUnitId: office });
  const perReporter = 500;
  const reporters = [];
  for (let k = 0; k * perReporter < n; k++) {
    const username = `bench.cb${index}.${k}`;
    await admin.ok('POST', '/users', { username, displayName: `Cán bộ ${k}`, password: PASSWORD, roles: ['reporter'], unitIds: unitIds.slice(k * perReporter, (k + 1) * perReporter) });
    reporters.push(await Api.login(stack.url, username, PASSWORD));
  }
  const reporterOf = (i) => reporters[Math.floor(i / perReporter)];
  const coordinator = await Api.login(stack.url, `bench.cv${index}`, PASSWORD);
  const reviewer = await Api.login(stack.url, `bench.ld${index}`, PASSWORD);

  // Open: in one call when the body limit allows it, else the first chunk and the rest assigned in chunks.
  const year = 2026;
  const body = (units) => ({
    templateId: 'dan-van-annual',
    period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
    issuingBody: { unitId: root, name: `Tỉnh ủy thử nghiệm ${index}`, symbol: 'TU' },
    milestones: { submissionDeadline: `${year}-12-16`, reviewDue: `${year}-12-21`, commentsDue: `${year}-12-24`, signOffDue: `${year}-12-28`, distributionDue: `${year}-12-30` },
    units: units.map((unitId) => ({ unitId })),
  });
  t = now();
  let opened = await coordinator.call('POST', '/cycles', body(unitIds));
  r.openInOneCall = opened.status === 201;
  if (!r.openInOneCall) {
    const CHUNK = 2000;
    opened = await coordinator.call('POST', '/cycles', body(unitIds.slice(0, CHUNK)));
    if (opened.status !== 201) throw new Error(`POST /cycles: ${opened.status} ${JSON.stringify(opened.body).slice(0, 300)}`);
    for (let k = CHUNK; k < n; k += CHUNK) await coordinator.ok('POST', `/cycles/${opened.body.id}/units`, { units: unitIds.slice(k, k + CHUNK).map((unitId) => ({ unitId })) });
  }
  r.openSeconds = ms(t) / 1000;
  const cycleId = opened.body.id;
  for (let i = 0; i < 300; i++) {
    if ((await coordinator.call('GET', `/cycles/${cycleId}`)).body.status === 'collecting') break;
    await new Promise((res) => setTimeout(res, 200));
  }

  const submit = (i) => reporterOf(i).ok('POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/submit`, {
    content: { figures: { TT_BUOI: { value: 10 + (i % 7) }, TT_LUOT_NGUOI: { value: 500 + i } }, narrative: { 'II.1': `Tổ chức ${10 + (i % 7)} buổi tuyên truyền.` } },
  });
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
        let t0 = now();
        const res = await coordinator.call('GET', `/cycles/${cycleId}/board`);
        boardUnderLoad.push({ ms: ms(t0), status: res.status });
        const [{ behind }] = (await pgClient.query(
          `SELECT coalesce(max(e.global_position), 0) - coalesce((SELECT global_position FROM projection_checkpoints WHERE projection = 'cycle-board'), 0) AS behind FROM events e`)).rows;
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
  r.boardUnderLoad = { p50: pct(okBoard, 50), p95: pct(okBoard, 95), refused: boardUnderLoad.length - okBoard.length, samples: boardUnderLoad.length };
  r.lagMaxEvents = Math.max(0, ...lagSamples);

  // Idle board against the plain SQL aggregate over the same rows.
  const boardIdle = [];
  let boardBytes = 0;
  for (let i = 0; i < 15; i++) {
    t = now();
    const res = await coordinator.ok('GET', `/cycles/${cycleId}/board`);
    boardIdle.push(ms(t));
    boardBytes = res.bytes;
  }
  const sqlRef = [];
  const pgClient = await pgConnect(stack.pg.url);
  for (let i = 0; i < 15; i++) {
    t = now();
    await pgClient.query(`SELECT status, count(*) FROM cycle_units WHERE cycle_id = $1 GROUP BY status`, [cycleId]);
    sqlRef.push(ms(t));
  }
  await pgClient.end();
  r.boardIdle = { p50: pct(boardIdle, 50), p95: pct(boardIdle, 95), bytes: boardBytes, sqlP50: pct(sqlRef, 50) };

  t = now();
  const cycleRes = await coordinator.ok('GET', `/cycles/${cycleId}`);
  r.getCycle = { ms: ms(t), bytes: cycleRes.bytes };

  // Approvals of what was submitted, eight clients.
  const submitted = first + count8;
  const approve = await load(submitted, CLIENTS, (i) => reviewer.ok('POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/approve`, {}));
  r.approve8 = { perSecond: approve.perSecond, p50: pct(approve.latencies, 50), p99: pct(approve.latencies, 99) };

  t = now();
  await coordinator.ok('POST', `/cycles/${cycleId}/close-submissions`, undefined);
  r.closeSeconds = ms(t) / 1000;
  t = now();
  const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, {});
  r.draft = { seconds: ms(t) / 1000, status: draft.status, approvedUnits: submitted };
  return r;
}

async function pgConnect(url) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

function report(results, reference, rss, machine) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push('# Benchmarks', '', `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
    'Every figure comes from one run of the real stack (PostgreSQL, Temporal dev server, worker, API) through the public HTTP API.',
    quick ? `Quick run: ${SAMPLE_1} submissions at 1 client and up to ${SAMPLE_8(1e9)} at ${CLIENTS} clients per cycle (a sample, not every unit).` : 'Full run: every unit submits.', '');
  lines.push(`Raw PostgreSQL reference (pgbench, one event-shaped row per transaction into a copy of \`events\`): ${fmt(reference.c1, 0)} inserts/s at 1 client, ${fmt(reference.c8, 0)}/s at ${CLIENTS} clients.`, '');
  row('measure', ...results.map((r) => `${r.n.toLocaleString('en')} units`));
  row('---', ...results.map(() => '---'));
  row('import the registry (CSV, one call): s', ...results.map((r) => fmt(r.importSeconds, 2)));
  row('open the cycle: s (one call?)', ...results.map((r) => `${fmt(r.openSeconds, 2)} (${r.openInOneCall ? 'one call' : 'chunks of 2,000'})`));
  row('submission, 1 client: p50 / p99 ms', ...results.map((r) => `${fmt(r.submit1.p50)} / ${fmt(r.submit1.p99)}`));
  row(`submissions/s, ${CLIENTS} clients (÷ raw inserts/s)`, ...results.map((r) => `${fmt(r.submit8.perSecond, 0)} (${fmt((100 * r.submit8.perSecond) / reference.c8)} %)`));
  row(`submission, ${CLIENTS} clients: p50 / p99 ms`, ...results.map((r) => `${fmt(r.submit8.p50)} / ${fmt(r.submit8.p99)}`));
  row(`approvals/s, ${CLIENTS} clients`, ...results.map((r) => fmt(r.approve8.perSecond, 0)));
  row('board idle: p50 / p95 ms (÷ SQL count by status p50), bytes', ...results.map((r) => `${fmt(r.boardIdle.p50)} / ${fmt(r.boardIdle.p95)} (${fmt(r.boardIdle.p50 / r.boardIdle.sqlP50, 0)}×), ${r.boardIdle.bytes.toLocaleString('en')} B`));
  row('board under ingest: p50 / p95 ms (503s)', ...results.map((r) => `${fmt(r.boardUnderLoad.p50)} / ${fmt(r.boardUnderLoad.p95)} (${r.boardUnderLoad.refused}/${r.boardUnderLoad.samples})`));
  row('board read model behind under ingest: max events', ...results.map((r) => String(r.lagMaxEvents)));
  row('GET /cycles/{id}: ms, bytes', ...results.map((r) => `${fmt(r.getCycle.ms)}, ${r.getCycle.bytes.toLocaleString('en')} B`));
  row('close-submissions: s', ...results.map((r) => fmt(r.closeSeconds, 2)));
  row('POST …/report/draft: s (approved units)', ...results.map((r) => `${fmt(r.draft.seconds, 2)} (${r.draft.approvedUnits}${r.draft.status === 200 ? '' : `, HTTP ${r.draft.status}`})`));
  lines.push('', `Peak RSS after the run: API ${fmt(rss.api, 0)} MB, worker ${fmt(rss.worker, 0)} MB.`, '',
    'Not measured yet: bulk import of accounts, a reminder round to 5,000 pending units over SMTP, the board paged server-side.');
  return lines.join('\n') + '\n';
}

async function main() {
  ensureNodeModules(root);
  log('bench', 'building…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const work = path.join(root, '.data', 'bench');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const stack = await startStack(work);
  try {
    const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    log('bench', `stack up; pgbench reference…`);
    const reference = pgbenchReference(stack, work);
    log('bench', `raw inserts/s: ${fmt(reference.c1, 0)} (1 client), ${fmt(reference.c8, 0)} (${CLIENTS} clients)`);
    const admin = await Api.login(stack.url, 'admin', ADMIN_PASSWORD);
    const results = [];
    for (const [i, n] of SIZES.entries()) {
      log('bench', `cycle of ${n} units…`);
      const r = await benchCycle(stack, admin, n, i);
      log('bench', JSON.stringify(r));
      results.push(r);
    }
    const text = report(results, reference, { api: peakRssMb(stack.api.pid), worker: peakRssMb(stack.worker.pid) }, machine);
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
