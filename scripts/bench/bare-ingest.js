'use strict';
// The bare Node HTTP ingest reference of `npm run bench` (the server: bare-ingest-server.js): started as its own
// process against the bench's PostgreSQL, with the API's pool size, and driven by the same HTTP client and the same
// 8-client load as the submissions, with the same body (a 40-figure submission). Its rate says how far any Node API
// (one process) can go on this machine; the API's ingest is stated as a share of it.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { waitForPort, freePort } = require('../lib/util');
const { cpuOf } = require('../lib/proc');
const { Api } = require('./api-client');
const { load, summary, sleep } = require('./stats');
const { fullContent } = require('./template');
const opt = require('./options');

const TABLE = 'bench_bare_events';
/** The API's pool (libs/persistence/src/data-source.ts: dataSourceOptions' default). */
const POOL = 10;

async function bareIngestReference(stack, work, template) {
  const psql = (sql) =>
    spawnSync(
      path.join(stack.pgBin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(stack.pgPort), '-U', 'postgres', '-d', 'kybaocao', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
      { encoding: 'utf8' },
    );
  const made = psql(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (LIKE events INCLUDING ALL);`);
  if (made.status !== 0) throw new Error(`${TABLE}: ${made.stderr}`);
  const port = await freePort();
  const out = fs.openSync(path.join(work, 'bare-ingest.log'), 'a');
  const server = spawn(process.execPath, [path.join(__dirname, 'bare-ingest-server.js')], {
    env: { ...process.env, DATABASE_URL: stack.pg.url, BARE_PORT: String(port), BARE_TABLE: TABLE, BARE_POOL: String(POOL) },
    stdio: ['ignore', out, out],
  });
  try {
    await waitForPort(port, { what: 'bare ingest server', child: server });
    const client = new Api(`http://127.0.0.1:${port}`, 'bare');
    const post = (i) => client.ok('POST', '/ingest', { content: fullContent(template, i) }, [200]);
    const warm = opt.quick ? 200 : 500;
    const count = opt.quick ? 1000 : 3000;
    await load(warm, opt.CLIENTS, post);
    const cpu0 = cpuOf(server.pid);
    const res = summary(await load(count, opt.CLIENTS, (i) => post(warm + i)));
    const cpuMs = cpuOf(server.pid) - cpu0;
    const rows = Number(psql(`SELECT count(*) FROM ${TABLE}`).stdout.trim());
    if (rows !== warm + count) throw new Error(`bare ingest: ${rows} rows stored for ${warm + count} requests`);
    return { ...res, cpuMsPerRequest: cpuMs / count, pool: POOL };
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    if (server.exitCode === null) server.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    psql(`DROP TABLE IF EXISTS ${TABLE}`);
  }
}

module.exports = { bareIngestReference };
