'use strict';
// Starts a Temporal dev server (`temporal server start-dev`): persistent when given a database file
// (npm start), in-memory and headless otherwise (tests). Without a CLI binary it falls back to the SDK's
// own download of the dev server, which needs internet access.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { log, waitForPort } = require('./util');

/**
 * Starts the dev server on 127.0.0.1:`port`; resolves once it listens. `onSpawn(stop)` is called as soon as the
 * process exists, so that a caller interrupted while it starts can stop it. stop() is idempotent.
 */
async function startTemporalDevServer({ cli, port, uiPort, dbFile, logFile, onSpawn }) {
  const address = `127.0.0.1:${port}`;
  if (!cli) {
    const { TestWorkflowEnvironment } = require('@temporalio/testing');
    log('temporal', 'starting the dev server through the SDK download (needs internet)…');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', port, ...(uiPort ? { ui: true, uiPort } : {}), ...(dbFile ? { dbFilename: dbFile } : {}) },
    });
    let stopping = null;
    const stop = () => {
      stopping ??= env.teardown();
      return stopping;
    };
    if (onSpawn) onSpawn(stop); // only now: the SDK gives no handle on the server before it is up
    return { address, stop };
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    '--log-format',
    'pretty',
  ];
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (dbFile) {
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cli, args, { stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out); // the child has its own copy
  // Exit is tracked from the spawn on: a server that is already gone (Ctrl-C reaches it through the
  // terminal's process group) must not be waited for, and stop() may be called any number of times.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stopping = null;
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        // Not unref'd: this timer must keep the process alive until the server is gone.
        const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
        await exited;
        clearTimeout(kill);
      })();
    }
    return stopping;
  };
  if (onSpawn) onSpawn(stop);
  await waitForPort(port, { what: 'Temporal dev server', child, timeoutMs: 60000 });
  return { address, pid: child.pid, child, stop };
}

module.exports = { startTemporalDevServer };
