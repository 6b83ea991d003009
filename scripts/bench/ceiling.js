'use strict';
// What the bare Node HTTP ingest reference (bare-ingest.js) says about the ingest goals: whether 30 % of raw
// PostgreSQL inserts (and 1,000/s) is within reach of a Node API at all on this machine, and how much of that
// ceiling the API reaches. Pure, unit-tested (test/scripts/bench-ceiling.spec.ts).

/**
 * @param {{ api: number, bare: number, raw: number }} rates submissions/s of the API, requests/s of the bare
 *   server, raw pgbench inserts/s, all at the same number of clients
 */
function ceiling({ api, bare, raw }) {
  const bareShare = (100 * bare) / raw;
  const apiOfBare = (100 * api) / bare;
  const target = Math.min(1000, 0.3 * raw);
  const one = (x) => x.toFixed(1);
  const whole = (x) => Math.round(x).toLocaleString('en');
  const verdict =
    bare < 0.3 * raw
      ? `even the bare Node HTTP + one INSERT reaches only ${one(bareShare)} % of raw (${whole(bare)}/s): 30 % is out of reach of one Node process on this machine`
      : `the bare Node HTTP + one INSERT reaches ${one(bareShare)} % of raw (${whole(bare)}/s): 30 % is within reach of one Node process here`;
  const targetVerdict =
    bare < target
      ? `even the bare Node HTTP + one INSERT (${whole(bare)}/s) is below ${whole(target)}/s on this machine`
      : `the bare Node HTTP + one INSERT does ${whole(bare)}/s, ${(bare / target).toFixed(1)}× of ${whole(target)}/s`;
  return {
    bareShare,
    apiOfBare,
    target,
    verdict: `${verdict}; the API does ${one(apiOfBare)} % of that ceiling`,
    targetVerdict: `${targetVerdict}; the API does ${one(apiOfBare)} % of it`,
  };
}

module.exports = { ceiling };
