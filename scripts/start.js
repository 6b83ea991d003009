#!/usr/bin/env node
'use strict';
// `npm start`: the whole system on embedded defaults. Installs what is missing, starts PostgreSQL and the
// Temporal dev server (persistent, with its Web UI), runs migrations, starts the worker and the API, loads
// the demo the first time, prints the URLs, and stops everything cleanly on Ctrl-C. Data lives in .data/.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureNodeModules } = require('./lib/deps');
const { log, waitForPort } = require('./lib/util');

const root = path.resolve(__dirname, '..');
const dataDir = path.resolve(root, process.env.KYBAOCAO_DATA_DIR || '.data');
// #17: demo accounts (known passwords) only when asked for. A fresh clone (no data folder yet) asks for them unless
// told otherwise; later starts load nothing unless KYBAOCAO_DEMO=1. The seed itself refuses a database with data.
const freshClone = !fs.existsSync(dataDir);
const demoWanted =
  process.env.KYBAOCAO_NO_DEMO === '1' ? false : process.env.KYBAOCAO_DEMO !== undefined ? process.env.KYBAOCAO_DEMO === '1' : freshClone;

async function main() {
  const t0 = Date.now();
  ensureNodeModules(root);
  const { ensureTemporalCli, findLibreOffice, installLibreOffice, LIBREOFFICE_PACKAGE } = require('./lib/tools');
  const { startPostgres } = require('./lib/postgres');
  const { startTemporalDevServer } = require('./lib/temporal');

  // PDF export needs LibreOffice on PATH: say so now, and how to get it. Installed only when asked for.
  let soffice = findLibreOffice();
  if (!soffice && process.env.KYBAOCAO_INSTALL_LIBREOFFICE === '1') soffice = installLibreOffice();
  if (soffice) {
    log('pdf', `PDF export available (LibreOffice: ${soffice})`);
  } else {
    log('pdf', 'PDF export unavailable: LibreOffice (`soffice`) is not on PATH, so PDF downloads answer 503 (DOCX works).');
    log('pdf', `  To enable it: \`apt-get install -y --no-install-recommends ${LIBREOFFICE_PACKAGE}\` (Debian/Ubuntu, as root),`);
    log('pdf', '  or run `KYBAOCAO_INSTALL_LIBREOFFICE=1 npm start` as root, which does that (≈2–5 min, once).');
  }

  if (process.env.KYBAOCAO_NO_BUILD === '1') {
    log('build', 'KYBAOCAO_NO_BUILD=1: using dist/ as it is');
  } else {
    log('build', 'compiling TypeScript (~15 s)…');
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('TypeScript build failed');
    const aliases = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'tsc-alias', 'dist', 'bin', 'index.js'), '-p', 'tsconfig.build.json'],
      { cwd: root, stdio: 'inherit' },
    );
    if (aliases.status !== 0) throw new Error('resolving the path aliases in dist/ failed');

    // --- web app (apps/web → dist/web, served by the API at /ui/) ---
    for (const [name, args] of require('./lib/web').webSteps(root, { check: false })) {
      log('build', `${name}…`);
      const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
      if (res.status !== 0) throw new Error(`${name} failed`);
    }
    // --- end web app ---
  }

  // Stopping: Ctrl-C (SIGINT, which the terminal also sends to the worker, the API and the Temporal dev
  // server, all in its process group), SIGTERM or SIGHUP, or any child exiting on its own. Every process
  // started is registered the moment it exists, and stopped in reverse order: the API and the worker, then
  // the Temporal dev server, then PostgreSQL (own session, so only its stop reaches it). Exits are tracked
  // from the spawn on (a child killed by the terminal's SIGINT has exited before the stop begins), and the
  // waits keep the process alive until everything is down. A second Ctrl-C kills what is left at once.
  const stops = [];
  const children = [];
  let stopping = null;
  let stoppingSince = 0;
  let forced = false;
  const shutdown = (code) => {
    if (stopping) return stopping;
    stoppingSince = Date.now();
    log('start', 'stopping…');
    stopping = (async () => {
      for (const c of [...children].reverse()) await c.stop();
      while (stops.length) {
        // popped, so that one registered meanwhile (a server still starting) is stopped too
        try {
          await stops.pop()();
        } catch (err) {
          log('start', `stop: ${err.message}`);
        }
      }
      log('start', 'stopped');
      process.exit(code);
    })();
    return stopping;
  };
  const onSignal = () => {
    if (!stopping) return shutdown(0);
    // The Ctrl-C that killed a blocking step (a migration, say) arrives after that step's failure started the stop.
    if (forced || Date.now() - stoppingSince < 1000) return undefined;
    forced = true;
    log('start', 'stopping already; killing the remaining child processes (PostgreSQL still gets its fast stop)');
    for (const c of children) c.kill();
    return undefined;
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startPostgres({
        dataDir: path.join(dataDir, 'pg'),
        port: Number(process.env.KYBAOCAO_PG_PORT || 55432),
        registerStop: (stop) => stops.push(stop),
      });
      databaseUrl = pg.url;
    }
    if (stopping) return;
    // #17: the owner's URL (DATABASE_URL) is for migrations only; the services get DATABASE_APP_URL, their own
    // login role, which the migrate step provisions (default: kybaocao_app with a password kept in the data folder).
    const databaseAppUrl =
      process.env.DATABASE_APP_URL || appDatabaseUrl(databaseUrl, persistentSecret(path.join(dataDir, 'db-app-password')));
    const env = {
      ...process.env,
      DATABASE_URL: '',
      DATABASE_APP_URL: databaseAppUrl,
      JWT_SECRET: process.env.JWT_SECRET || persistentSecret(path.join(dataDir, 'jwt-secret')),
      CHECKPOINT_KEY: process.env.CHECKPOINT_KEY || persistentSecret(path.join(dataDir, 'checkpoint-key')),
      BOOTSTRAP_ADMIN_PASSWORD: process.env.BOOTSTRAP_ADMIN_PASSWORD || 'kybaocao-admin',
    };

    const migrate = spawnSync(process.execPath, ['dist/libs/persistence/src/migrate.js'], {
      cwd: root,
      env: { ...env, DATABASE_URL: databaseUrl },
      stdio: 'inherit',
    });
    if (migrate.status !== 0) throw new Error(`migrations failed${migrate.signal ? ` (${migrate.signal})` : ''}`);

    if (!process.env.TEMPORAL_ADDRESS) {
      const cli = ensureTemporalCli();
      const port = Number(process.env.KYBAOCAO_TEMPORAL_PORT || 7233);
      const uiPort = Number(process.env.KYBAOCAO_TEMPORAL_UI_PORT || 8233);
      log('temporal', `starting the dev server on 127.0.0.1:${port} (UI :${uiPort}, state in ${path.join(dataDir, 'temporal')})…`);
      const temporal = await startTemporalDevServer({
        cli,
        port,
        uiPort,
        dbFile: path.join(dataDir, 'temporal', 'temporal.db'),
        logFile: path.join(dataDir, 'temporal', 'server.log'),
        onSpawn: (stop) => stops.push(stop),
      });
      if (stopping) return;
      env.TEMPORAL_ADDRESS = temporal.address;
      env.TEMPORAL_UI_URL = `http://127.0.0.1:${uiPort}`;
    }

    const launch = (name, script) => {
      if (stopping) throw new Error('stopping');
      // Two malloc arenas, as in the Dockerfile: glibc's default (8 per core) kept ~480 MiB of freed native memory
      // resident after a 20,000-unit import (the bench's finding); the JS heap itself was back at ~58 MiB.
      const childEnv = { MALLOC_ARENA_MAX: '2', ...env };
      const child = spawn(process.execPath, ['--enable-source-maps', script], {
        cwd: root,
        env: childEnv,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const running = () => child.exitCode === null && child.signalCode === null;
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log('start', `${name} exited (${signal || code}); stopping everything`);
          shutdown(1);
        }
      });
      children.push({
        child,
        kill: () => {
          if (running()) child.kill('SIGKILL');
        },
        stop: async () => {
          if (running()) child.kill('SIGTERM');
          // Not unref'd: this timer keeps the process alive until the child is gone (SIGKILL after 10 s).
          const kill = setTimeout(() => {
            if (running()) child.kill('SIGKILL');
          }, 10000);
          await exited;
          clearTimeout(kill);
        },
      });
      return child;
    };
    launch('worker', 'dist/apps/worker/src/main.js');
    // The API as API_PROCESSES processes on its one port (node:cluster); the default is the API's own rule.
    const { apiProcesses } = require(path.join(root, 'dist/apps/api/src/api-processes.js'));
    log('start', `API processes: ${apiProcesses(env)}${env.API_PROCESSES ? '' : ' (one per core but one, at most 4; API_PROCESSES)'}`);
    const api = launch('api', 'dist/apps/api/src/main.js');
    const apiPort = Number(process.env.API_PORT || 3000);
    await waitForPort(apiPort, { what: 'API', child: api, timeoutMs: 60000 });

    if (stopping) return;
    if (!demoWanted) {
      log('start', 'no demo data loaded (KYBAOCAO_DEMO=1 loads the demo district and its accounts into an empty database)');
    } else {
      log(
        'start',
        `KYBAOCAO_DEMO=1${process.env.KYBAOCAO_DEMO === undefined ? ' (a fresh clone)' : ''}: loading the demo — its accounts have a known password; never use them with real data`,
      );
      const seed = spawnSync(process.execPath, ['dist/apps/api/src/demo/seed-demo.js'], {
        cwd: root,
        env: { ...env, KYBAOCAO_DEMO: '1' },
        stdio: 'inherit',
      });
      if (seed.signal) return; // interrupted (Ctrl-C): the signal's handler stops everything
      if (seed.status !== 0) log('start', 'demo seed failed (see above); the system runs without it');
    }
    if (stopping) return;

    const api0 = `http://127.0.0.1:${apiPort}`;
    process.stdout.write(
      [
        '',
        `kybaocao is up (${((Date.now() - t0) / 1000).toFixed(0)} s):`,
        `  Web app      ${api0}/ui/`,
        `  API          ${api0}`,
        `  OpenAPI      ${api0}/docs`,
        `  Health       ${api0}/health`,
        ...(env.TEMPORAL_UI_URL ? [`  Temporal UI  ${env.TEMPORAL_UI_URL}`] : []),
        `  PDF export   ${soffice ? 'available' : 'unavailable (LibreOffice missing; see [pdf] above)'}`,
        `  Data         ${dataDir}`,
        ...(demoWanted
          ? [
              'Demo accounts (KYBAOCAO_DEMO=1, password kybaocao-demo): chuyenvien.bdv (coordinator), lanhdao.bdv (reviewer), thuongtruc (standing),',
              '  btv.pbt (signer), vanthu (clerk), canbo.<unit> (reporters, e.g. canbo.hlhpn-tam-duong).',
            ]
          : []),
        demoWanted
          ? "Administrator: admin / kybaocao-demo-admin (the demo seed made the first login's password change from BOOTSTRAP_ADMIN_PASSWORD)."
          : 'Administrator: admin / BOOTSTRAP_ADMIN_PASSWORD (default kybaocao-admin on first start); the first login must choose a new password.',
        'Ctrl-C stops everything; the data stays for the next `npm start`.',
        '',
      ].join('\n') + '\n',
    );
  } catch (err) {
    if (stopping) return; // interrupted while starting: the stop in progress ends the process
    log('start', `failed: ${err.message}`);
    await shutdown(1);
  }
}

/** The owner's URL with the application's login role and password (see libs/persistence/src/app-role.ts). */
function appDatabaseUrl(ownerUrl, password) {
  const u = new URL(ownerUrl);
  u.username = 'kybaocao_app';
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** A random secret created once and kept in the data folder, so sessions survive restarts. */
function persistentSecret(file) {
  if (!fs.existsSync(file)) fs.writeFileSync(file, require('node:crypto').randomBytes(48).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

fs.mkdirSync(dataDir, { recursive: true });
main();
