'use strict';
// The report's life after the draft, at one size, through the public API with the accounts each step needs
// (libs/domain/src/permissions: the office's reviewer, Thường trực, BTV signer and clerk; a receiving unit's
// reporter), as test/report-lifecycle.e2e-spec.ts walks it: the reviewer reads the report, its checks, a page of the
// findings and a page of a figure's sources; the report is revised (one small change), Thường trực comments on the
// latest version and the comment is resolved; BTV signs, the clerk numbers and distributes; receiving units
// acknowledge receipt and read their received reports; the office reads the issued report. Each step's time and answer bytes; a step that fails is recorded (status and message) and the
// run goes on. At the end, what the report stream holds. The table and verdicts are in report-phase-table.js.
const { Api } = require('./api-client');
const { pgConnect } = require('./stack');
const { cpuOf } = require('../lib/proc');
const { now, ms, pct, sleep } = require('./stats');
const opt = require('./options');

/** The first paragraph of `document` whose runs cite an indicator (its id as passagesOf numbers it), else null. */
function citedPassage(document) {
  let found = null;
  const visit = (sections, prefix) => {
    (sections ?? []).forEach((s, i) => {
      const path = prefix === '' ? `s${i + 1}` : `${prefix}.${i + 1}`;
      (s.paragraphs ?? []).forEach((p, j) => {
        if (!found && (p.runs ?? []).some((run) => run.provenance?.indicators?.length)) found = `${path}/p${j + 1}`;
      });
      if (!found) visit(s.sections, path);
    });
  };
  visit(document?.body, '');
  return found;
}

/** A refused or failed answer as a figure: the status and the error code and message the API gave. */
const failure = (res) => {
  const b = res.body;
  const text = typeof b === 'string' ? b : [b?.error, b?.message].filter(Boolean).join(': ') || JSON.stringify(b);
  return { status: res.status, error: String(text).slice(0, 200) };
};
/** A network failure (or a timeout) as an answer. */
const unanswered = (err) => ({ status: String(err?.cause?.code ?? err?.message ?? err), bytes: NaN, body: String(err?.cause ?? err) });
const good = (res) => res.status === 200 || res.status === 201 || res.status === 204;

/** One write, timed once, with the API's CPU meanwhile (`cpu`: its CPU ms so far): { ms, cpuMs, bytes, status } or { …, error }. */
async function once(cpu, api, method, path, body, headers) {
  const c = cpu();
  const t = now();
  const res = await api.call(method, path, body, headers).catch(unanswered);
  const step = { ms: ms(t), cpuMs: cpu() - c, bytes: res.bytes };
  return { step: { ...step, ...(good(res) ? { status: res.status } : failure(res)) }, res };
}

/**
 * A read: `warm` untimed, then the p50 of `samples`, the API's CPU per timed read and the answer's bytes; the first
 * failure ends it (recorded).
 */
async function reads(cpu, api, path, warm, samples) {
  const times = [];
  let bytes = NaN;
  let c = NaN;
  for (let i = 0; i < warm + samples; i++) {
    if (i === warm) c = cpu();
    const t = now();
    const res = await api.call('GET', path).catch(unanswered);
    if (!good(res)) return { ms: pct(times, 50), bytes: res.bytes, samples: times.length, ...failure(res) };
    if (i >= warm) times.push(ms(t));
    bytes = res.bytes;
  }
  return { ms: pct(times, 50), cpuMs: (cpu() - c) / samples, bytes, samples: times.length, status: 200 };
}

/** Waits until GET /cycles/{id} says `status` (a phase moved by the workflow after a write); false after 60 s. */
async function phaseReached(api, cycleId, status) {
  for (let i = 0; i < 300; i++) {
    const res = await api.call('GET', `/cycles/${cycleId}`).catch(unanswered);
    if (res.body?.status === status) return true;
    await sleep(200);
  }
  return false;
}

/** A unit's own imported account (cycle.js's /users/import), logged in after choosing a password as its first login asks. */
async function unitAccount(stack, unitId) {
  const username = `cb.${unitId}`;
  const first = await Api.login(stack.url, username, opt.IMPORTED_PASSWORD);
  const changed = await first.call('POST', '/auth/password', { currentPassword: opt.IMPORTED_PASSWORD, newPassword: opt.PASSWORD });
  if (changed.status !== 204)
    throw new Error(`POST /auth/password as ${username}: ${changed.status} ${JSON.stringify(changed.body).slice(0, 200)}`);
  return Api.login(stack.url, username, opt.PASSWORD);
}

/** The office's Thường trực, BTV signer and clerk (created once per size, in the office of its coordinator). */
async function officeAccounts(stack, admin, office, index) {
  const out = {};
  for (const [key, role, displayName] of [
    ['standing', 'standing', 'Thường trực thử nghiệm'],
    ['signer', 'signer', 'Lãnh đạo ký thử nghiệm'],
    ['clerk', 'clerk', 'Văn thư thử nghiệm'],
  ]) {
    const username = `bench.${key}${index}`;
    await admin.ok('POST', '/users', { username, displayName, password: opt.PASSWORD, roles: [role], officeUnitId: office });
    out[key] = await Api.login(stack.url, username, opt.PASSWORD);
  }
  return out;
}

/**
 * The report after its draft. `cycle`: { cycleId, office, index, unitIds, coordinator, reviewer, draft }
 * (draft: POST …/report/draft's answer). Returns the steps by name, and the report stream's events and bytes.
 */
async function benchReportPhase({ stack, admin }, cycle) {
  const { cycleId, coordinator, reviewer, unitIds, draft } = cycle;
  const t0 = now();
  const out = { steps: {}, prerequisites: {} };
  const report = (p = '') => `/cycles/${cycleId}/report${p}`;
  const { standing, signer, clerk } = await officeAccounts(stack, admin, cycle.office, cycle.index);
  const cpu = () => cpuOf(stack.api.pid);
  let latest = draft?.latestVersion ?? 1;
  const step = (name, s) => (out.steps[name] = s);
  const prerequisite = async (name, api, to) => {
    const res = await api.call('POST', `/cycles/${cycleId}/advance`, { to }).catch(unanswered);
    if (!good(res)) out.prerequisites[name] = failure(res);
    else if (!(await phaseReached(api, cycleId, to)))
      out.prerequisites[name] = { status: 'timeout', error: `the cycle did not reach ${to}` };
  };

  // The reviewer reads (the draft's version): the report, the checks, the findings' first page, a figure's sources.
  step('getReport', await reads(cpu, reviewer, report(), 2, opt.REPORT_READS));
  step('checks', await reads(cpu, reviewer, report('/checks'), 1, opt.CHECK_READS));
  step('findings', await reads(cpu, reviewer, report('/checks/findings?page=1'), 1, opt.CHECK_READS));
  const passage = citedPassage(draft?.document);
  step(
    'figureSources',
    passage
      ? {
          ...(await reads(
            cpu,
            reviewer,
            report(`/versions/${latest}/figure-sources?passageId=${encodeURIComponent(passage)}&page=1`),
            1,
            opt.CHECK_READS,
          )),
          passage,
        }
      : { status: 'none', error: 'the draft has no paragraph citing an indicator' },
  );

  // One small change: the title (trích yếu).
  let w = await once(cpu, coordinator, 'POST', report('/revisions'), {
    baseVersion: latest,
    title: 'tổng kết công tác dân vận năm 2026 (thử tải, bản sửa)',
    note: 'Sửa trích yếu',
  });
  step('revise', w.step);
  if (good(w.res)) latest = w.res.body.latestVersion;

  await prerequisite('advance to commenting', reviewer, 'commenting');
  w = await once(cpu, standing, 'POST', report('/comments'), {
    version: latest,
    passageId: passage ?? 't',
    text: 'Đề nghị rà soát lại số liệu của đoạn này.',
  });
  step('comment', w.step);
  const commentId = good(w.res) ? w.res.body.comments?.at(-1)?.commentId : undefined;
  step(
    'resolve',
    commentId
      ? (await once(cpu, standing, 'POST', report(`/comments/${encodeURIComponent(commentId)}/resolve`), { note: 'Đã rà soát.' })).step
      : { status: 'none', error: 'no comment to resolve' },
  );

  await prerequisite('advance to signing', coordinator, 'signing');
  w = await once(cpu, signer, 'POST', report('/sign'), {
    version: latest,
    authority: 'TM.',
    onBehalfOf: 'BAN THƯỜNG TRỰC',
    title: 'PHÓ CHỦ TỊCH',
    name: 'Nguyễn Văn Thử',
  });
  step('sign', w.step);
  if (good(w.res) && !(await phaseReached(clerk, cycleId, 'distributing')))
    out.prerequisites['signed → distributing'] = { status: 'timeout', error: 'the cycle did not reach distributing' };

  step('number', (await once(cpu, clerk, 'POST', report('/number'), {})).step);
  w = await once(cpu, clerk, 'POST', report('/distribute'), {});
  step('distribute', w.step);
  out.deliveries = good(w.res) ? (w.res.body.distribution?.deliveredCount ?? NaN) : NaN;
  // The answer counts the deliveries; the office pages them (GET …/report/deliveries, in Nơi nhận order).
  const benchUnits = new Set(unitIds);
  const delivered = [];
  for (let cursor = null, more = good(w.res); more && delivered.length < opt.RECEIPTS; ) {
    // ok(): a read model still applying the distribution answers 503 with Retry-After, and the client asks again.
    const page = await clerk.ok('GET', report(`/deliveries?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).catch(unanswered);
    if (!good(page)) break;
    for (const d of page.body.items) if (benchUnits.has(d.unitId)) delivered.push(d.unitId);
    cursor = page.body.nextCursor;
    more = Boolean(cursor);
  }

  // Receiving units acknowledge: the first bench units Nơi nhận sent it to, each by its own imported account (one unit
  // each, as a unit's cán bộ; its first login chooses a password), so that the answer is one unit's at every size. As
  // the web app sends it (Prefer: return=minimal: 204, the report's new version only); then one more unit's receipt
  // answered the whole issued report, as an API client without the header gets it.
  const receivers = delivered.slice(0, opt.RECEIPTS + 1);
  const acks = [];
  let receiver;
  let full = { status: 'none', error: 'no bench unit left among the deliveries (Nơi nhận)' };
  for (const [k, unitId] of receivers.entries()) {
    const account = await unitAccount(stack, unitId).catch((err) => ({ status: 'login', error: String(err?.message ?? err) }));
    const minimal = k < opt.RECEIPTS;
    if (!(account instanceof Api)) {
      if (minimal) acks.push(account);
      else full = account;
      continue;
    }
    receiver ??= account;
    const ack = (await once(cpu, account, 'POST', report('/receipts'), { unitId }, minimal ? { prefer: 'return=minimal' } : {})).step;
    if (minimal) acks.push(ack);
    else full = ack;
  }
  const acked = acks.filter(good);
  step(
    'acknowledge',
    !receivers.length
      ? { status: 'none', error: 'no bench unit is among the deliveries (Nơi nhận)' }
      : acked.length === acks.length
        ? {
            ms: pct(
              acks.map((a) => a.ms),
              50,
            ),
            cpuMs: acks.reduce((sum, a) => sum + a.cpuMs, 0) / acks.length,
            bytes: acks.at(-1).bytes,
            samples: acks.length,
            status: acks.at(-1).status,
          }
        : acks.find((a) => !good(a)),
  );
  step('acknowledgeFull', full);
  // What the receiving unit reads then ("Văn bản đến", a page, and the report itself), and the report as the office reads it
  // once distributed.
  step(
    'receivedReports',
    receiver ? await reads(cpu, receiver, '/me/reports', 1, opt.REPORT_READS) : { status: 'none', error: 'no receiving unit' },
  );
  // The issued report as that unit opens it (each of the units it was sent to does).
  step(
    'getReportReceived',
    receiver ? await reads(cpu, receiver, report(), 1, opt.REPORT_READS) : { status: 'none', error: 'no receiving unit' },
  );
  // Its DOCX as that unit downloads it: the first download of the issued document (rendered, unless the office's
  // downloads already did), then the next ones (kept: DocxFiles).
  const docx = report('/document.docx');
  step('docxFirst', receiver ? (await once(cpu, receiver, 'GET', docx)).step : { status: 'none', error: 'no receiving unit' });
  step('docxAgain', receiver ? await reads(cpu, receiver, docx, 0, opt.CHECK_READS) : { status: 'none', error: 'no receiving unit' });
  step('getReportIssued', await reads(cpu, clerk, report(), 1, opt.CHECK_READS));

  const c = await pgConnect(stack.pg.url);
  try {
    const [row] = (
      await c.query(
        `SELECT count(*)::int AS events, coalesce(sum(octet_length(data::text)), 0)::bigint AS bytes,
                coalesce(sum(pg_column_size(data)), 0)::bigint AS stored FROM events WHERE stream_id = $1`,
        [`report-${cycleId}`],
      )
    ).rows;
    out.stream = { events: row.events, bytes: Number(row.bytes), stored: Number(row.stored) };
  } finally {
    await c.end();
  }
  out.seconds = ms(t0) / 1000;
  return out;
}

module.exports = { benchReportPhase, citedPassage };
