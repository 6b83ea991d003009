#!/usr/bin/env node
// `node scripts/ingest-load.js [--units 200] [--submissions 400] [--clients 8] [--processes 1] [--profile DIR]`: the submission and
// approval hot path alone, for profiling (issue #16). Not part of `npm test` or `npm run bench` (which measures
// everything side by side): a private PostgreSQL and the built API (run `npm run build` first), no Temporal and no
// worker (the cycle is opened and its window opened through the event store, as the workflow would), one reporter
// account per 25 units, a reviewer. Prints submissions/s and p50/p99 at 1 and N clients, approvals likewise, and the
// CPU seconds the API and PostgreSQL spent per request during the N-client submissions (from /proc). With
// --profile DIR, writes a V8 CPU profile of the API over that window (open it in Chrome DevTools or speedscope).
// --processes N: the API as N processes (API_PROCESSES; default 1, or API_PROCESSES from the environment); its CPU is
// then the sum of the primary's and every worker's.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { log, waitForPort, freePort } = require('./lib/util');
const { startPostgres } = require('./lib/postgres');
const { processTree, cpuSeconds } = require('./lib/proc');

const root = path.resolve(__dirname, '..');
const arg = (name, dflt) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : dflt);
const UNITS = Number(arg('units', 200));
const SUBMISSIONS = Math.min(UNITS, Number(arg('submissions', 400)));
if (SUBMISSIONS < 10) throw new Error('--submissions must be at least 10');
const CLIENTS = Number(arg('clients', 8));
const PROFILE_DIR = arg('profile', null);
const PROCESSES = Number(arg('processes', process.env.API_PROCESSES || 1));
if (PROFILE_DIR && PROCESSES > 1) throw new Error('--profile profiles one API process: use it with --processes 1');
const PASSWORD = 'ingest-load-password';
const dist = (p) => require(path.join(root, 'dist', p));

const { now, ms, load: loadRaw, summary } = require('./bench/stats');

/** Runs `task(i)` for i in [0, count) on `clients` concurrent workers: the rate and p50/p99 latency. */
const load = async (count, clients, task) => summary(await loadRaw(count, clients, task));

async function call(base, token, method, p, body, expected = 200) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: {
      'content-type': body === undefined || typeof body === 'object' ? 'application/json' : 'text/csv',
      authorization: `Bearer ${token}`,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function login(base, username) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).accessToken;
}

const postgresPids = (dataDir) =>
  spawnSync('pgrep', ['-f', `postgres`], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .filter((pid) => {
      try {
        // The postmaster has the data dir in its command line; its children are found by parent.
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const ppid = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
        const parentCmd = fs.existsSync(`/proc/${ppid}/cmdline`) ? fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8') : '';
        return cmd.includes(dataDir) || parentCmd.includes(dataDir);
      } catch {
        return false;
      }
    });

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-load-'));
  const dataDir = path.join(work, 'pg');
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  };
  process.on('SIGINT', () => stopAll().then(() => process.exit(130)));
  try {
    const pg = await startPostgres({ dataDir, port: Number(process.env.KYBAOCAO_PG_PORT) || (await freePort()), quiet: true });
    stops.push(() => pg.stop());
    const migrate = spawnSync(process.execPath, ['dist/libs/persistence/src/migrate.js'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: pg.url },
      stdio: 'inherit',
    });
    if (migrate.status !== 0) throw new Error('migrations failed');
    const port = Number(process.env.API_PORT) || (await freePort());
    const hook = path.join(work, 'profile-hook.js');
    const trigger = path.join(work, 'profiling');
    fs.writeFileSync(
      hook,
      // Starts the profiler when the trigger file appears and writes the profile when it goes.
      `const fs = require('fs'); const { Session } = require('inspector'); const s = new Session(); s.connect(); let on = false;
       setInterval(() => { const want = fs.existsSync(${JSON.stringify(trigger)});
         if (want && !on) { on = true; s.post('Profiler.enable'); s.post('Profiler.setSamplingInterval', { interval: 500 }); s.post('Profiler.start'); }
         else if (!want && on) { on = false; s.post('Profiler.stop', (err, r) => { if (!err) fs.writeFileSync(${JSON.stringify(path.join(work, 'api.cpuprofile'))}, JSON.stringify(r.profile)); }); }
       }, 50).unref();`,
    );
    const api = spawn(process.execPath, [...(PROFILE_DIR ? ['--require', hook] : []), 'dist/apps/api/src/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: '127.0.0.1:1', // never asked: no route used here starts a workflow
        API_PORT: String(port),
        API_PROCESSES: String(PROCESSES),
        JWT_SECRET: 'ingest-load-jwt-secret-of-at-least-32-chars',
        BOOTSTRAP_ADMIN_PASSWORD: 'ingest-load-bootstrap',
        LOGIN_RATE_LIMIT_PER_ADDRESS: '1000000',
        LOGIN_RATE_LIMIT_PER_USERNAME: '1000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    stops.push(
      () =>
        new Promise((resolve) => {
          api.once('exit', resolve);
          api.kill('SIGTERM');
        }),
    );
    await waitForPort(port, { what: 'API', child: api, timeoutMs: 120000 });
    const base = `http://127.0.0.1:${port}`;

    // The registry, the accounts and the cycle.
    const { firstAdminLogin } = dist('apps/api/src/demo/first-admin-login.js');
    const { DEMO_UNITS, DEMO_DISTRICT_ID, demoCycleBody } = dist('apps/api/src/demo/demo-data.js');
    const admin = await firstAdminLogin(base, 'ingest-load-bootstrap', PASSWORD);
    for (const unit of DEMO_UNITS) await call(base, admin, 'POST', '/org-units', { ...unit, activeFrom: '2020-01-01' }, 201);
    const unitIds = Array.from({ length: UNITS }, (_, i) => `tai-${String(i + 1).padStart(5, '0')}`);
    const csv = [
      'id,parentId,level,kind,canonicalName,activeFrom',
      ...unitIds.map((id) => `${id},${DEMO_DISTRICT_ID},xa,HLHPN,Hội ${id},2020-01-01`),
    ];
    await call(base, admin, 'POST', '/org-units/import', csv.join('\n'));
    const reporters = [];
    // Reporters only for the units that submit: the cycle may hold 20,000 units, their accounts are not the point here.
    for (let r = 0; r * 25 < SUBMISSIONS; r++) {
      const username = `canbo.tai${r}`;
      const units = unitIds.slice(r * 25, r * 25 + 25);
      await call(
        base,
        admin,
        'POST',
        '/users',
        { username, displayName: 'Cán bộ', password: PASSWORD, roles: ['reporter'], unitIds: units },
        201,
      );
      reporters.push(await login(base, username));
    }
    await call(
      base,
      admin,
      'POST',
      '/users',
      { username: 'duyet', displayName: 'Lãnh đạo Ban', password: PASSWORD, roles: ['reviewer'], officeUnitId: 'bdv-tam-duong' },
      201,
    );
    const reviewer = await login(base, 'duyet');

    const { DataSource } = require('typeorm');
    const { dataSourceOptions } = dist('libs/persistence/src/data-source.js');
    const { EventStore } = dist('libs/persistence/src/event-store/event-store.js');
    const { CommandHandler } = dist('libs/persistence/src/event-store/command-handler.js');
    const { cycleDecider } = dist('libs/domain/src/cycle/index.js');
    const ds = await new DataSource(dataSourceOptions(pg.url, { poolSize: 2 })).initialize();
    const commands = new CommandHandler(new EventStore(ds));
    const cycleId = require('node:crypto').randomUUID();
    const meta = { metadata: { actor: { userId: 'system', role: 'system' }, correlationId: 'ingest-load' }, now: new Date() };
    const body = demoCycleBody(2027);
    await commands.handle(
      cycleDecider,
      `cycle-${cycleId}`,
      {
        type: 'OpenCycle',
        data: { ...body, cycleId, templateVersion: 1, coordinatorId: 'system', units: unitIds.map((unitId) => ({ unitId })) },
      },
      meta,
    );
    await commands.handle(cycleDecider, `cycle-${cycleId}`, { type: 'AdvancePhase', data: { to: 'collecting' } }, meta);
    await ds.destroy();

    const template = await call(base, admin, 'GET', '/templates/dan-van-annual/versions/1').catch(() =>
      call(base, admin, 'GET', '/templates/dan-van-annual'),
    );
    const content = (i) => {
      const figures = {};
      template.indicators.forEach((ind, k) => {
        const v = 10 + k * 3 + (i % 5);
        if (ind.valueType === 'ratio') figures[ind.code] = { numerator: 5 + (i % 3), denominator: 9 };
        else if (ind.valueType === 'decimal') figures[ind.code] = { value: v + 0.5 };
        else if (ind.valueType === 'integer') figures[ind.code] = { value: v };
      });
      if (figures.DON_THU_GIAI_QUYET && figures.DON_THU_TIEP_NHAN)
        figures.DON_THU_GIAI_QUYET = { value: figures.DON_THU_TIEP_NHAN.value - 1 };
      return { figures, narrative: { 'II.1': `Tổ chức ${figures.TT_BUOI?.value ?? 10} buổi tuyên truyền.` } };
    };
    const submit = (i) =>
      call(base, reporters[Math.floor(i / 25)], 'POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/submit`, {
        content: content(i),
      });
    const approve = (i) => call(base, reviewer, 'POST', `/cycles/${cycleId}/units/${unitIds[i]}/submission/approve`, {});

    const one = Math.min(40, Math.floor(SUBMISSIONS / 5));
    const r1 = await load(one, 1, (i) => submit(i));
    const pgPids = postgresPids(pg.dataDir ?? dataDir);
    const apiPids = processTree(api.pid);
    const cpu0 = { api: cpuSeconds(apiPids), pg: cpuSeconds(pgPids), perPid: apiPids.map((p) => cpuSeconds([p])) };
    if (PROFILE_DIR) fs.writeFileSync(trigger, '');
    const r8 = await load(SUBMISSIONS - one, CLIENTS, (i) => submit(one + i));
    if (PROFILE_DIR) fs.rmSync(trigger);
    const cpu1 = { api: cpuSeconds(apiPids), pg: cpuSeconds(pgPids), perPid: apiPids.map((p) => cpuSeconds([p])) };
    const a8 = await load(SUBMISSIONS, CLIENTS, (i) => approve(i));
    const n8 = SUBMISSIONS - one;
    const fmt = (r) => `${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
    log(
      'load',
      `units ${UNITS}; API processes ${PROCESSES}; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}`,
    );
    log('load', `submissions, 1 client (${one}): ${fmt(r1)}`);
    log('load', `submissions, ${CLIENTS} clients (${n8}): ${fmt(r8)}`);
    log('load', `approvals, ${CLIENTS} clients (${SUBMISSIONS}): ${fmt(a8)}`);
    const perRequest = (which, kind) => ((1000 * (cpu1[which][kind] - cpu0[which][kind])) / n8).toFixed(2);
    log(
      'load',
      `CPU per submission at ${CLIENTS} clients (user + system ms): API ${perRequest('api', 'user')} + ${perRequest('api', 'system')}, PostgreSQL ${perRequest('pg', 'user')} + ${perRequest('pg', 'system')}`,
    );
    if (apiPids.length > 1) {
      // Whether the load was shared: each API process's part of that CPU (the primary only hands out connections).
      const each = apiPids.map((pid, i) => {
        const [a, b] = [cpu0.perPid[i], cpu1.perPid[i]];
        return `pid ${pid}: ${((1000 * (b.user + b.system - a.user - a.system)) / n8).toFixed(2)}`;
      });
      log('load', `of which, per API process (ms per submission): ${each.join(', ')}`);
    }
    if (PROFILE_DIR) {
      await new Promise((r) => setTimeout(r, 500));
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      const out = path.join(PROFILE_DIR, `api-${Date.now()}.cpuprofile`);
      fs.copyFileSync(path.join(work, 'api.cpuprofile'), out);
      log('load', `CPU profile of the API over the ${CLIENTS}-client submissions: ${out}`);
    }
  } finally {
    await stopAll();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
