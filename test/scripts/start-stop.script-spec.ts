import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { forceStopCluster, portsInUse, postmasterPid, privateTempDir, processes, root } from './support';

const { freePort } = require('../../scripts/lib/util');
const { clusterDir } = require('../../scripts/lib/postgres');

type Stage = 'up' | 'starting-temporal';
interface Round {
  stage: Stage;
  signal: 'SIGINT' | 'SIGTERM';
  to: 'group' | 'pid';
  twice?: boolean;
}

// Ctrl-C in a terminal is SIGINT to the whole foreground process group (start.js and its children);
// `kill <pid>` is SIGTERM to start.js alone. Most rounds stop a started system, three interrupt the start.
const ROUNDS: Round[] = [
  { stage: 'up', signal: 'SIGINT', to: 'group' },
  { stage: 'up', signal: 'SIGINT', to: 'group' },
  { stage: 'starting-temporal', signal: 'SIGINT', to: 'group' },
  { stage: 'up', signal: 'SIGINT', to: 'group' },
  { stage: 'up', signal: 'SIGTERM', to: 'pid' },
  { stage: 'starting-temporal', signal: 'SIGTERM', to: 'pid' },
  { stage: 'up', signal: 'SIGINT', to: 'group' },
  { stage: 'starting-temporal', signal: 'SIGINT', to: 'group' },
  { stage: 'up', signal: 'SIGINT', to: 'group', twice: true },
  { stage: 'up', signal: 'SIGINT', to: 'group' },
];

const MARKERS: Record<Stage, string> = {
  'starting-temporal': '[temporal] starting the dev server',
  up: 'kybaocao is up',
};

/**
 * Issue #11: Ctrl-C on `npm start` stops every process it started — the worker, the API, the Temporal dev
 * server and PostgreSQL (which runs in its own session, out of the terminal's reach) — and frees their ports,
 * ten times in a row. This runs the real scripts/start.js (its real shutdown) on free ports with a private
 * data folder; KYBAOCAO_NO_BUILD and KYBAOCAO_NO_DEMO skip only the TypeScript build (`npm test` has built
 * dist/ already) and the demo seed.
 */
describe('npm start: Ctrl-C stops everything it started', () => {
  const dataDir = privateTempDir('kybaocao-start-');
  const cluster: string = clusterDir(path.join(dataDir, 'pg'));
  let current: ChildProcess | undefined;

  const bundlePath = path.join(dataDir, 'workflow-bundle.js');

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'dist', 'apps', 'api', 'src', 'main.js'))) {
      throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` (npm test builds it before Jest)');
    }
    // The worker's workflow bundle, made once rather than in every round (the worker honours WORKFLOW_BUNDLE_PATH).
    const { bundleWorkflowCode } = await import('@temporalio/worker');
    const quiet = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {} };
    fs.writeFileSync(
      bundlePath,
      (await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'index.ts'), logger: quiet })).code,
    );
  }, 120000);

  afterAll(() => {
    // Only when a round failed: leave nothing behind.
    if (current?.pid) for (const p of processes()) if (p.pgid === current.pid) process.kill(p.pid, 'SIGKILL');
    forceStopCluster(cluster);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (cluster !== path.join(dataDir, 'pg')) fs.rmSync(path.dirname(cluster), { recursive: true, force: true });
  });

  it(
    'ten rounds: no process of it left, its ports free',
    async () => {
      for (const [i, round] of ROUNDS.entries()) {
        const free = new Set<number>();
        while (free.size < 4) free.add(await freePort());
        const [pg, temporal, ui, api] = [...free];
        const ports = { KYBAOCAO_PG_PORT: pg, KYBAOCAO_TEMPORAL_PORT: temporal, KYBAOCAO_TEMPORAL_UI_PORT: ui, API_PORT: api };
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          KYBAOCAO_DATA_DIR: dataDir,
          KYBAOCAO_NO_BUILD: '1',
          KYBAOCAO_NO_DEMO: '1',
          WORKFLOW_BUNDLE_PATH: bundlePath,
        };
        for (const [k, v] of Object.entries(ports)) env[k] = String(v);
        // Jest's integration global setup exports its own servers' addresses; npm start must start its own.
        for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEST_PG_ADMIN_URL']) delete env[k];

        // detached: its own process group, as a terminal's foreground job.
        const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        current = child;
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
        });
        child.stderr!.on('data', (d) => {
          out += d;
        });
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        const what = `round ${i + 1} (${JSON.stringify(round)})`;

        const reached = await Promise.race([
          (async () => {
            const deadline = Date.now() + 90000;
            while (!out.includes(MARKERS[round.stage])) {
              if (Date.now() > deadline) return false;
              await new Promise((r) => setTimeout(r, 50));
            }
            return true;
          })(),
          exited.then(() => false),
        ]);
        if (!reached) throw new Error(`${what}: npm start did not reach "${MARKERS[round.stage]}":\n${out}`);

        // Everything of it alive now: its process group, and PostgreSQL (own session) once it runs.
        const group = processes().filter((p) => p.pgid === child.pid);
        if (round.stage === 'up') {
          expect(group.map((p) => p.cmdline)).toEqual(
            expect.arrayContaining([
              expect.stringContaining('scripts/start.js'),
              expect.stringContaining('temporal server start-dev'),
              expect.stringContaining('dist/apps/worker/src/main.js'),
              expect.stringContaining('dist/apps/api/src/main.js'),
            ]),
          );
          expect(await portsInUse(Object.values(ports))).toEqual(Object.values(ports));
        }
        const postmaster = postmasterPid(cluster);
        expect(postmaster).not.toBeNull();

        const send = () => {
          try {
            if (round.to === 'group') process.kill(-child.pid!, round.signal);
            else child.kill(round.signal);
          } catch {
            /* the group is gone already */
          }
        };
        send();
        // A second, impatient Ctrl-C while it stops (start.js ignores repeats within 1 s as the same keypress).
        const second = round.twice ? new Promise((r) => setTimeout(() => r(send()), 1100)) : undefined;
        let timer: NodeJS.Timeout | undefined;
        const code = await Promise.race([
          exited,
          new Promise((r) => {
            timer = setTimeout(() => r('timeout'), 60000);
          }),
        ]);
        clearTimeout(timer);
        if (code === 'timeout') throw new Error(`${what}: npm start still running 60 s after ${round.signal}:\n${out}`);
        await second;

        // `pg_ctl stop -w` returns once the postmaster has removed its pid file and closed its port, which can
        // be a moment before its process is gone; so a process still ending within 5 s is not counted as left.
        const leftOver = () =>
          processes().filter(
            (p) => p.pgid === child.pid || p.pid === postmaster || group.some((g) => g.pid === p.pid) || p.cmdline.includes(cluster),
          );
        let left = leftOver();
        for (const deadline = Date.now() + 5000; left.length && Date.now() < deadline; left = leftOver()) {
          await new Promise((r) => setTimeout(r, 100));
        }
        expect({ what, left, output: left.length ? out : '' }).toEqual({ what, left: [], output: '' });
        expect({ what, ports: await portsInUse(Object.values(ports)) }).toEqual({ what, ports: [] });
        expect(postmasterPid(cluster)).toBeNull();
        expect(out).toContain('[start] stopped');
        if (round.stage === 'up') expect(code).toBe(0);
        current = undefined;
      }
    },
    10 * 60000,
  );
});
