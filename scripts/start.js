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

async function main() {
  const t0 = Date.now();
  ensureNodeModules(root);
  const { ensureTemporalCli } = require('./lib/tools');
  const { startPostgres } = require('./lib/postgres');
  const { startTemporalDevServer } = require('./lib/temporal');

  log('build', 'compiling TypeScript (~15 s)…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('TypeScript build failed');

  const stops = [];
  const children = [];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    log('start', 'stopping…');
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 10000).unref(); });
      }
    }
    for (const stop of stops.reverse()) {
      try { await stop(); } catch (err) { log('start', `stop: ${err.message}`); }
    }
    log('start', 'stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: Number(process.env.KYBAOCAO_PG_PORT || 55432) });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    // #17: the owner's URL (DATABASE_URL) is for migrations only; the services get DATABASE_APP_URL, their own
    // login role, which the migrate step provisions (default: kybaocao_app with a password kept in the data folder).
    const databaseAppUrl = process.env.DATABASE_APP_URL || appDatabaseUrl(databaseUrl, persistentSecret(path.join(dataDir, 'db-app-password')));
    const env = {
      ...process.env,
      DATABASE_URL: '',
      DATABASE_APP_URL: databaseAppUrl,
      JWT_SECRET: process.env.JWT_SECRET || persistentSecret(path.join(dataDir, 'jwt-secret')),
      CHECKPOINT_KEY: process.env.CHECKPOINT_KEY || persistentSecret(path.join(dataDir, 'checkpoint-key')),
      BOOTSTRAP_ADMIN_PASSWORD: process.env.BOOTSTRAP_ADMIN_PASSWORD || 'kybaocao-admin',
    };

    const migrate = spawnSync(process.execPath, ['dist/libs/persistence/src/migrate.js'], { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, stdio: 'inherit' });
    if (migrate.status !== 0) throw new Error('migrations failed');

    if (!process.env.TEMPORAL_ADDRESS) {
      const cli = ensureTemporalCli();
      const port = Number(process.env.KYBAOCAO_TEMPORAL_PORT || 7233);
      const uiPort = Number(process.env.KYBAOCAO_TEMPORAL_UI_PORT || 8233);
      log('temporal', `starting the dev server on 127.0.0.1:${port} (UI :${uiPort}, state in ${path.join(dataDir, 'temporal')})…`);
      const temporal = await startTemporalDevServer({
        cli, port, uiPort,
        dbFile: path.join(dataDir, 'temporal', 'temporal.db'),
        logFile: path.join(dataDir, 'temporal', 'server.log'),
      });
      stops.push(() => temporal.stop());
      env.TEMPORAL_ADDRESS = temporal.address;
      env.TEMPORAL_UI_URL = `http://127.0.0.1:${uiPort}`;
    }

    const launch = (name, script) => {
      const child = spawn(process.execPath, ['--enable-source-maps', script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log('start', `${name} exited (${signal || code}); stopping everything`);
          shutdown(1);
        }
      });
      children.push(child);
      return child;
    };
    launch('worker', 'dist/apps/worker/src/main.js');
    const api = launch('api', 'dist/apps/api/src/main.js');
    const apiPort = Number(process.env.API_PORT || 3000);
    await waitForPort(apiPort, { what: 'API', child: api, timeoutMs: 60000 });

    const seed = spawnSync(process.execPath, ['dist/apps/api/src/demo/seed-demo.js'], { cwd: root, env, stdio: 'inherit' });
    if (seed.status !== 0) log('start', 'demo seed failed (see above); the system runs without it');

    const api0 = `http://127.0.0.1:${apiPort}`;
    process.stdout.write([
      '',
      `kybaocao is up (${((Date.now() - t0) / 1000).toFixed(0)} s):`,
      `  API          ${api0}`,
      `  OpenAPI      ${api0}/docs`,
      `  Health       ${api0}/health`,
      ...(env.TEMPORAL_UI_URL ? [`  Temporal UI  ${env.TEMPORAL_UI_URL}`] : []),
      `  Data         ${dataDir}`,
      'Demo accounts (password kybaocao-demo): chuyenvien.bdv (coordinator), lanhdao.bdv (reviewer), thuongtruc (standing),',
      '  btv.pbt (signer), vanthu (clerk), canbo.<unit> (reporters, e.g. canbo.hlhpn-tam-duong); admin / BOOTSTRAP_ADMIN_PASSWORD.',
      'Ctrl-C stops everything; the data stays for the next `npm start`.',
      '',
    ].join('\n') + '\n');
  } catch (err) {
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
