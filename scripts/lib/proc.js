'use strict';
// Processes from /proc (Linux): a process and its descendants, e.g. a clustered API's primary and its workers
// (API_PROCESSES), whose CPU and memory the load scripts add up.
const fs = require('node:fs');

/** The direct children of `pid` (every thread's list: a child may be forked from any thread). */
function childrenOf(pid) {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** `pid` and every process below it. */
function processTree(pid) {
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    out.push(p);
    queue.push(...childrenOf(p));
  }
  return out;
}

/**
 * CPU seconds (user and system) of the processes in `pids` that are still alive, from /proc/<pid>/stat, with those
 * of their children that ended and were waited for (cutime, cstime): a PostgreSQL backend that exits between two
 * readings stays counted in its postmaster's (without them, the reminder round once read -2.52 ms of PostgreSQL CPU
 * per e-mail). A live child is counted by itself, an ended one by its parent: each second once, for a whole tree.
 */
function cpuSeconds(pids) {
  const tick = 100; // CLK_TCK on Linux
  const total = { user: 0, system: 0 };
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total.user += (Number(fields[11]) + Number(fields[13])) / tick;
      total.system += (Number(fields[12]) + Number(fields[14])) / tick;
    } catch {
      /* gone */
    }
  }
  return total;
}

/** CPU milliseconds (user + system) that `pid` and its descendants spent between two cpuOf() readings. */
const cpuOf = (pid) => {
  const t = cpuSeconds(processTree(pid));
  return (t.user + t.system) * 1000;
};

module.exports = { childrenOf, processTree, cpuSeconds, cpuOf };
