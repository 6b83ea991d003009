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

module.exports = { childrenOf, processTree };
