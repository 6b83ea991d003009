'use strict';
// A quiet stack before a timed phase: the worker's notifier has caught up with the log and it has e-mailed what was
// due. On these 2 shared cores the worker e-mailing a 20,000-unit cycle's notifications (thousands in the minutes
// after its submissions and approvals) takes CPU from the API being timed, which a 200-unit cycle's few never do: the
// reminder round and every timed phase of a cycle start only once that is done, and the wait is printed.
const { pgConnect, settle } = require('./stack');
const { now, ms, sleep } = require('./stats');

/** E-mails still to go out: pairs (due notification of the last 48 h, recipient with an address) with no final attempt. */
const UNSENT_SQL = `SELECT count(*)::int AS unsent FROM notifications n
  JOIN LATERAL (SELECT x.id FROM users x WHERE n.recipient_type = 'user' AND x.id = CASE WHEN n.recipient_type = 'user' THEN n.recipient_id::uuid END
                UNION ALL SELECT x.id FROM users x WHERE n.recipient_type = 'unit' AND x.unit_ids @> ARRAY[n.recipient_id]) u ON true
  JOIN users ru ON ru.id = u.id AND ru.disabled_at IS NULL AND coalesce(btrim(ru.email), '') <> ''
 WHERE n.due_at > now() - interval '48 hours' AND n.due_at <= now()
   AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.user_id = u.id
                      AND (d.status = 'sent' OR (d.status = 'failed' AND d.next_attempt_at IS NULL)))`;

/** Waits (at most 15 min) until the worker's notifier is at the log's head and nothing is left to e-mail. */
async function drained(stack) {
  const t = now();
  await settle(stack, { names: ['event-notifications'], limitMs: 900_000 });
  const c = await pgConnect(stack.pg.url);
  let first = null;
  let unsent = null;
  try {
    while (ms(t) < 900_000) {
      unsent = (await c.query(UNSENT_SQL)).rows[0].unsent;
      first ??= unsent;
      if (unsent === 0) break;
      await sleep(1000);
    }
  } finally {
    await c.end();
  }
  return { seconds: ms(t) / 1000, unsentAtStart: first, unsent };
}

module.exports = { drained };
