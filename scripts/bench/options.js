'use strict';
// Command line of `npm run bench [-- --quick] [-- --sampled] [-- --sizes 200,2000,20000]` and the sample sizes.
//  - full (default): sizes 200, 2,000, 20,000; every submission, return sample, approval and draft save timed.
//  - --sampled: the same sizes (or --sizes), but only a sample of each phase timed; every unit is still submitted
//    and approved (untimed, 8 clients) before the worker's burst, close-submissions and the draft are measured.
//  - --quick: sizes 200 and 2,000, smaller samples, a 1,000-unit reminder round; under five minutes.
//  - --api-processes N: the API runs as N processes (API_PROCESSES); default: API_PROCESSES from the environment, else
//    the API's own default (apps/api/src/api-processes.ts).
//  - --api-node-options "<flags>": NODE_OPTIONS for the API only (say, "--max-old-space-size=512"), to measure a V8
//    setting's effect on the API's memory and CPU; stated in BENCHMARKS.md's machine line.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sampled = quick || args.includes('--sampled');
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : null;
const SIZES = (sizesArg ?? (quick ? '200,2000' : '200,2000,20000')).split(',').map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 20)) throw new Error(`--sizes: whole numbers of at least 20, not ${sizesArg}`);

const processesArg = args.includes('--api-processes') ? args[args.indexOf('--api-processes') + 1] : process.env.API_PROCESSES;
// Unset: the API's own default (apps/api/src/api-processes.ts).
const API_PROCESSES = processesArg ? Number(processesArg) : undefined;
if (API_PROCESSES !== undefined && (!Number.isInteger(API_PROCESSES) || API_PROCESSES < 1))
  throw new Error(`--api-processes: a whole number of at least 1, not ${processesArg}`);

const API_NODE_OPTIONS = args.includes('--api-node-options') ? args[args.indexOf('--api-node-options') + 1] : undefined;
if (args.includes('--api-node-options') && !API_NODE_OPTIONS?.startsWith('--'))
  throw new Error(`--api-node-options: Node flags such as "--max-old-space-size=512", not ${API_NODE_OPTIONS}`);
// --board-waits-for-all: the board's reads send a token past the log's end, i.e. wait for every event committed before
// them (the rule before read-your-own-writes): the same build measured under both rules, back to back.
const BOARD_WAITS_FOR_ALL = args.includes('--board-waits-for-all');

const CLIENTS = 8;
module.exports = {
  args,
  quick,
  sampled,
  SIZES,
  CLIENTS,
  API_PROCESSES,
  API_NODE_OPTIONS,
  BOARD_WAITS_FOR_ALL,
  /** Submissions (and draft saves) timed at one client. */
  SAMPLE_1: (n) => Math.min(sampled ? 40 : 200, Math.floor(n / 4)),
  /** Submissions timed at eight clients (after the one-client ones); the rest are filled in untimed. */
  SAMPLE_8: (n) => (sampled ? (quick ? 300 : 2000) : n),
  /** Returns timed at one client (then submitted again, untimed). */
  SAMPLE_RETURN: (n) => Math.min(sampled ? 40 : 100, Math.floor(n / 5)),
  /** Approvals timed at eight clients; the rest are the worker's burst (at least half of the units). */
  SAMPLE_APPROVE: (n) => Math.min(sampled ? (quick ? 300 : 2000) : n, Math.floor(n / 2)),
  /** Board reads under ingest at least (the ingest goes on with returns and resubmissions until then). */
  BOARD_MIN_SAMPLES: 100,
  /** Pause between two board reads under ingest (a coordinator refreshing often). */
  BOARD_SAMPLE_PAUSE_MS: 100,
  /** Board reads timed idle (each with the SQL reference and GET /auth/me): a p95 of 40 was the second-worst read. */
  BOARD_IDLE_SAMPLES: 200,
  /** The board's page as the web app asks for it on a desktop (TABLE_PAGE in apps/web/src/pages/board/BoardUnits.tsx; 20 on a phone). */
  BOARD_PAGE: 50,
  /** The report after the draft (report-phase.js): GET …/report timed (after 2 warm-up), each check read (after 1), receipts. */
  REPORT_READS: 10,
  CHECK_READS: 5,
  RECEIPTS: 3,
  /** Units of the reminder round. */
  REMINDER_UNITS: quick ? 1000 : 5000,
  /** Seconds without requests before the idle memory is read. */
  IDLE_MS: quick ? 3000 : 10000,
  PASSWORD: 'bench-password-2026',
  /** The imported units' accounts' first password (cycle.js's /users/import; changed at their first login). */
  IMPORTED_PASSWORD: 'bench-temporary-2026',
  ADMIN_PASSWORD: 'bench-admin-2026',
  TEMPLATE_ID: 'bench-40-chi-tieu',
  INDICATORS: 40,
};
