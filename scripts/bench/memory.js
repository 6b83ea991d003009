'use strict';
// Resident memory of the API and the worker, from /proc/<pid>/status: the peak of each phase of each size
// (VmHWM, reset at the start of every phase by writing 5 to /proc/<pid>/clear_refs; where the kernel refuses
// that, the highest VmRSS seen by sampling every 200 ms), and after an idle period, before and after a full GC
// asked of the process through the bench's diagnostic preload (diag-preload.js). A clustered API (API_PROCESSES > 1)
// counts as the sum of its processes: the primary and each worker (found below the primary's pid in /proc).
const fs = require('node:fs');
const path = require('node:path');
const { sleep } = require('./stats');
const { processTree } = require('../lib/proc');

const KB = /(\w+):\s+(\d+) kB/g;
function statusOne(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const out = {};
    for (const m of text.matchAll(KB)) out[m[1]] = Number(m[2]) / 1024;
    return out;
  } catch {
    return {};
  }
}

/** Memory of `pid` and its descendants, each figure summed (a peak: the sum of each process's own peak). */
function status(pid) {
  const out = {};
  for (const one of processTree(pid).map(statusOne)) for (const [k, v] of Object.entries(one)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function resetPeakOne(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
const resetPeak = (pid) => processTree(pid).every(resetPeakOne);

/**
 * Follows the processes `procs` ({ api: pid, worker: pid }); `phase(name)` closes the current phase and opens the
 * next; `peaks` is { [phase]: { api: MB, worker: MB } } of the phases closed.
 */
class RssMonitor {
  /** `phasesFile`: each phase's start is appended there (BENCH_MEMORY_TRACE, diag-preload.js). */
  constructor(procs, { phasesFile } = {}) {
    this.procs = procs;
    this.phasesFile = phasesFile;
    this.current = null;
    this.peaks = {};
    this.resettable = Object.values(procs).every((pid) => resetPeak(pid));
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }
  sample() {
    if (!this.current) return;
    for (const [name, pid] of Object.entries(this.procs)) {
      const rss = status(pid).VmRSS;
      if (Number.isFinite(rss)) this.current.max[name] = Math.max(this.current.max[name] ?? 0, rss);
    }
  }
  close() {
    if (!this.current) return;
    this.sample();
    const peak = {};
    for (const [name, pid] of Object.entries(this.procs)) {
      const hwm = this.resettable ? status(pid).VmHWM : NaN;
      peak[name] = Math.max(this.current.max[name] ?? 0, Number.isFinite(hwm) ? hwm : 0);
    }
    this.peaks[this.current.name] = peak;
    this.current = null;
  }
  phase(name) {
    if (this.phasesFile) fs.appendFileSync(this.phasesFile, JSON.stringify({ at: Date.now(), phase: name }) + '\n');
    this.close();
    if (this.resettable) for (const pid of Object.values(this.procs)) resetPeak(pid);
    this.current = { name, max: {} };
  }
  /** Closes the current phase and hands back the peaks so far, starting afresh. */
  take() {
    this.close();
    const peaks = this.peaks;
    this.peaks = {};
    return peaks;
  }
  stop() {
    clearInterval(this.timer);
  }
}

/**
 * After `idleMs` of no requests: VmRSS, then full GCs in the process (diag-preload.js: two, a second apart) and VmRSS
 * again with the heap used and total after them. Per process: { rssIdle, rssAfterGc, heapUsed, heapTotal, external, arrayBuffers }.
 */
async function idleMemory(procs, diagDir, idleMs) {
  await sleep(idleMs);
  const out = {};
  for (const [name, pid] of Object.entries(procs)) {
    const rssIdle = status(pid).VmRSS;
    const diags = await Promise.all(processTree(pid).map((p) => gcAndRead(p, diagDir)));
    const sum = (pick) => (diags.every(Boolean) ? diags.reduce((a, d) => a + pick(d), 0) : NaN);
    out[name] = {
      rssIdle,
      rssAfterGc: status(pid).VmRSS,
      heapUsed: sum((d) => d.after.heapUsed),
      heapTotal: sum((d) => d.after.heapTotal),
      external: sum((d) => d.after.external),
      externalAfterFirstGc: sum((d) => d.afterOne?.external ?? NaN),
      arrayBuffers: sum((d) => d.after.arrayBuffers),
    };
  }
  return out;
}

/** Asks one process for its full GCs (diag-preload.js) and reads what it wrote; null if it never answered. */
async function gcAndRead(pid, diagDir) {
  const file = path.join(diagDir, `${pid}.json`);
  const asked = Date.now();
  try {
    process.kill(pid, 'SIGWINCH');
    for (let i = 0; i < 100; i++) {
      await sleep(100);
      try {
        const d = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (d.at >= asked) return d;
      } catch {
        /* not yet written */
      }
    }
  } catch {
    /* the process is gone */
  }
  return null;
}

module.exports = { RssMonitor, idleMemory, status };
