'use strict';
// A private PostgreSQL cluster for `npm start` and `npm test`, from the system's server binaries
// (Debian's postgresql package, or any `pg_ctl` on PATH / $PG_BIN). initdb refuses to run as root, so as
// root the cluster runs as the `postgres` OS user. Unix sockets are disabled: TCP on loopback only.
// When DATABASE_URL is set none of this runs: the given server is used as it is.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { log, which, waitForPort, canConnect } = require('./util');

function findPgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const pgConfig = which('pg_config');
  if (pgConfig) {
    const res = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
    const dir = res.stdout && res.stdout.trim();
    if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(debian, v, 'bin');
      if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
    }
  }
  const initdb = which('initdb');
  return initdb ? path.dirname(initdb) : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function runAsOwner(cmd, args, opts = {}) {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return spawnSync(file, argv, { encoding: 'utf8', ...opts });
}

/** As root, the data directory must be reachable by the postgres user; if not, use /var/tmp. */
function placeDataDir(requested) {
  if (!isRoot()) return requested;
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  const probe = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', path.dirname(requested)]);
  if (probe.status === 0) return requested;
  const hash = crypto.createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join('/var/tmp/kybaocao', hash, path.basename(requested));
  log('postgres', `${path.dirname(requested)} is not reachable by the postgres user; using ${fallback}`);
  return fallback;
}

/**
 * Initialises (first time) and starts a cluster in `dataDir` listening on 127.0.0.1:`port`, and creates
 * `database`. Returns { url, stop(), dataDir }. Idempotent: an already running cluster is reused.
 */
async function startPostgres({ dataDir, port, database = 'kybaocao', quiet = false }) {
  const bin = findPgBin();
  if (!bin) {
    throw new Error('PostgreSQL server binaries not found (initdb, pg_ctl). Install PostgreSQL (Debian: '
      + 'apt-get install postgresql), set PG_BIN to their folder, or set DATABASE_URL to an existing server.');
  }
  dataDir = placeDataDir(dataDir);
  const pgCtl = path.join(bin, 'pg_ctl');
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', path.dirname(dataDir)]);
    if (!quiet) log('postgres', `initialising a private cluster in ${dataDir} (~2 s)…`);
    const res = runAsOwner(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8',
      '--locale=C.UTF-8', '--no-instructions']);
    if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr || res.stdout}`);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  const status = runAsOwner(pgCtl, ['-D', dataDir, 'status']);
  if (status.status !== 0) {
    if (await canConnect(port)) throw new Error(`port ${port} is taken by another program; set KYBAOCAO_PG_PORT`);
    const logFile = path.join(dataDir, 'server.log');
    const res = runAsOwner(pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=${process.env.CI ? 'off' : 'on'}`,
      'start']);
    if (res.status !== 0) {
      let tail = '';
      try { tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n'); } catch { /* no log */ }
      throw new Error(`pg_ctl start failed: ${res.stderr || res.stdout}\n${tail}`);
    }
  }
  await waitForPort(port, { what: 'PostgreSQL' });
  const psql = path.join(bin, 'psql');
  const exists = runAsOwner(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc',
    `SELECT 1 FROM pg_database WHERE datname = '${database}'`]);
  if (exists.status !== 0) throw new Error(`psql failed: ${exists.stderr}`);
  if (exists.stdout.trim() !== '1') {
    const created = runAsOwner(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c',
      `CREATE DATABASE ${database}`]);
    if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
  }
  return {
    url,
    dataDir,
    stop() {
      runAsOwner(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}

module.exports = { startPostgres, findPgBin };
