// Starts the real infrastructure once per `jest` run (integration project only): a private PostgreSQL
// cluster (or DATABASE_URL's server) with a migrated template database, a Temporal dev server, and the
// workflow bundle. Test files read the addresses from process.env, which Jest's workers inherit.
import './path-aliases'; // first: what follows may import @kybaocao/*
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@kybaocao/persistence/data-source';
import { appDatabaseUrl, provisionAppLogin } from '@kybaocao/persistence/app-role';

const { ensureTemporalCli, ensureTestServer } = require('../../scripts/lib/tools');
const { startPostgres } = require('../../scripts/lib/postgres');
const { startTemporalDevServer } = require('../../scripts/lib/temporal');
const { freePort, log } = require('../../scripts/lib/util');

const root = path.resolve(__dirname, '../..');

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // One folder per run: two `jest` runs in the same checkout must not share (or wipe) a cluster.
  const work = path.join(root, '.data', 'test', `run-${process.pid}`);
  fs.mkdirSync(work, { recursive: true });
  const stops: (() => unknown)[] = [];
  (globalThis as any).__KYBAOCAO_INFRA_STOP__ = stops;
  stops.push(() => fs.rmSync(work, { recursive: true, force: true })); // stops run in reverse: this one last

  const cli = ensureTemporalCli();
  const testServer = ensureTestServer();
  if (cli) process.env.TEMPORAL_CLI = cli;
  process.env.TEMPORAL_TEST_SERVER = testServer ?? '';

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pg = await startPostgres({ dataDir: path.join(work, 'pg'), port: await freePort(), database: 'postgres', quiet: true });
    stops.push(() => pg.stop());
    adminUrl = pg.url;
  }
  const TEMPLATE_DB = `kybaocao_test_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  if (process.env.DATABASE_URL) {
    stops.push(async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`).finally(() => c.end());
    });
  }
  const templateUrl = withDatabase(adminUrl!, TEMPLATE_DB);
  await runMigrations(templateUrl);
  // The services' own login role (as `npm start` and docker-compose provision it): roles are per cluster, so one
  // password for the run; test databases cloned from the template carry its grants.
  const appPassword = randomBytes(24).toString('base64url');
  await provisionAppLogin(templateUrl, appDatabaseUrl(templateUrl, appPassword));
  process.env.TEST_PG_APP_PASSWORD = appPassword;
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_DB_TEMPLATE = TEMPLATE_DB;

  // The dev server also binds an HTTP API port of its own choosing, which something else may hold: a server that
  // exits before listening (bind: address already in use, seen once in CI) is started again on fresh ports.
  const startTemporal = async (attempt = 1): Promise<{ address: string; stop: () => Promise<void> }> => {
    try {
      return await startTemporalDevServer({ cli, port: await freePort(), logFile: path.join(work, 'temporal.log') });
    } catch (err) {
      if (attempt >= 3 || !/exited .* before listening/.test((err as Error).message)) throw err;
      log('test', `Temporal dev server did not start (${(err as Error).message}); again on other ports`);
      return startTemporal(attempt + 1);
    }
  };
  const temporal = await startTemporal();
  stops.push(() => temporal.stop());
  process.env.TEMPORAL_ADDRESS = temporal.address;

  const bundle = await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'index.ts'), logger: quietLogger });
  const bundlePath = path.join(work, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;

  log(
    'test',
    `infrastructure up in ${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL ${redact(adminUrl!)}, Temporal ${temporal.address}`,
  );
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const redact = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

const quietLogger = {
  trace() {},
  debug() {},
  info() {},
  log() {},
  warn: (m: string) => log('bundler', m),
  error: (m: string) => log('bundler', m),
};
