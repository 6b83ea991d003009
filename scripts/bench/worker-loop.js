'use strict';
// The worker's event-to-notification loop (libs/notifications event-notifications, projection
// 'event-notifications'): its cost per event, from a burst. The notifier is brought up to the log's head, the
// worker process is paused (SIGSTOP), `burst()` appends events through the API, and after SIGCONT the time until
// the notifier's checkpoint has passed the last of them is divided by the number of events it had to read.
// The worker's e-mail loop runs meanwhile (a notification it issues wakes it), as in production.
const { pgConnect, settle, headOfLog, BEHIND_SQL } = require('./stack');
const { now, ms, sleep } = require('./stats');

const NOTIFIER = 'event-notifications';
const HANDLED = [
  'SubmissionSubmitted',
  'SubmissionReturned',
  'SubmissionApproved',
  'UnitDeadlineExtended',
  'ReportSigned',
  'ReportDistributed',
];

/** Waits (at most 60 s) until the local SMTP server has received nothing for 1.5 s: the worker sends nothing. */
async function smtpQuiet(stack) {
  let last = -1;
  let since = now();
  const t = now();
  while (ms(since) < 1500 && ms(t) < 60_000) {
    const received = stack.smtp.received();
    if (received !== last) [last, since] = [received, now()];
    await sleep(100);
  }
}

async function measureNotifierBurst(stack, burst) {
  // Paused idle, not in the middle of a transaction (an open transaction holds every gap-safe reader back): the
  // notifier has applied everything and the e-mail loop has nothing in flight.
  await settle(stack, { names: [NOTIFIER] });
  await smtpQuiet(stack);
  const c = await pgConnect(stack.pg.url);
  try {
    const from = await headOfLog(c);
    process.kill(stack.worker.pid, 'SIGSTOP');
    let to;
    try {
      await burst();
      to = await headOfLog(c);
    } finally {
      process.kill(stack.worker.pid, 'SIGCONT');
    }
    const t = now();
    const [{ events, handled }] = (
      await c.query(
        `SELECT count(*)::int AS events, count(*) FILTER (WHERE event_type = ANY ($3::text[]))::int AS handled
           FROM events WHERE global_position > $1::bigint AND global_position <= $2::bigint`,
        [from, to, HANDLED],
      )
    ).rows;
    let caughtUp = false;
    while (ms(t) < 600_000) {
      if ((await c.query(BEHIND_SQL, [[NOTIFIER], to])).rows[0].behind.length === 0) {
        caughtUp = true;
        break;
      }
      await sleep(50);
    }
    const seconds = ms(t) / 1000;
    return { events, handled, seconds, caughtUp, perEventMs: (seconds * 1000) / Math.max(1, handled) };
  } finally {
    await c.end();
  }
}

module.exports = { measureNotifierBurst };
