'use strict';
// The reminder round: a cycle of `count` units (of the largest registry) opened, then its coordinator reminds
// every pending unit ("Nhắc ngay"); the time until the local SMTP server has received one e-mail per unit, and
// how many went twice.
const { now, ms, sleep } = require('./stats');
const { openBody, waitCollecting } = require('./cycle');

async function benchReminders(stack, template, last, count) {
  const units = last.unitIds.slice(0, count);
  const opened = await last.coordinator.ok('POST', '/cycles', openBody(template, last.root, last.index, units, 2027), [201]);
  const cycleId = opened.body.id;
  await waitCollecting(last.coordinator, cycleId);
  const t = now();
  const reminded = await last.coordinator.ok('POST', `/cycles/${cycleId}/reminders`, undefined, [200]);
  const expected = reminded.body.remindedNow;
  const deadline = Date.now() + 180_000;
  while (stack.smtp.count(cycleId) < expected && Date.now() < deadline) await sleep(100);
  return {
    units: count,
    reminded: expected,
    delivered: stack.smtp.count(cycleId),
    seconds: ms(t) / 1000,
    duplicates: stack.smtp.duplicates(cycleId),
  };
}

module.exports = { benchReminders };
