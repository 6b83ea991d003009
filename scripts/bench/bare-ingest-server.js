'use strict';
// The bench's second reference (beside pgbench): the bare minimum a Node HTTP ingest costs on this machine. One
// process, node:http (no framework), a pg pool of the API's size; per request it reads the JSON body, checks it has
// figures, INSERTs one event-shaped row into a copy of `events` and answers a small JSON. Nothing else: no
// authentication, no validation of the figures, no event stream or chain, no read model. Whatever the real API does
// per submission costs more than this, so its rate is the ceiling of any Node API (one process) on this machine.
//
// `node scripts/bench/bare-ingest-server.js` with DATABASE_URL, BARE_PORT, BARE_TABLE, BARE_POOL; prints
// "listening" when it accepts requests. The pure parts (bareEventRow, insertSql) are unit-tested.
const crypto = require('node:crypto');
const http = require('node:http');

const COLUMNS = ['stream_id', 'stream_type', 'version', 'event_id', 'event_type', 'data', 'metadata', 'recorded_at', 'hash', 'prev_hash'];

/** The INSERT of one row into `table` (a copy of `events`). */
function insertSql(table) {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bare ingest: not a plain table name: ${table}`);
  return `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ($1, 'submission', 1, $2, 'SubmissionSubmitted', $3, $4, now(), $5, NULL)`;
}

/**
 * The parameters of that INSERT for one parsed request body ({ content: { figures, narrative } }), as the API's
 * SubmissionSubmitted would carry it; null when the body has no figures (answered 400).
 */
function bareEventRow(body, seq, pid = process.pid) {
  const content = body && typeof body === 'object' ? body.content : undefined;
  if (!content || typeof content.figures !== 'object' || content.figures === null) return null;
  const data = JSON.stringify({
    cycleId: 'bare',
    unitId: `u${seq}`,
    version: 1,
    figures: content.figures,
    narrative: content.narrative ?? {},
  });
  return [
    `submission-bare:${pid}-${seq}`,
    crypto.randomUUID(),
    data,
    JSON.stringify({ actor: { userId: 'bare', role: 'reporter' }, correlationId: crypto.randomUUID() }),
    crypto.createHash('sha256').update(data).digest('hex'),
  ];
}

function serve({ databaseUrl, port, table, poolSize }) {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const sql = insertSql(table);
  let seq = 0;
  const answer = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') return answer(res, 404, { error: 'NOT_FOUND' });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let row;
      try {
        row = bareEventRow(JSON.parse(Buffer.concat(chunks).toString('utf8')), ++seq);
      } catch {
        row = null;
      }
      if (!row) return answer(res, 400, { error: 'BAD_BODY' });
      pool.query(sql, row).then(
        () => answer(res, 200, { status: 'submitted' }),
        (err) => answer(res, 500, { error: String(err?.message ?? err) }),
      );
    });
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
  process.on('SIGTERM', () => server.close(() => pool.end().finally(() => process.exit(0))));
}

if (require.main === module)
  serve({
    databaseUrl: process.env.DATABASE_URL,
    port: Number(process.env.BARE_PORT),
    table: process.env.BARE_TABLE,
    poolSize: Number(process.env.BARE_POOL),
  });

module.exports = { bareEventRow, insertSql, COLUMNS };
