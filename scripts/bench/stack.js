'use strict';
// The stack `npm run bench` measures: its own PostgreSQL cluster, Temporal dev server, a local SMTP server, and
// the worker and API from dist/ (each with the bench's diagnostic preload, diag-preload.js); plus the raw
// PostgreSQL reference (pgbench) and the wait for the read models.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { waitForPort, freePort } = require('../lib/util');
const { now, ms, sleep } = require('./stats');
const { ADMIN_PASSWORD, API_PROCESSES, API_NODE_OPTIONS, CLIENTS } = require('./options');

const root = path.resolve(__dirname, '../..');

async function startStack(work, { quick }) {
  const { startPostgres, findPgBin } = require('../lib/postgres');
  const { ensureTemporalCli } = require('../lib/tools');
  const { startTemporalDevServer } = require('../lib/temporal');
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
  const diagDir = path.join(work, 'diag');
  fs.mkdirSync(diagDir, { recursive: true });
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'bench',
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    ...(API_PROCESSES ? { API_PROCESSES: String(API_PROCESSES) } : {}),
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
    // One client address logs in as every reporter of a national cycle: the login throttle would refuse it.
    LOGIN_RATE_LIMIT_PER_ADDRESS: '100000',
    BENCH_DIAG_DIR: diagDir,
    // As the Dockerfile runs them: two malloc arenas (glibc's default of 8 per core kept ~260 MB of freed native
    // memory in the API after the 20,000-unit imports, with the JS heap back at ~58 MB).
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  };
  const children = [];
  const launch = (name, script, extraEnv = {}) => {
    const out = fs.openSync(path.join(work, `${name}.log`), 'a');
    const child = spawn(process.execPath, ['--expose-gc', '-r', path.join(__dirname, 'diag-preload.js'), script], {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', out, out],
    });
    children.push(child);
    return child;
  };
  const worker = launch('worker', 'dist/apps/worker/src/main.js');
  const api = launch('api', 'dist/apps/api/src/main.js', API_NODE_OPTIONS ? { NODE_OPTIONS: API_NODE_OPTIONS } : {});
  stops.push(async () => {
    for (const c of children.reverse()) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once('exit', r));
      try {
        process.kill(c.pid, 'SIGCONT'); // in case the bench stopped it (the worker's burst) and then failed
      } catch {
        /* gone */
      }
      c.kill('SIGTERM');
      await Promise.race([exited, sleep(15000)]);
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
  });
  const stack = {
    url: `http://127.0.0.1:${apiPort}`,
    pg,
    pgBin: findPgBin(),
    pgPort,
    api,
    worker,
    smtp,
    diagDir,
    quick,
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
  try {
    await waitForPort(apiPort, { what: 'API', child: api, timeoutMs: 120000 });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}

/** A local SMTP server that keeps, per cycle, which (recipient, unit) each reminder e-mail went to. */
async function startSmtp() {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  const seen = new Map(); // cycleId → Map(key → times)
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      received++;
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
    received: () => received,
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

/**
 * Whether a projection (by checkpoint name) still has an event at or below `max` to apply: the projector's own
 * probe (libs/persistence/src/projections/projector.ts, behind()), from its (transaction_id, global_position)
 * checkpoint.
 */
const BEHIND_SQL = `SELECT coalesce(array_agg(p.name), '{}') AS behind FROM unnest($1::text[]) AS p(name)
  LEFT JOIN projection_checkpoints c ON c.projection = p.name
  WHERE EXISTS (SELECT 1 FROM events e
     WHERE (e.transaction_id, e.global_position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0))
       AND e.global_position <= $2::bigint)`;

async function headOfLog(c) {
  return (await c.query(`SELECT coalesce(max(global_position), 0)::text AS max FROM events`)).rows[0].max;
}

/**
 * Waits (at most `limitMs`) until the projections named (default: every checkpointed one) have applied every
 * event committed before the call; returns the seconds waited. `settleEach` also says when each one got there.
 */
async function settle(stack, opts = {}) {
  return (await settleEach(stack, opts)).seconds;
}

async function settleEach(stack, { names, limitMs = 120_000, pollMs = 100 } = {}) {
  const t = now();
  const c = await pgConnect(stack.pg.url);
  const byName = {};
  try {
    const max = await headOfLog(c);
    const list = names ?? (await c.query(`SELECT projection FROM projection_checkpoints`)).rows.map((r) => r.projection);
    while (ms(t) < limitMs) {
      const [{ behind }] = (await c.query(BEHIND_SQL, [list, max])).rows;
      for (const name of list) if (!(name in byName) && !behind.includes(name)) byName[name] = ms(t) / 1000;
      if (behind.length === 0) break;
      await sleep(pollMs);
    }
  } finally {
    await c.end();
  }
  return { seconds: ms(t) / 1000, byName };
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
        stack.quick ? '5' : '15',
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

module.exports = { startStack, pgConnect, settle, settleEach, headOfLog, BEHIND_SQL, pgbenchReference, root };
