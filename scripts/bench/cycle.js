'use strict';
// One cycle of N units, every phase through the public API: the registry and accounts imported, the cycle opened
// and assigned in one call, draft saves, submissions at 1 and 8 clients (with the board and the read models' lag
// sampled meanwhile), the idle board against plain SQL, returns, approvals, the worker's notification burst,
// close-submissions and the draft with every unit approved. Resident memory is followed phase by phase.
const { Api, request } = require('./api-client');
const { pgConnect, settle, settleEach } = require('./stack');
const { drained } = require('./quiet');
const { now, ms, pct, sleep, load, summary } = require('./stats');
const { fullContent, filledFigures } = require('./template');
const { measureNotifierBurst } = require('./worker-loop');
const { idleMemory } = require('./memory');
const { benchReportPhase } = require('./report-phase');
const { cpuOf } = require('../lib/proc');
const opt = require('./options');

/** A hierarchy as a national cycle has it: provinces → communes → ~6 organisations each; the organisations report. */
function hierarchyCsv(index, n) {
  const root = `bench-root-${index}`;
  const communes = Math.ceil(n / 6);
  const provinces = Math.min(34, Math.max(1, Math.ceil(communes / 100)));
  const unitIds = Array.from({ length: n }, (_, i) => `b${index}-tc-${String(i + 1).padStart(5, '0')}`);
  const lines = [
    'id,parentId,level,kind,canonicalName,activeFrom',
    `${root},,trung-uong,MTTQ,Ủy ban Trung ương MTTQ thử nghiệm ${index},2020-01-01`,
  ];
  for (let p = 0; p < provinces; p++) lines.push(`b${index}-tinh-${p},${root},tinh,MTTQ,Ủy ban MTTQ tỉnh Thử ${index}-${p + 1},2020-01-01`);
  for (let c = 0; c < communes; c++)
    lines.push(`b${index}-xa-${c},b${index}-tinh-${c % provinces},xa,MTTQ,Ủy ban MTTQ xã Thử ${index}-${c + 1},2020-01-01`);
  const KINDS = ['HLHPN', 'HND', 'DTN', 'HCCB', 'MTTQ', 'LDLD'];
  unitIds.forEach((id, i) =>
    lines.push(`${id},b${index}-xa-${Math.floor(i / 6)},xa,${KINDS[i % 6]},Tổ chức thử ${index}-${i + 1},2020-01-01`),
  );
  return { root, unitIds, csv: lines.join('\n'), rows: lines.length - 1 };
}

async function upload(stack, admin, route, csv) {
  const t = now();
  const res = await request(`${stack.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(csv), authorization: `Bearer ${admin.token}` },
    body: csv,
  });
  if (res.status !== 200) throw new Error(`POST ${route}: ${res.status} ${res.text.slice(0, 300)}`);
  return ms(t) / 1000;
}

/** The body of POST /cycles for `units`, issued by `root`. */
function openBody(template, root, index, units, year) {
  return {
    templateId: template.id,
    period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
    issuingBody: { unitId: root, name: `Ủy ban Trung ương MTTQ thử nghiệm ${index}`, symbol: 'MT' },
    milestones: {
      submissionDeadline: `${year}-12-16`,
      reviewDue: `${year}-12-21`,
      commentsDue: `${year}-12-24`,
      signOffDue: `${year}-12-28`,
      distributionDue: `${year}-12-30`,
    },
    units: units.map((unitId) => ({ unitId })),
  };
}

async function waitCollecting(api, cycleId) {
  for (let i = 0; i < 600; i++) {
    if ((await api.call('GET', `/cycles/${cycleId}`)).body.status === 'collecting') return;
    await sleep(200);
  }
  throw new Error(`cycle ${cycleId} did not start collecting within 120 s`);
}

/** Registry, accounts, the office and its people, and the cycle opened on every unit. */
async function prepare({ stack, admin, template, rss }, n, index, r) {
  rss.phase('import');
  const { root, unitIds, csv, rows } = hierarchyCsv(index, n);
  r.registryRows = rows;
  r.importSeconds = await upload(stack, admin, '/org-units/import', csv);
  r.accountsImported = n;
  r.accountImportSeconds = await upload(
    stack,
    admin,
    '/users/import',
    [
      'username,displayName,roles,unitIds,password',
      ...unitIds.map((id, i) => `cb.${id},Cán bộ tổ chức ${index}-${i + 1},reporter,${id},${opt.IMPORTED_PASSWORD}`),
    ].join('\n'),
  );
  const office = `bench-office-${index}`;
  await admin.ok('POST', '/org-units', {
    id: office,
    parentId: root,
    level: 'trung-uong',
    kind: 'BAN_DAN_VAN',
    canonicalName: `Ban Dân vận thử nghiệm ${index}`,
    activeFrom: '2020-01-01',
  });
  for (const [username, displayName, role] of [
    [`bench.cv${index}`, 'Chuyên viên', 'coordinator'],
    [`bench.ld${index}`, 'Lãnh đạo', 'reviewer'],
  ])
    await admin.ok('POST', '/users', { username, displayName, password: opt.PASSWORD, roles: [role], officeUnitId: office });
  // The load's reporters: each reports for 500 units (and receives their reminders by e-mail).
  const perReporter = 500;
  const reporters = [];
  for (let k = 0; k * perReporter < n; k++) {
    const username = `bench.cb${index}.${k}`;
    await admin.ok('POST', '/users', {
      username,
      displayName: `Cán bộ ${k}`,
      email: `${username}@bench.example`,
      password: opt.PASSWORD,
      roles: ['reporter'],
      unitIds: unitIds.slice(k * perReporter, (k + 1) * perReporter),
    });
    reporters.push(await Api.login(stack.url, username, opt.PASSWORD));
  }
  const coordinator = await Api.login(stack.url, `bench.cv${index}`, opt.PASSWORD);
  const reviewer = await Api.login(stack.url, `bench.ld${index}`, opt.PASSWORD);

  // The office guard reads the registry's read model without waiting for it (apps/api/src/auth/office-scope.ts):
  // opening right after registering the office can answer 403 "not by your office" until it has caught up.
  await settle(stack, { names: ['org-units'] });
  rss.phase('open');
  const t = now();
  const opened = await coordinator.call('POST', '/cycles', openBody(template, root, index, unitIds, 2026));
  if (opened.status !== 201)
    throw new Error(`POST /cycles (${n} units in one call): ${opened.status} ${JSON.stringify(opened.body).slice(0, 300)}`);
  r.openSeconds = ms(t) / 1000;
  const cycleId = opened.body.id;
  await waitCollecting(coordinator, cycleId);
  return { root, office, unitIds, cycleId, coordinator, reviewer, reporterOf: (i) => reporters[Math.floor(i / perReporter)] };
}

const COUNT_BY_STATUS = `SELECT status, count(*) FROM cycle_units WHERE cycle_id = $1 GROUP BY status`;
/** The board's first page as the coordinator reads it (with its own token; --board-waits-for-all: waiting for every write). */
const readBoard = (api, cycleId) =>
  api.call(
    'GET',
    `/cycles/${cycleId}/board?limit=${opt.BOARD_PAGE}`,
    undefined,
    opt.BOARD_WAITS_FOR_ALL ? { 'x-written-position': '9223372036854775807' } : {},
  );

/**
 * Samples the board (first page) and the plain SQL count by status and the board read model's lag until `stop()`; and
 * in the same turns each of `queues` ({ key, api, path }: the work queues other users read meanwhile, with their own
 * clients' tokens).
 */
function sampleBoard(stack, api, cycleId, queues = []) {
  const board = [];
  const sql = [];
  const lag = [];
  const queued = Object.fromEntries(queues.map((q) => [q.key, []]));
  let running = true;
  const done = (async () => {
    const c = await pgConnect(stack.pg.url);
    // Warm-up, untimed, for both (the connection's first statements, the API's first request of the kind).
    for (let i = 0; i < 3; i++) await Promise.all([readBoard(api, cycleId), c.query(COUNT_BY_STATUS, [cycleId])]);
    try {
      while (running) {
        let t = now();
        const res = await readBoard(api, cycleId);
        board.push({ ms: ms(t), status: res.status });
        for (const q of queues) {
          t = now();
          const answer = await q.api.call('GET', q.path);
          queued[q.key].push({ ms: ms(t), status: answer.status });
        }
        t = now();
        await c.query(COUNT_BY_STATUS, [cycleId]);
        sql.push(ms(t));
        const [{ behind }] = (
          await c.query(
            `SELECT coalesce((SELECT max(global_position) FROM events), 0) - coalesce((SELECT global_position FROM projection_checkpoints WHERE projection = 'cycle-board'), 0) AS behind`,
          )
        ).rows;
        lag.push(Number(behind));
        await sleep(opt.BOARD_SAMPLE_PAUSE_MS);
      }
    } finally {
      await c.end();
    }
  })();
  return {
    /** Board reads taken so far (timed). */
    samples: () => board.length,
    async stop() {
      running = false;
      await done;
      const ok = board.filter((b) => b.status === 200).map((b) => b.ms);
      return {
        p50: pct(ok, 50),
        p95: pct(ok, 95),
        sqlP95: pct(sql, 95),
        refused: board.length - ok.length,
        samples: board.length,
        lagMaxEvents: Math.max(0, ...lag),
        queues: Object.fromEntries(
          Object.entries(queued).map(([key, reads]) => {
            const answered = reads.filter((b) => b.status === 200).map((b) => b.ms);
            return [
              key,
              { p50: pct(answered, 50), p95: pct(answered, 95), refused: reads.length - answered.length, samples: reads.length },
            ];
          }),
        ),
      };
    },
  };
}

async function benchCycle(ctx, n, index) {
  const { stack, template, rss } = ctx;
  const r = { n };
  const { root, office, unitIds, cycleId, coordinator, reviewer, reporterOf } = await prepare(ctx, n, index, r);
  const base = `/cycles/${cycleId}/units`;
  const submit = (i) => reporterOf(i).ok('POST', `${base}/${unitIds[i]}/submission/submit`, { content: fullContent(template, i) });
  const approve = (i) => reviewer.ok('POST', `${base}/${unitIds[i]}/submission/approve`, {});

  // Measure on a quiet stack: the read models and the notifier have applied the imports and the opening, and the
  // worker has e-mailed what was due (quiet.js; each such wait before a timed phase is added up in r.quiet).
  r.settleSeconds = await settle(stack);
  r.quiet = { seconds: 0, unsentMax: 0 };
  const quiet = async () => {
    const d = await drained(stack);
    r.quiet.seconds += d.seconds;
    r.quiet.unsentMax = Math.max(r.quiet.unsentMax, d.unsentAtStart ?? 0);
  };
  await quiet();
  rss.phase('submit');
  const n1 = opt.SAMPLE_1(n);
  r.draftSave1 = summary(
    await load(n1, 1, (i) => reporterOf(i).ok('PUT', `${base}/${unitIds[i]}/submission/draft`, fullContent(template, i))),
  );
  r.submit1 = summary(await load(n1, 1, (i) => submit(i)));
  const n8 = Math.max(0, Math.min(opt.SAMPLE_8(n), n - n1));
  // The board and the read models' lag are sampled while eight clients submit: the timed sample, then every other
  // unit (untimed, as fast as eight clients go), which gives the board under ingest more than a few samples.
  // Meanwhile the reviewer's queue (the same reviewer returns units below) and a submitting reporter's assignments.
  const sampler = sampleBoard(stack, coordinator, cycleId, [
    { key: 'reviews', api: reviewer, path: '/reviews?limit=20' },
    { key: 'assignments', api: reporterOf(0), path: '/me/assignments?limit=20' },
  ]);
  const cpu0 = cpuOf(stack.api.pid);
  r.submit8 = summary(await load(n8, opt.CLIENTS, (i) => submit(n1 + i)));
  // The API's CPU per timed submission (all its processes; the board sampled meanwhile included).
  r.submit8.apiCpuMs = (cpuOf(stack.api.pid) - cpu0) / n8;
  rss.phase('fill');
  const submitted = n1 + n8;
  const fill = await load(n - submitted, opt.CLIENTS, (i) => submit(submitted + i));
  r.fill = { submissions: n - submitted, seconds: fill.wallMs / 1000 };
  // At small N the submissions are over in a second or two (4 board samples at 200 units): the ingest goes on, eight
  // clients returning and resubmitting units already submitted (the same writes), until the board has its minimum of
  // samples under load; every unit is still submitted or resubmitted afterwards.
  let more = 0;
  const batch = Math.min(8 * opt.CLIENTS, n - n1); // distinct units in flight at once
  while (sampler.samples() < opt.BOARD_MIN_SAMPLES && more < 10 * n) {
    const from = more;
    await load(batch, opt.CLIENTS, async (i) => {
      const u = n1 + ((from + i) % (n - n1));
      await reviewer.ok('POST', `${base}/${unitIds[u]}/submission/return`, { reasons: [{ reason: 'Đề nghị rà soát lại số liệu.' }] });
      await submit(u);
    });
    more += batch;
  }
  r.boardUnderLoad = await sampler.stop();
  r.boardUnderLoad.resubmissions = more;
  r.lagMaxEvents = r.boardUnderLoad.lagMaxEvents;

  // Idle board (first page, every total) against the plain SQL aggregate over the same rows, once the read models
  // have applied the ingest (the wait for them is the lag figure, not the board's cost).
  rss.phase('board');
  const settled = await settleEach(stack);
  r.settleAfterIngestSeconds = settled.seconds;
  r.settleAfterIngestByName = settled.byName;
  await quiet();
  // The board and the SQL reference measured alike: the same warm-up (untimed) and number of samples, taken in turn so
  // that the machine's noise falls on both (a reference on a cold connection, its 15 samples after the board's, made
  // its p95 the connection's first statement: 2 ms against a 0.2 ms p50).
  // The floor beside them: GET /auth/me, the cheapest logged-in request (the session lookup and a small answer), taken
  // in the same turns — no API request can be cheaper, whatever its SQL.
  const boardIdle = [];
  const sqlRef = [];
  const floor = [];
  const c = await pgConnect(stack.pg.url);
  for (let i = 0; i < 5; i++)
    await Promise.all([readBoard(coordinator, cycleId), c.query(COUNT_BY_STATUS, [cycleId]), coordinator.ok('GET', '/auth/me')]);
  for (let i = 0; i < opt.BOARD_IDLE_SAMPLES; i++) {
    let t = now();
    const res = await readBoard(coordinator, cycleId);
    if (res.status !== 200) throw new Error(`GET /cycles/${cycleId}/board: ${res.status}`);
    boardIdle.push(ms(t));
    r.boardBytes = res.bytes;
    r.boardRows = res.body.units.length;
    t = now();
    await c.query(COUNT_BY_STATUS, [cycleId]);
    sqlRef.push(ms(t));
    t = now();
    await coordinator.ok('GET', '/auth/me');
    floor.push(ms(t));
  }
  await c.end();
  r.boardIdle = {
    p50: pct(boardIdle, 50),
    p95: pct(boardIdle, 95),
    sqlP50: pct(sqlRef, 50),
    sqlP95: pct(sqlRef, 95),
    floorP50: pct(floor, 50),
    floorP95: pct(floor, 95),
  };
  // 5 warm-up reads, then 50 timed: a p50 of 10 samples on a shared 2-core machine moved by 1.3x from run to run.
  for (let i = 0; i < 5; i++) await coordinator.ok('GET', `/cycles/${cycleId}`);
  const cycleReads = [];
  for (let i = 0; i < 50; i++) {
    const t = now();
    r.getCycle = { bytes: (await coordinator.ok('GET', `/cycles/${cycleId}`)).bytes };
    cycleReads.push(ms(t));
  }
  r.getCycle.ms = pct(cycleReads, 50);
  let t;

  // Returns at one client (a sample of the submitted units), then those units submit again (untimed).
  rss.phase('return');
  const nr = opt.SAMPLE_RETURN(n);
  r.return1 = summary(
    await load(nr, 1, (i) =>
      reviewer.ok('POST', `${base}/${unitIds[i]}/submission/return`, {
        reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.' }],
      }),
    ),
  );
  await load(nr, opt.CLIENTS, (i) => submit(i));

  await settle(stack);
  await quiet();

  // Approvals timed at eight clients; the rest are the worker's burst.
  rss.phase('approve');
  const na = opt.SAMPLE_APPROVE(n);
  r.approve8 = summary(await load(na, opt.CLIENTS, (i) => approve(i)));
  rss.phase('notifier');
  let burstSeconds = 0;
  r.notifier = await measureNotifierBurst(stack, async () => {
    const burst = await load(n - na, opt.CLIENTS, (i) => approve(na + i));
    burstSeconds = burst.wallMs / 1000;
  });
  r.fill.approvals = n - na;
  r.fill.approvalSeconds = burstSeconds;
  await settle(stack, { names: ['cycle-board'] });
  r.approvedUnits = (await coordinator.ok('GET', `/cycles/${cycleId}/board?limit=1`)).body.filterCounts?.statuses?.approved ?? NaN;
  await quiet();

  rss.phase('close');
  t = now();
  await coordinator.ok('POST', `/cycles/${cycleId}/close-submissions`, undefined);
  r.closeSeconds = ms(t) / 1000;
  rss.phase('draft');
  t = now();
  // A failed or timed-out draft (undici gives up after 300 s without headers) is a figure, not the end of the run.
  const draft = await coordinator
    .call('POST', `/cycles/${cycleId}/report/draft`, {})
    .catch((err) => ({ status: String(err?.cause?.code ?? err?.message ?? err), bytes: NaN, body: String(err?.cause ?? err) }));
  r.draft = { seconds: ms(t) / 1000, status: draft.status, approvedUnits: r.approvedUnits, indicators: filledFigures(template) };
  if (draft.status !== 200 && draft.status !== 201) r.draft.error = JSON.stringify(draft.body).slice(0, 200);
  // What a draft costs besides time: the answer's size and the size of the event it stored.
  r.draft.bytes = draft.bytes;
  const c2 = await pgConnect(stack.pg.url);
  const [stored] = (
    await c2.query(
      `SELECT octet_length(data::text)::int AS bytes, pg_column_size(data)::int AS stored FROM events
        WHERE stream_id = $1 AND event_type = 'ReportDrafted' ORDER BY version DESC LIMIT 1`,
      [`report-${cycleId}`],
    )
  ).rows;
  await c2.end();
  r.draft.eventBytes = stored?.bytes ?? NaN;
  r.draft.eventStoredBytes = stored?.stored ?? NaN;

  // GET /cycles/{id} again once the report exists (on a quiet stack, as the read before): its phase guards read the
  // report's head, not its documents.
  await quiet();
  r.getCycleAfterDraft = await timedCycleReads(coordinator, cycleId);

  // The report's life after the draft (report-phase.js): reads, revision, comment, sign-off, number, distribution, receipts.
  rss.phase('report');
  const cycle = { cycleId, office, index, unitIds, coordinator, reviewer, draft: draft.body?.document ? draft.body : undefined };
  r.report = await benchReportPhase(ctx, cycle).catch((err) => ({ error: String(err?.message ?? err).slice(0, 300) }));

  // The peaks close here: the full GC asked for next may itself touch pages (compaction) and is not a phase.
  r.rss = rss.take();
  r.memory = await idleMemory({ api: stack.api.pid, worker: stack.worker.pid }, stack.diagDir, opt.IDLE_MS);
  return { r, last: { unitIds, coordinator, root, index } };
}

/** GET /cycles/{id}: 5 warm-up reads, then the p50 of 50 and the answer's bytes. */
async function timedCycleReads(coordinator, cycleId) {
  for (let i = 0; i < 5; i++) await coordinator.ok('GET', `/cycles/${cycleId}`);
  const reads = [];
  let bytes = NaN;
  for (let i = 0; i < 50; i++) {
    const t = now();
    bytes = (await coordinator.ok('GET', `/cycles/${cycleId}`)).bytes;
    reads.push(ms(t));
  }
  return { ms: pct(reads, 50), bytes };
}

module.exports = { benchCycle, prepare, openBody, waitCollecting };
