'use strict';
// Small statistics and timing helpers of `npm run bench`.

/** The p-th percentile (nearest rank) of `xs`; NaN for none. */
const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const now = () => process.hrtime.bigint();
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const sleep = (msec) => new Promise((res) => setTimeout(res, msec));

/** Runs `task(i)` for i in [0, count) on `clients` concurrent workers; returns per-call latencies (ms) and the wall time. */
async function load(count, clients, task) {
  const latencies = [];
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = now();
        await task(i);
        latencies.push(ms(t));
      }
    }),
  );
  const wallMs = ms(t0);
  return { latencies, wallMs, count, perSecond: count ? (count / wallMs) * 1000 : NaN };
}

/** p50/p99/rate of a load() result. */
const summary = (res) => ({ p50: pct(res.latencies, 50), p99: pct(res.latencies, 99), perSecond: res.perSecond, count: res.count });

module.exports = { pct, fmt, int, now, ms, sleep, load, summary };
