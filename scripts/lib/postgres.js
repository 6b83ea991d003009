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
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(debian, v, 'bin');
      if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
    }
  }
  const initdb = which('initdb');
  return initdb ? path.dirname(initdb) : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Runs a PostgreSQL program as the cluster's owner: as root, the `postgres` OS user (initdb refuses root).
 * The working directory is `/`: every path passed is absolute, and the caller's directory (a clone in a
 * private home directory, say) may be one the postgres user cannot enter, which initdb and psql refuse.
 */
function runAsOwner(cmd, args, opts = {}) {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return spawnSync(file, argv, { encoding: 'utf8', cwd: '/', ...opts });
}

/** Where clusters go (as root) when the requested folder is not reachable by the postgres user. */
const fallbackBase = () => process.env.KYBAOCAO_PG_FALLBACK_DIR || '/var/tmp/kybaocao';
const ORIGIN_FILE = 'origin'; // in each fallback folder: the folder the cluster stands in for

/**
 * One level of the fallback path, created by root and enterable (not listable) by everyone, so that the
 * postgres user can reach the cluster below it. An existing one must be root's own directory (not a link a
 * local user planted in the world-writable /var/tmp). chmod because mkdir's mode is filtered by the umask.
 */
function ensurePassableDir(dir) {
  try {
    fs.mkdirSync(dir, { mode: 0o711 });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0) {
    throw new Error(`${dir} is not a directory owned by root; remove it, or set KYBAOCAO_PG_FALLBACK_DIR or DATABASE_URL`);
  }
  if ((st.mode & 0o7777) !== 0o711) fs.chmodSync(dir, 0o711);
}

/** The folder of the cluster that `requested` stands for: itself, or as root its fallback when unreachable. */
function clusterDir(requested) {
  requested = path.resolve(requested);
  if (!isRoot()) return requested;
  const parent = path.dirname(requested);
  if (fs.existsSync(parent) && runAsOwner('test', ['-x', parent]).status === 0) return requested;
  const hash = crypto.createHash('sha256').update(requested).digest('hex').slice(0, 12);
  return path.join(fallbackBase(), hash, path.basename(requested));
}

/** As root, the data directory must be reachable by the postgres user; if not, use the fallback folder. */
function placeDataDir(requested) {
  requested = path.resolve(requested);
  if (!isRoot()) return requested;
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  const dir = clusterDir(requested);
  if (dir === requested) return dir;
  ensurePassableDir(fallbackBase());
  sweepFallbacks();
  ensurePassableDir(path.dirname(dir));
  fs.writeFileSync(path.join(path.dirname(dir), ORIGIN_FILE), path.dirname(requested));
  log('postgres', `${path.dirname(requested)} is not reachable by the postgres user; the cluster lives in ${dir}`);
  return dir;
}

/**
 * Removes fallback clusters whose origin folder is gone (a deleted clone, a finished test run's folder) and
 * that are not running. Folders without an origin file (written right after creation) count after an hour.
 */
function sweepFallbacks() {
  const base = fallbackBase();
  for (const name of fs.readdirSync(base)) {
    const dir = path.join(base, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory()) continue;
      let origin = null;
      try {
        origin = fs.readFileSync(path.join(dir, ORIGIN_FILE), 'utf8');
      } catch {
        /* none */
      }
      const orphan = origin ? !fs.existsSync(origin) : Date.now() - st.mtimeMs > 3600000;
      const running = fs.readdirSync(dir).some((d) => fs.existsSync(path.join(dir, d, 'postmaster.pid')));
      if (orphan && !running) fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      log('postgres', `could not clean ${dir}: ${err.message}`);
    }
  }
}

/**
 * Initialises (first time) and starts a cluster in `dataDir` listening on 127.0.0.1:`port`, and creates
 * `database`. Returns { url, stop(), dataDir }. Idempotent: an already running cluster is reused.
 * `registerStop(stop)` is called before the server is started, so that a caller interrupted meanwhile (Ctrl-C)
 * can still stop it: the server runs in its own session and outlives its starter. stop() may be called
 * any number of times.
 */
async function startPostgres({ dataDir, port, database = 'kybaocao', quiet = false, registerStop }) {
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (initdb, pg_ctl). Install PostgreSQL (Debian: ' +
        'apt-get install postgresql), set PG_BIN to their folder, or set DATABASE_URL to an existing server.',
    );
  }
  dataDir = placeDataDir(dataDir);
  const pgCtl = path.join(bin, 'pg_ctl');
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (isRoot()) {
      const own = spawnSync('chown', ['-R', 'postgres:postgres', dataDir], { encoding: 'utf8' });
      if (own.status !== 0) throw new Error(`chown of ${dataDir} failed: ${own.stderr}`);
    }
    if (!quiet) log('postgres', `initialising a private cluster in ${dataDir} (~2 s)…`);
    const res = runAsOwner(path.join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-instructions',
    ]);
    if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr || res.stdout}`);
  }
  const stop = () => {
    if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return; // not running (or already stopped)
    const res = runAsOwner(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    if (res.status !== 0 && fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      throw new Error(`pg_ctl stop failed: ${res.stderr || res.stdout}`);
    }
  };
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  const status = runAsOwner(pgCtl, ['-D', dataDir, 'status']);
  if (status.status !== 0) {
    if (await canConnect(port)) throw new Error(`port ${port} is taken by another program; set KYBAOCAO_PG_PORT`);
    if (registerStop) registerStop(stop);
    const logFile = path.join(dataDir, 'server.log');
    const res = runAsOwner(pgCtl, [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 -c fsync=${process.env.CI ? 'off' : 'on'}`,
      'start',
    ]);
    if (res.status !== 0) {
      let tail = '';
      try {
        tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      } catch {
        /* no log */
      }
      throw new Error(`pg_ctl start failed: ${res.stderr || res.stdout}\n${tail}`);
    }
  } else if (registerStop) {
    registerStop(stop);
  }
  await waitForPort(port, { what: 'PostgreSQL' });
  const psql = path.join(bin, 'psql');
  const exists = runAsOwner(psql, [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    'postgres',
    '-tAc',
    `SELECT 1 FROM pg_database WHERE datname = '${database}'`,
  ]);
  if (exists.status !== 0) throw new Error(`psql failed: ${exists.stderr}`);
  if (exists.stdout.trim() !== '1') {
    const created = runAsOwner(psql, [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-c',
      `CREATE DATABASE ${database}`,
    ]);
    if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
  }
  return { url, dataDir, stop };
}

module.exports = { startPostgres, findPgBin, clusterDir };
