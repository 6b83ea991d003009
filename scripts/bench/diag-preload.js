'use strict';
// Preloaded (`node --expose-gc -r scripts/bench/diag-preload.js`) into the API and the worker that `npm run bench`
// starts, never in production: on SIGWINCH (ignored by default, unused by the apps and the Temporal SDK, whose
// shutdown signals include SIGUSR2) it runs a full garbage collection (twice, a second apart) and writes the
// process's memory before and after it to $BENCH_DIAG_DIR/<pid>.json. That tells memory the process still holds
// (heap used and external after a full GC) from memory V8 or the allocator has not given back to the system (RSS
// well above it). While a file named heap-snapshot.request exists in that directory it also writes a heap snapshot
// beside it, after the GC (to see in DevTools what holds the memory; slow and large). With BENCH_MEMORY_TRACE=1 it
// also appends process.memoryUsage() and V8's heap spaces every 100 ms to $BENCH_DIAG_DIR/<pid>.trace.jsonl (MiB),
// beside the bench's phases (phases.jsonl), to see when and in which kind of memory a peak grows.
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const dir = process.env.BENCH_DIAG_DIR;
if (dir) {
  const mb = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round((v / 2 ** 20) * 10) / 10]));
  // Two full GCs a second apart: V8 frees ArrayBuffer backing stores (Buffers) on a background sweeper after the
  // GC, so right after one gc() the Buffers it found dead are still counted in `external` and in the RSS.
  const gc = () => (typeof global.gc === 'function' ? global.gc() : undefined);
  if (process.env.BENCH_MEMORY_TRACE === '1') {
    const trace = path.join(dir, `${process.pid}.trace.jsonl`);
    setInterval(() => {
      const spaces = Object.fromEntries(
        v8.getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ''), Math.round(s.space_used_size / 2 ** 20)]),
      );
      fs.appendFileSync(trace, JSON.stringify({ at: Date.now(), ...mb(process.memoryUsage()), spaces }) + '\n');
    }, 100).unref();
  }
  process.on('SIGWINCH', () => {
    const before = mb(process.memoryUsage());
    gc();
    const afterOne = mb(process.memoryUsage());
    setTimeout(() => {
      gc();
      const after = mb(process.memoryUsage());
      const snapshot = fs.existsSync(path.join(dir, 'heap-snapshot.request'))
        ? v8.writeHeapSnapshot(path.join(dir, `${process.pid}-${Date.now()}.heapsnapshot`))
        : undefined;
      const file = path.join(dir, `${process.pid}.json`);
      fs.writeFileSync(
        `${file}.tmp`,
        JSON.stringify({ at: Date.now(), gc: typeof global.gc === 'function', before, afterOne, after, snapshot }),
      );
      fs.renameSync(`${file}.tmp`, file);
    }, 1000);
  });
}
