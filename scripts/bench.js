#!/usr/bin/env node
'use strict';
// `npm run bench [-- --quick] [-- --sampled] [-- --sizes 200,2000,20000]`: the costs that grow with the number of
// units, measured against the real stack this script starts (its own PostgreSQL cluster, Temporal dev server,
// worker and API from dist/, a local SMTP server), through the public HTTP API. Prints every figure and writes
// BENCHMARKS.md. Not part of `npm test`. The parts live in scripts/bench/: options (flags, samples), stack,
// template (the 40-indicator template), cycle (one size), worker-loop, memory, reminders, report.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureNodeModules } = require('./lib/deps');
const { log } = require('./lib/util');
const opt = require('./bench/options');
const { Api } = require('./bench/api-client');
const { startStack, pgbenchReference, root } = require('./bench/stack');
const { publishBenchTemplate } = require('./bench/template');
const { bareIngestReference } = require('./bench/bare-ingest');
const { benchCycle } = require('./bench/cycle');
const { benchReminders } = require('./bench/reminders');
const { RssMonitor } = require('./bench/memory');
const { report } = require('./bench/report');
const { fmt, now, ms } = require('./bench/stats');

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function main() {
  const started = new Date();
  const t0 = now();
  ensureNodeModules(root);
  const loadStart = loadavg();
  log('bench', `load average at start: ${loadStart}; building…`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const work = path.join(root, '.data', 'bench');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const stack = await startStack(work, { quick: opt.quick });
  // Ctrl-C (or a kill) stops the stack this script started, then exits.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log('bench', `${signal}: stopping the stack…`);
      stack.stop().finally(() => process.exit(130));
    });
  }
  const rss = new RssMonitor(
    { api: stack.api.pid, worker: stack.worker.pid },
    { phasesFile: process.env.BENCH_MEMORY_TRACE === '1' ? path.join(stack.diagDir, 'phases.jsonl') : undefined },
  );
  try {
    log('bench', `stack up (${fmt(ms(t0) / 1000, 0)} s); pgbench reference…`);
    const reference = pgbenchReference(stack, work);
    log('bench', `raw inserts/s: ${fmt(reference.c1, 0)} (1 client), ${fmt(reference.c8, 0)} (${opt.CLIENTS} clients)`);
    // As the first administrator does: log in with the bootstrap password and choose another (issue #17).
    const { firstAdminLogin } = require(path.join(root, 'dist/apps/api/src/demo/first-admin-login.js'));
    const admin = new Api(stack.url, await firstAdminLogin(stack.url, opt.ADMIN_PASSWORD, `${opt.ADMIN_PASSWORD}-chosen`));
    const template = await publishBenchTemplate(admin);
    log('bench', 'bare Node HTTP ingest reference…');
    reference.bare = await bareIngestReference(stack, work, template);
    log(
      'bench',
      `bare Node HTTP + one INSERT: ${fmt(reference.bare.perSecond, 0)}/s at ${opt.CLIENTS} clients, ${fmt(reference.bare.cpuMsPerRequest, 2)} ms CPU per request`,
    );
    const results = [];
    const failures = [];
    let last;
    // A size that fails (the API gone, a refused request) ends the sizes; what was measured is still written.
    for (const [i, n] of opt.SIZES.entries()) {
      log('bench', `cycle of ${n} units (${fmt(ms(t0) / 1000, 0)} s so far)…`);
      const load1 = os.loadavg()[0];
      const ts = now();
      try {
        const out = await benchCycle({ stack, admin, template, rss }, n, i);
        out.r.load1 = load1;
        out.r.seconds = ms(ts) / 1000;
        log('bench', JSON.stringify(out.r));
        results.push(out.r);
        last = out.last;
      } catch (err) {
        log('bench', `cycle of ${n} units failed: ${err?.stack ?? err}`);
        failures.push(
          `The cycle of ${n.toLocaleString('en')} units failed after ${fmt(ms(ts) / 1000, 0)} s: ${String(err?.message ?? err).slice(0, 300)}`,
        );
        rss.take();
        break;
      }
    }
    if (!last) throw new Error(failures.join('; '));
    let reminders = null;
    const reminderUnits = Math.min(opt.REMINDER_UNITS, last.unitIds.length);
    log('bench', `reminder round to ${reminderUnits} units (${fmt(ms(t0) / 1000, 0)} s so far)…`);
    try {
      reminders = await benchReminders(stack, template, last, reminderUnits);
      log('bench', JSON.stringify(reminders));
    } catch (err) {
      log('bench', `reminder round failed: ${err?.stack ?? err}`);
      failures.push(`The reminder round failed: ${String(err?.message ?? err).slice(0, 300)}`);
    }
    // How many processes the API ran as: its own rule (the built module), from what the bench gave it.
    const processes = require(path.join(root, 'dist/apps/api/src/api-processes.js')).apiProcesses(
      opt.API_PROCESSES ? { API_PROCESSES: String(opt.API_PROCESSES) } : process.env,
    );
    const machine =
      `${os.cpus().length} cores (${os.cpus()[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}; ` +
      `the API ran as ${processes} process${processes === 1 ? '' : 'es'} (API_PROCESSES; its memory below is their sum)${opt.API_NODE_OPTIONS ? ` with NODE_OPTIONS=${opt.API_NODE_OPTIONS}` : ''}; ` +
      `load average (1, 5, 15 min) at the start ${loadStart}, at the end ${loadavg()} — the machine is shared with other work`;
    const text = report({ results, reference, reminders, failures, machine, started, elapsedSeconds: ms(t0) / 1000 });
    process.stdout.write(`\n${text}`);
    fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), text);
  } finally {
    rss.stop();
    await stack.stop();
    log('bench', `total elapsed ${fmt(ms(t0) / 1000, 0)} s (stack stopped)`);
  }
}

main().catch((err) => {
  log('bench', `failed: ${err?.stack ?? err}`);
  process.exit(1);
});
