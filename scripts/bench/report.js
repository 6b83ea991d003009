'use strict';
// BENCHMARKS.md: every figure of issue #16's "Must show" side by side per size, the resident memory per phase,
// and each goal met or missed by how much.
const { fmt, int } = require('./stats');
const opt = require('./options');
const { ceiling } = require('./ceiling');
const { reportPhaseTable, reportPhaseGoals } = require('./report-phase-table');

const u = (n) => `${n.toLocaleString('en')} units`;
const ratio = (a, b) => a / b;
const worst = (xs) => Math.max(...xs.filter(Number.isFinite));
const maxPeak = (r, proc) => worst(Object.values(r.rss).map((p) => p[proc]));

function measures(results, reference) {
  const base = results[0];
  const vs = (x, b) => (Number.isFinite(x / b) ? ` (${fmt(x / b, 2)}× of ${base.n.toLocaleString('en')})` : '');
  const lat = (pick) => (r) => `${fmt(pick(r).p50)} / ${fmt(pick(r).p99)}${r === base ? '' : vs(pick(r).p50, pick(base).p50)}`;
  const rows = [
    ['import the registry (CSV, one call): s (rows)', (r) => `${fmt(r.importSeconds, 2)} (${int(r.registryRows)})`],
    ['import the accounts (CSV, one call): s (accounts)', (r) => `${fmt(r.accountImportSeconds, 2)} (${int(r.accountsImported)})`],
    ['open and assign every unit (one call): s', (r) => fmt(r.openSeconds, 2)],
    ['draft save, 1 client: p50 / p99 ms', lat((r) => r.draftSave1)],
    ['submission, 1 client: p50 / p99 ms', lat((r) => r.submit1)],
    [
      'submissions/s, 1 client (÷ raw inserts/s, 1 client)',
      (r) => `${fmt(r.submit1.perSecond, 0)} (${fmt((100 * r.submit1.perSecond) / reference.c1)} %)`,
    ],
    [
      `submissions/s, ${opt.CLIENTS} clients (÷ raw inserts/s, ${opt.CLIENTS} clients)`,
      (r) => `${fmt(r.submit8.perSecond, 0)} (${fmt((100 * r.submit8.perSecond) / reference.c8)} %)`,
    ],
    [
      `submissions/s, ${opt.CLIENTS} clients ÷ bare Node HTTP + one INSERT; API CPU per timed submission (bare: per request)`,
      (r) =>
        `${fmt((100 * r.submit8.perSecond) / reference.bare.perSecond)} %; ${fmt(r.submit8.apiCpuMs, 2)} ms (${fmt(reference.bare.cpuMsPerRequest, 2)} ms)`,
    ],
    [`submission, ${opt.CLIENTS} clients: p50 / p99 ms`, lat((r) => r.submit8)],
    ['return, 1 client: p50 / p99 ms', lat((r) => r.return1)],
    [`approval, ${opt.CLIENTS} clients: p50 / p99 ms`, lat((r) => r.approve8)],
    [`approvals/s, ${opt.CLIENTS} clients`, (r) => fmt(r.approve8.perSecond, 0)],
    [
      `board first page as the web app asks for it (${opt.BOARD_PAGE} rows), idle, ${opt.BOARD_IDLE_SAMPLES} reads: p50 / p95 ms (p95 ÷ SQL p95), rows, bytes`,
      (r) =>
        `${fmt(r.boardIdle.p50)} / ${fmt(r.boardIdle.p95)} (${fmt(r.boardIdle.p95 / r.boardIdle.sqlP95, 1)}×), ${r.boardRows} rows, ${int(r.boardBytes)} B`,
    ],
    ['SQL count by status over the same rows, idle: p50 / p95 ms', (r) => `${fmt(r.boardIdle.sqlP50, 2)} / ${fmt(r.boardIdle.sqlP95, 2)}`],
    [
      'the floor of any logged-in request (GET /auth/me, same turns), idle: p50 / p95 ms (p95 ÷ SQL p95)',
      (r) => `${fmt(r.boardIdle.floorP50)} / ${fmt(r.boardIdle.floorP95)} (${fmt(r.boardIdle.floorP95 / r.boardIdle.sqlP95, 1)}×)`,
    ],
    [
      `board under ingest (${opt.CLIENTS} clients submitting, timed and untimed, then returning and resubmitting until ${opt.BOARD_MIN_SAMPLES} samples): p50 / p95 ms (p95 ÷ SQL p95 meanwhile; 503s / samples; resubmissions)`,
      (r) => {
        const b = r.boardUnderLoad;
        return `${fmt(b.p50)} / ${fmt(b.p95)} (${fmt(b.p95 / b.sqlP95, 1)}× of ${fmt(b.sqlP95, 2)}; ${b.refused} / ${b.samples}; ${int(b.resubmissions ?? 0)})`;
      },
    ],
    [
      "the work queues under ingest, in the same turns (the reviewer's GET /reviews, a submitting reporter's GET /me/assignments; 20 rows): p50 / p95 ms (503s / samples)",
      (r) => {
        const q = r.boardUnderLoad.queues ?? {};
        const cell = (x) => (x ? `${fmt(x.p50)} / ${fmt(x.p95)} (${x.refused} / ${x.samples})` : '—');
        return `reviews ${cell(q.reviews)}; assignments ${cell(q.assignments)}`;
      },
    ],
    [
      'board read model behind under ingest: max events; every read model caught up after: s',
      (r) => `${int(r.lagMaxEvents)}; ${fmt(r.settleAfterIngestSeconds, 1)}`,
    ],
    [
      'each read model caught up after the ingest: s',
      (r) =>
        Object.entries(r.settleAfterIngestByName ?? {})
          .map(([name, s]) => `${name} ${fmt(s, 1)}`)
          .join(', ') || '—',
    ],
    ['GET /cycles/{id}: p50 of 50 ms (after 5 warm-up), bytes', (r) => `${fmt(r.getCycle.ms)}, ${int(r.getCycle.bytes)} B`],
    [
      'GET /cycles/{id} after the draft: p50 of 50 ms, bytes',
      (r) => (r.getCycleAfterDraft ? `${fmt(r.getCycleAfterDraft.ms)}, ${int(r.getCycleAfterDraft.bytes)} B` : '—'),
    ],
    ['close-submissions (every unit approved): s', (r) => fmt(r.closeSeconds, 2)],
    [
      'POST …/report/draft: s (approved units × indicators)',
      (r) =>
        `${fmt(r.draft.seconds, 2)} (${int(r.draft.approvedUnits)} × ${r.draft.indicators}${r.draft.status === 200 || r.draft.status === 201 ? '' : `, HTTP ${r.draft.status}`})`,
    ],
    [
      'draft: answer bytes; its ReportDrafted event: JSON bytes (stored, compressed)',
      (r) => `${int(r.draft.bytes)} B; ${int(r.draft.eventBytes)} B (${int(r.draft.eventStoredBytes)} B)`,
    ],
    [
      'worker, event → notification: ms per event (events of a burst; s to catch up)',
      (r) =>
        `${fmt(r.notifier.perEventMs, 2)} (${int(r.notifier.handled)}; ${fmt(r.notifier.seconds, 1)}${r.notifier.caughtUp ? '' : ', not caught up'})${r === base ? '' : vs(r.notifier.perEventMs, base.notifier.perEventMs)}`,
    ],
    [
      `untimed fill, ${opt.CLIENTS} clients: submissions in s; approvals in s`,
      (r) => `${int(r.fill.submissions)} in ${fmt(r.fill.seconds, 1)}; ${int(r.fill.approvals)} in ${fmt(r.fill.approvalSeconds, 1)}`,
    ],
    [
      'waits for a quiet stack before the timed phases (the worker has e-mailed what was due): s in all (e-mails waiting at most)',
      (r) => (r.quiet ? `${fmt(r.quiet.seconds, 1)} (${int(r.quiet.unsentMax)})` : 'n/a'),
    ],
    ['peak RSS over this size: API / worker MiB', (r) => `${fmt(maxPeak(r, 'api'), 0)} / ${fmt(maxPeak(r, 'worker'), 0)}`],
    [
      'after idle: RSS; RSS after a full GC; heap used after it; external (Buffers …) after it: API / worker MiB',
      (r) => {
        const m = r.memory;
        const pair = (k) => `${fmt(m.api[k], 0)} / ${fmt(m.worker[k], 0)}`;
        return `${pair('rssIdle')}; ${pair('rssAfterGc')}; ${pair('heapUsed')}; ${pair('external')}`;
      },
    ],
    ['load average (1 min) at the start of this size; the size took: s', (r) => `${fmt(r.load1, 2)}; ${fmt(r.seconds, 0)}`],
  ];
  const lines = [`| measure | ${results.map((r) => u(r.n)).join(' | ')} |`, `| --- | ${results.map(() => '---').join(' | ')} |`];
  for (const [label, cell] of rows) lines.push(`| ${label} | ${results.map(cell).join(' | ')} |`);
  return lines;
}

function memoryByPhase(results) {
  const phases = [...new Set(results.flatMap((r) => Object.keys(r.rss)))];
  const lines = [
    '',
    'Peak resident memory per phase (VmHWM of the phase, from /proc/<pid>/status): API / worker MiB.',
    '',
    `| phase | ${results.map((r) => u(r.n)).join(' | ')} |`,
    `| --- | ${results.map(() => '---').join(' | ')} |`,
  ];
  for (const p of phases)
    lines.push(`| ${p} | ${results.map((r) => (r.rss[p] ? `${fmt(r.rss[p].api, 0)} / ${fmt(r.rss[p].worker, 0)}` : '—')).join(' | ')} |`);
  return lines;
}

/** Each goal of the issue: the figure it is judged on and whether it is met, or missed by how much. */
function goals(results, reference, reminders) {
  const S = results[0];
  const L = results[results.length - 1];
  const at = L.n.toLocaleString('en');
  const judge = (ok, miss) => (ok ? 'met' : `missed: ${miss}`);
  const flat = (label, pick) => {
    const k = pick(L) / pick(S);
    return [
      `${label} at ${at} within 1.3× of ${S.n.toLocaleString('en')}`,
      results.map((r) => fmt(pick(r))).join(' / ') + ` ms (${fmt(k, 2)}×)`,
      judge(k <= 1.3, `${fmt(k, 2)}× (${fmt((k / 1.3 - 1) * 100, 0)} % over 1.3×)`),
    ];
  };
  const rows = [
    flat('Submission p50, 1 client,', (r) => r.submit1.p50),
    flat('Approval p50, 8 clients,', (r) => r.approve8.p50),
    flat('Return p50, 1 client,', (r) => r.return1.p50),
    flat('Draft save p50, 1 client,', (r) => r.draftSave1.p50),
  ];
  const share = (100 * L.submit8.perSecond) / reference.c8;
  // The measured ceiling: the bare Node HTTP ingest on this machine (bare-ingest.js), at the same 8 clients.
  const cap = ceiling({ api: L.submit8.perSecond, bare: reference.bare.perSecond, raw: reference.c8 });
  rows.push([
    `Ingest ≥ 30 % of raw insert TPS at ${opt.CLIENTS} clients, at ${at}`,
    `${fmt(L.submit8.perSecond, 0)}/s of ${fmt(reference.c8, 0)}/s = ${fmt(share)} %; measured ceiling: ${cap.verdict}`,
    judge(share >= 30, `${fmt(30 / share, 1)}× short`),
  ]);
  const target = cap.target;
  rows.push([
    '≥ 1,000 submissions/s where the raw figure allows it (else 30 % of raw)',
    `${fmt(L.submit8.perSecond, 0)}/s against ${fmt(target, 0)}/s; measured ceiling: ${cap.targetVerdict}`,
    judge(L.submit8.perSecond >= target, `${fmt(target / L.submit8.perSecond, 1)}× short`),
  ]);
  const p99 = worst(results.map((r) => r.submit8.p99));
  rows.push([
    `Submission p99 ≤ 250 ms at ${opt.CLIENTS} clients, every size`,
    results.map((r) => fmt(r.submit8.p99)).join(' / ') + ' ms',
    judge(p99 <= 250, `worst ${fmt(p99)} ms, ${fmt(p99 - 250)} ms over`),
  ]);
  const idle = results.map((r) => r.boardIdle.p95 / r.boardIdle.sqlP95);
  rows.push([
    'Board first page p95 ≤ 3× the SQL aggregate, idle, every size',
    idle.map((x) => `${fmt(x, 1)}×`).join(' / '),
    judge(
      worst(idle) <= 3,
      `worst ${fmt(worst(idle), 1)}×; GET /auth/me alone is ${results.map((r) => `${fmt(r.boardIdle.floorP95 / r.boardIdle.sqlP95, 1)}×`).join(' / ')}`,
    ),
  ]);
  const busy = results.map((r) => r.boardUnderLoad.p95 / r.boardUnderLoad.sqlP95);
  const refused = results.reduce((s, r) => s + r.boardUnderLoad.refused, 0);
  rows.push([
    `Board first page p95 ≤ 3× the SQL aggregate while ${opt.CLIENTS} clients submit`,
    results.map((r, i) => `${fmt(r.boardUnderLoad.p95, 0)} ms (${fmt(busy[i], 1)}×)`).join(' / ') + `; ${refused} answered 503`,
    judge(worst(busy) <= 3, `worst ${fmt(worst(busy), 1)}×`),
  ]);
  const behind = worst(results.map((r) => r.settleAfterIngestSeconds));
  rows.push([
    'Read models at most a few seconds behind under ingest (taken as ≤ 5 s to catch up)',
    results.map((r) => `${int(r.lagMaxEvents)} events, ${fmt(r.settleAfterIngestSeconds, 1)} s`).join(' / '),
    judge(behind <= 5, `worst ${fmt(behind, 1)} s`),
  ]);
  const full = L.draft.approvedUnits >= 20000 && L.draft.indicators >= 40;
  const perUnit = (r) => r.draft.seconds / r.draft.approvedUnits;
  rows.push([
    'Draft of 20,000 approved units × 40 indicators ≤ 2 s',
    results.map((r) => `${fmt(r.draft.seconds, 2)} s (${int(r.draft.approvedUnits)} × ${r.draft.indicators})`).join(' / '),
    ![200, 201].includes(L.draft.status)
      ? `missed: the draft answered ${L.draft.status} after ${fmt(L.draft.seconds, 1)} s`
      : full
        ? judge(L.draft.seconds <= 2, `${fmt(L.draft.seconds, 2)} s, ${fmt(L.draft.seconds / 2, 1)}× over`)
        : `not judged: ${int(L.draft.approvedUnits)} × ${L.draft.indicators} is the largest draft of this run${L.draft.seconds > 2 ? ` (already ${fmt(L.draft.seconds, 2)} s)` : ''}`,
  ]);
  const growth = perUnit(L) / perUnit(S);
  rows.push([
    'Draft linear or better in N (time per approved unit at the largest size ÷ at the smallest)',
    `${fmt(perUnit(S) * 1000, 2)} → ${fmt(perUnit(L) * 1000, 2)} ms per unit (${fmt(growth, 2)}×)`,
    judge(growth <= 1.3, `${fmt(growth, 2)}× per unit`),
  ]);
  const cyc = L.getCycle.ms / S.getCycle.ms;
  rows.push([
    'GET /cycles/{id} O(1) in N (within 1.3×, same bytes)',
    results.map((r) => `${fmt(r.getCycle.ms)} ms, ${int(r.getCycle.bytes)} B`).join(' / '),
    judge(cyc <= 1.3 && L.getCycle.bytes <= S.getCycle.bytes * 1.05, `${fmt(cyc, 2)}×`),
  ]);
  if (L.getCycleAfterDraft && S.getCycleAfterDraft) {
    const after = L.getCycleAfterDraft.ms / S.getCycleAfterDraft.ms;
    rows.push([
      'GET /cycles/{id} after the draft O(1) in N (within 1.3×)',
      results.map((r) => `${fmt(r.getCycleAfterDraft.ms)} ms, ${int(r.getCycleAfterDraft.bytes)} B`).join(' / '),
      judge(after <= 1.3, `${fmt(after, 2)}×`),
    ]);
  }
  const close = L.closeSeconds / S.closeSeconds;
  rows.push([
    'close-submissions O(1) in N (within 1.3×)',
    results.map((r) => `${fmt(r.closeSeconds, 2)} s`).join(' / '),
    judge(close <= 1.3, `${fmt(close, 2)}×`),
  ]);
  for (const [label, pick] of [
    ['Open and assign every unit in one call ≤ 30 s', (r) => r.openSeconds],
    ['Registry import (CSV) ≤ 30 s', (r) => r.importSeconds],
    ['Account import (CSV) ≤ 30 s', (r) => r.accountImportSeconds],
  ])
    rows.push([
      `${label} at ${at}`,
      results.map((r) => `${fmt(pick(r), 2)} s`).join(' / '),
      judge(pick(L) <= 30, `${fmt(pick(L) - 30, 1)} s over`),
    ]);
  const notif = L.notifier.perEventMs / S.notifier.perEventMs;
  rows.push([
    'Worker event → notification cost per event flat (within 1.3×)',
    results.map((r) => `${fmt(r.notifier.perEventMs, 2)} ms`).join(' / ') + ` (${fmt(notif, 2)}×)`,
    judge(notif <= 1.3, `${fmt(notif, 2)}×`),
  ]);
  if (reminders)
    rows.push([
      `Reminder round to 5,000 pending units over SMTP ≤ 60 s, none twice${reminders.units < 5000 ? ` (this run: ${int(reminders.units)} units)` : ''}`,
      `${int(reminders.delivered)} of ${int(reminders.reminded)} in ${fmt(reminders.seconds, 1)} s, ${reminders.duplicates} twice`,
      judge(
        reminders.seconds <= 60 && reminders.duplicates === 0 && reminders.delivered === reminders.reminded,
        `${fmt(reminders.seconds, 1)} s, ${reminders.delivered} delivered, ${reminders.duplicates} twice`,
      ),
    ]);
  for (const proc of ['api', 'worker']) {
    const peak = maxPeak(L, proc) / maxPeak(S, proc);
    const heap = L.memory[proc].heapUsed / S.memory[proc].heapUsed;
    rows.push([
      `Peak RSS of the ${proc === 'api' ? 'API' : 'worker'} stated, not growing with N beyond one page`,
      `peak ${results.map((r) => fmt(maxPeak(r, proc), 0)).join(' / ')} MB (${fmt(peak, 2)}×); heap used after idle + GC ${results.map((r) => fmt(r.memory[proc].heapUsed, 0)).join(' / ')} MB (${fmt(heap, 2)}×)`,
      judge(peak <= 1.3, `peak ${fmt(peak, 2)}× of ${S.n.toLocaleString('en')}; retained heap ${fmt(heap, 2)}×`),
    ]);
  }
  rows.push(...reportPhaseGoals(results));
  const caveat =
    L.n < 20000
      ? [`The goals are stated at 20,000 units; this run's largest size is ${at}, so "met" here says nothing about 20,000.`, '']
      : [];
  return [
    '',
    '## Goals',
    '',
    ...caveat,
    `Figures by size (${results.map((r) => r.n.toLocaleString('en')).join(' / ')} units).`,
    '',
    '| goal | figure | met? |',
    '| --- | --- | --- |',
    ...rows.map((c) => `| ${c.join(' | ')} |`),
  ];
}

function report({ results, reference, reminders, failures = [], machine, started, elapsedSeconds }) {
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${opt.args.length ? ` -- ${opt.args.join(' ')}` : ''}\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `Machine: ${machine}.`,
    '',
    'Every figure comes from one run of the real stack (PostgreSQL, Temporal dev server, worker, API, a local SMTP server) through the public HTTP API.',
    `Template: \`${opt.TEMPLATE_ID}\`, published through \`POST /templates\` (dan-van-annual with 16 more indicators): every submission fills ${results[0].draft.indicators} figures.`,
    opt.sampled
      ? `${opt.quick ? 'Quick' : 'Sampled'} run: per cycle, ${opt.SAMPLE_1(1e9)} draft saves and submissions at 1 client, up to ${opt.SAMPLE_8(1e9)} submissions at ${opt.CLIENTS} clients, ${opt.SAMPLE_RETURN(1e9)} returns and up to ${opt.SAMPLE_APPROVE(1e9)} approvals are timed; every other unit still submits and is approved (untimed, ${opt.CLIENTS} clients), so close-submissions and the draft see every unit approved.`
      : 'Full run: every submission and approval is timed (the second half of the approvals is the worker burst).',
    `The worker's burst: the worker is paused (SIGSTOP) while the untimed approvals are made, then resumed; the time its event-notification projection takes to pass the last of them, ÷ the events it handles.`,
    `A quiet stack before each timed phase (the submissions, the idle board, the approvals, close and draft): the read models have applied the log and the worker has e-mailed what was due, so a 20,000-unit cycle's e-mail backlog (thousands of messages in the minutes after its submissions and approvals, sent by the worker on the same 2 cores) is not timed as the API's cost; the board under ingest is still sampled while the worker works.`,
    '',
    `Raw PostgreSQL reference (pgbench, one event-shaped row per transaction into a copy of \`events\`): ${fmt(reference.c1, 0)} inserts/s at 1 client, ${fmt(reference.c8, 0)}/s at ${opt.CLIENTS} clients.`,
    '',
    `Bare Node HTTP reference (scripts/bench/bare-ingest-server.js: one process, node:http without a framework, the JSON body of a ${results[0].draft.indicators}-figure submission parsed, one event-shaped row INSERTed into a copy of \`events\` through \`pg\` with the API's pool of ${reference.bare.pool}, a small JSON answer; no authentication, validation, stream or read model), driven by the bench's own ${opt.CLIENTS} HTTP clients: ` +
      `bare Node HTTP + one INSERT per request: ${fmt(reference.bare.perSecond, 0)}/s at ${opt.CLIENTS} clients (${fmt((100 * reference.bare.perSecond) / reference.c8)} % of raw), p50 / p99 ${fmt(reference.bare.p50)} / ${fmt(reference.bare.p99)} ms, ${fmt(reference.bare.cpuMsPerRequest, 2)} ms of its CPU per request (${int(reference.bare.count)} requests after a warm-up).`,
    '',
    ...measures(results, reference),
    ...memoryByPhase(results),
    ...reportPhaseTable(results),
    '',
  ];
  for (const f of failures) lines.push(`**${f}**`, '');
  if (reminders)
    lines.push(
      `Reminder round: a cycle of ${int(reminders.units)} pending units, "Nhắc ngay" → ${int(reminders.reminded)} reminders; ` +
        `${int(reminders.delivered)} e-mails received by the local SMTP server ${fmt(reminders.seconds, 1)} s after the request; ${reminders.duplicates} delivered twice.` +
        (reminders.drain
          ? ` Before the request the worker drained the earlier cycles' e-mail (${int(reminders.drain.unsentAtStart)} unsent) in ${fmt(reminders.drain.seconds, 1)} s.`
          : '') +
        (reminders.cpuMsPerEmail
          ? ` CPU per e-mail during the round: worker ${fmt(reminders.cpuMsPerEmail.worker, 2)} ms, PostgreSQL ${fmt(reminders.cpuMsPerEmail.postgres, 2)} ms.`
          : ''),
    );
  lines.push(
    ...goals(results, reference, reminders),
    '',
    `Total time of this run: ${fmt(elapsedSeconds / 60, 1)} min (${fmt(elapsedSeconds, 0)} s, build included).`,
  );
  return lines.join('\n') + '\n';
}

module.exports = { report };
