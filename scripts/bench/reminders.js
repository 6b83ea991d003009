'use strict';
// The reminder round: a cycle of `count` units (of the largest registry) opened, then its coordinator reminds
// every pending unit ("Nhắc ngay"); the time until the local SMTP server has received one e-mail per unit, and
// how many went twice. Measured cleanly: before the request, the worker has drained the previous cycle's e-mail
// (drained(): its notifier caught up with the log, nothing due left to e-mail); how long that took is printed.
// Besides the time, what the round cost in CPU per e-mail (the worker, and PostgreSQL's processes), which the
// load of a shared machine changes much less than the time.
const fs = require('node:fs');
const path = require('node:path');
const { cpuOf } = require('../lib/proc');
const { pgConnect } = require('./stack');
const { drained } = require('./quiet');
const { now, ms, sleep } = require('./stats');
const { openBody, waitCollecting } = require('./cycle');

/** The PostgreSQL server's main process (its backends are its children), from the data directory's postmaster.pid. */
async function postmasterPid(stack) {
  const c = await pgConnect(stack.pg.url);
  try {
    const dir = (await c.query('SHOW data_directory')).rows[0].data_directory;
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } finally {
    await c.end();
  }
}

async function benchReminders(stack, template, last, count) {
  const units = last.unitIds.slice(0, count);
  const opened = await last.coordinator.ok('POST', '/cycles', openBody(template, last.root, last.index, units, 2027), [201]);
  const cycleId = opened.body.id;
  await waitCollecting(last.coordinator, cycleId);
  const drain = await drained(stack);
  process.stderr.write(
    `[bench] before "Nhắc ngay": the worker drained the previous e-mail in ${drain.seconds.toFixed(1)} s (${drain.unsentAtStart} unsent at the start, ${drain.unsent} at the end)\n`,
  );
  const postmaster = await postmasterPid(stack);
  const cpu0 = { worker: cpuOf(stack.worker.pid), pg: cpuOf(postmaster) };
  const t = now();
  const reminded = await last.coordinator.ok('POST', `/cycles/${cycleId}/reminders`, undefined, [200]);
  const expected = reminded.body.remindedNow;
  const deadline = Date.now() + 180_000;
  while (stack.smtp.count(cycleId) < expected && Date.now() < deadline) await sleep(100);
  const seconds = ms(t) / 1000;
  const delivered = stack.smtp.count(cycleId);
  const perEmail = (ms_) => ms_ / Math.max(1, delivered);
  return {
    cpuMsPerEmail: { worker: perEmail(cpuOf(stack.worker.pid) - cpu0.worker), postgres: perEmail(cpuOf(postmaster) - cpu0.pg) },
    units: count,
    reminded: expected,
    delivered,
    seconds,
    duplicates: stack.smtp.duplicates(cycleId),
    drain,
  };
}

module.exports = { benchReminders };
