'use strict';
// BENCHMARKS.md's "Report after the draft" (report-phase.js's figures): the table of steps by size, and the goal
// rows. The steps that need no document are judged O(1) in N (time and answer bytes within 1.3× of the smallest
// size); the ones that show or check the whole document are not judged: their growth per 1,000 units is stated, and
// whether their answer grows with them (the document itself) or only their time (reading more than they answer).
// Pure, unit-tested (test/scripts/bench-report-phase.spec.ts).
const { fmt, int } = require('./stats');
const opt = require('./options');

/** The steps in the order the bench takes them: [key, label, judged O(1) in N]. */
const STEPS = [
  ['getReport', `GET …/report (reviewer): p50 of ${opt.REPORT_READS} after 2 warm-up`, false],
  ['checks', `GET …/report/checks: p50 of ${opt.CHECK_READS} after 1 warm-up`, false],
  ['findings', `GET …/report/checks/findings?page=1: p50 of ${opt.CHECK_READS}`, false],
  ['figureSources', `GET …/report/versions/{v}/figure-sources (a cited paragraph, page 1): p50 of ${opt.CHECK_READS}`, true],
  ['revise', 'POST …/report/revisions (a new title): once', false],
  ['comment', 'POST …/report/comments (Thường trực, on the latest version): once', true],
  ['resolve', 'POST …/report/comments/{id}/resolve: once', true],
  ['sign', 'POST …/report/sign (BTV): once', false],
  ['number', 'POST …/report/number (văn thư): once', true],
  ['distribute', 'POST …/report/distribute: once', true],
  [
    'acknowledge',
    `POST …/report/receipts (a receiving unit's own account, as the web app sends it, with Prefer return=minimal, 204): p50 of ${opt.RECEIPTS}`,
    true,
  ],
  ['acknowledgeFull', 'POST …/report/receipts answered the whole issued report (another unit, no Prefer header): once', false],
  ['receivedReports', `GET /me/reports (that unit's received reports, first page): p50 of ${opt.REPORT_READS}`, true],
  ['getReportReceived', `GET …/report by that unit, with its own account (the issued version): p50 of ${opt.REPORT_READS}`, false],
  ['docxFirst', 'GET …/report/document.docx by that unit, the first download of the issued document (rendered): once', false],
  ['docxAgain', `GET …/report/document.docx by that unit again (the file kept): p50 of ${opt.CHECK_READS}`, false],
  ['getReportIssued', `GET …/report once distributed (clerk): p50 of ${opt.CHECK_READS}`, false],
];

/** Text safe inside a Markdown table cell. */
const cellText = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const ok = (s) => s && (s.status === 200 || s.status === 201 || s.status === 204) && Number.isFinite(s.ms);
const failed = (s) =>
  `failed: ${cellText(typeof s.status === 'number' ? `HTTP ${s.status}` : s.status)}${s.error ? ` ${cellText(s.error)}` : ''}`;

/** One step's cell: "12.3 ms (CPU 10), 4,567 B" (the API's CPU ms per request, when measured), or what made it fail. */
function stepCell(r, key) {
  if (!r.report) return '—';
  if (r.report.error) return `failed: ${cellText(r.report.error)}`;
  const s = r.report.steps?.[key];
  if (!s) return '—';
  const cpu = Number.isFinite(s.cpuMs) ? ` (CPU ${fmt(s.cpuMs, 0)})` : '';
  return ok(s) ? `${fmt(s.ms)} ms${cpu}, ${int(s.bytes)} B` : failed(s);
}

const growthOf = (S, L, key) => {
  const a = S.report?.steps?.[key];
  const b = L.report?.steps?.[key];
  if (!ok(a) || !ok(b)) return null;
  const perK = (L.n - S.n) / 1000;
  return {
    a,
    b,
    time: b.ms / a.ms,
    // An answer without a body (204) at both sizes did not grow.
    bytes: a.bytes === b.bytes ? 1 : b.bytes / a.bytes,
    msPerK: (b.ms - a.ms) / perK,
    bytesPerK: (b.bytes - a.bytes) / perK,
  };
};

/** The figures a goal row shows: time and bytes at each size, and the ratios of the largest to the smallest. */
const figures = (results, key, g) =>
  `${results.map((r) => stepCell(r, key)).join(' / ')}${g ? ` (time ${fmt(g.time, 2)}×, bytes ${fmt(g.bytes, 2)}×)` : ''}`;

/**
 * When a read whose answer did not grow kept the API's CPU per request flat (within 1.3×, give or take one 10 ms tick
 * spread over its samples) while its time grew: a note saying so, else ''. Not for a write timed once: one 10 ms tick
 * is as much as the whole request.
 */
function cpuFlat({ a, b, bytes }) {
  if (!Number.isFinite(a?.cpuMs) || !Number.isFinite(b?.cpuMs) || !(b.samples >= 5) || bytes > 1.3) return '';
  const tick = 10 / b.samples;
  return b.cpuMs <= 1.3 * a.cpuMs + tick
    ? `the API's CPU per request ${fmt(a.cpuMs, 0)} → ${fmt(b.cpuMs, 0)} ms is flat: the time's growth is likely the shared machine's load`
    : '';
}

/**
 * The verdict on a step that needs no document: met when both its time and its answer bytes at the largest size
 * are within 1.3× of the smallest. `report`: GET …/report's growth, beside an answer that grows (a write answers the
 * report, its document included).
 */
function flatVerdict(g, report) {
  if (!g) return 'not judged: a size failed';
  const over = [];
  if (g.time > 1.3) over.push(`time ${fmt(g.time, 2)}×${cpuFlat(g) ? ` (${cpuFlat(g)})` : ''}`);
  const beside = report ? `; GET …/report's answer +${int(report.bytesPerK)} B` : '';
  if (g.bytes > 1.3) over.push(`answer ${fmt(g.bytes, 2)}× (+${int(g.bytesPerK)} B per 1,000 units${beside})`);
  return over.length ? `missed: ${over.join(', ')}` : 'met';
}

/** How a step that shows or checks the document grows: not met/missed, but whether its answer grows with it. */
function growthVerdict(g) {
  if (!g) return 'not judged: a size failed';
  const per = `+${fmt(g.msPerK, 1)} ms and +${int(g.bytesPerK)} B of answer per 1,000 units`;
  if (g.time <= 1.3 && g.bytes <= 1.3) return `flat (time ${fmt(g.time, 2)}×, bytes ${fmt(g.bytes, 2)}×)`;
  if (g.bytes > 1.3) return `grows with the document: ${per}`;
  return `grows, its answer does not (time ${fmt(g.time, 2)}×, answer ${fmt(g.bytes, 2)}×): it reads or computes more than it answers; ${per}`;
}

/** The "Report after the draft" section: the table and the steps the bench needed that failed. */
function reportPhaseTable(results) {
  const lines = [
    '',
    '## Report after the draft',
    '',
    "The drafted report's life at each size, through the public API with the office's reviewer, Thường trực, BTV signer and clerk, and the receiving units' own accounts (scripts/bench/report-phase.js): each step's time (the p50 of its samples), the API's CPU per request in ms (user + system of its processes from /proc, counted in 10 ms ticks: a single fast write reads 0 or 10), and its answer's bytes.",
    '',
    `| step | ${results.map((r) => `${r.n.toLocaleString('en')} units`).join(' | ')} |`,
    `| --- | ${results.map(() => '---').join(' | ')} |`,
  ];
  for (const [key, label] of STEPS) lines.push(`| ${label} | ${results.map((r) => stepCell(r, key)).join(' | ')} |`);
  lines.push(
    `| deliveries made by the distribution (units of Nơi nhận) | ${results.map((r) => (r.report && !r.report.error ? int(r.report.deliveries) : '—')).join(' | ')} |`,
    `| the whole phase above (the accounts' logins and the phase changes included): s | ${results.map((r) => fmt(r.report?.seconds, 1)).join(' | ')} |`,
    `| the report stream by then: events; JSON bytes (stored, compressed) | ${results
      .map((r) =>
        r.report?.stream ? `${int(r.report.stream.events)}; ${int(r.report.stream.bytes)} B (${int(r.report.stream.stored)} B)` : '—',
      )
      .join(' | ')} |`,
  );
  const needed = results.flatMap((r) =>
    Object.entries(r.report?.prerequisites ?? {}).map(([name, s]) => `at ${r.n.toLocaleString('en')} units, ${name}: ${failed(s)}`),
  );
  if (needed.length) lines.push('', `**Steps the bench needed between them that failed: ${needed.join('; ')}.**`);
  return lines;
}

/** Goal rows ([goal, figure, verdict]) of the report after the draft, from the smallest to the largest size. */
function reportPhaseGoals(results) {
  const S = results[0];
  const L = results[results.length - 1];
  if (!S.report && !L.report) return [];
  const one = S === L;
  const rows = [];
  const report = one ? null : growthOf(S, L, 'getReport');
  for (const [key, label, judged] of STEPS) {
    const g = one ? null : growthOf(S, L, key);
    const name = label.replace(/:.*$/, '');
    rows.push(
      judged
        ? [
            `${name} O(1) in N (time and answer within 1.3× of ${S.n.toLocaleString('en')})`,
            figures(results, key, g),
            one ? 'not judged: one size' : flatVerdict(g, report),
          ]
        : [`${name}: shows or checks the whole document`, figures(results, key, g), one ? 'not judged: one size' : growthVerdict(g)],
    );
  }
  const stream = results.map((r) => r.report?.stream);
  if (stream.every(Boolean))
    rows.push([
      'The report stream after the draft, a revision, a comment, sign-off and distribution (every version stores its whole document)',
      results.map((r, i) => `${int(stream[i].bytes)} B (${int(stream[i].bytes / r.n)} B per unit)`).join(' / '),
      'grows with the document (stated, not judged)',
    ]);
  return rows;
}

module.exports = { STEPS, stepCell, flatVerdict, growthVerdict, reportPhaseTable, reportPhaseGoals, growthOf };
