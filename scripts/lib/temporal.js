'use strict';
// Starts a Temporal dev server (`temporal server start-dev`): persistent when given a database file
// (npm start), in-memory and headless otherwise (tests). Without a CLI binary it falls back to the SDK's
// own download of the dev server, which needs internet access.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { log, waitForPort } = require('./util');

async function startTemporalDevServer({ cli, port, uiPort, dbFile, logFile }) {
  const address = `127.0.0.1:${port}`;
  if (!cli) {
    const { TestWorkflowEnvironment } = require('@temporalio/testing');
    log('temporal', 'starting the dev server through the SDK download (needs internet)…');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', port, ...(uiPort ? { ui: true, uiPort } : {}), ...(dbFile ? { dbFilename: dbFile } : {}) },
    });
    return { address, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', 'default',
    '--log-level', 'warn', '--log-format', 'pretty'];
  if (uiPort) args.push('--ui-port', String(uiPort)); else args.push('--headless');
  if (dbFile) {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cli, args, { stdio: ['ignore', out, out] });
  let exited = false;
  child.once('exit', () => { exited = true; });
  await waitForPort(port, { what: 'Temporal dev server', child, timeoutMs: 60000 });
  return {
    address,
    pid: child.pid,
    child,
    stop: () => new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 10000).unref();
    }),
  };
}

module.exports = { startTemporalDevServer };
