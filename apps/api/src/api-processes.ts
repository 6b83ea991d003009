import cluster, { Worker } from 'node:cluster';
import os from 'node:os';

/** API_PROCESSES unset: one process per core but one, at most this many (each holds its own pool of PostgreSQL connections). */
export const DEFAULT_MAX_PROCESSES = 4;
/** A worker that exits this long after it started listening is started again; one that dies sooner stops the API. */
const RESTART_DELAY_MS = 1000;
/** How long the primary waits for its workers' graceful stop before killing them. */
const STOP_GRACE_MS = 30_000;

/**
 * How many API processes serve the port (API_PROCESSES; default: the number of cores less one, at least 1 and at
 * most DEFAULT_MAX_PROCESSES: PostgreSQL, the worker and Temporal need a core too, and on 2 cores a second API
 * process cost 27–54 % more CPU per submission for no more submissions per second). One process runs Nest
 * itself; more run under node:cluster, the primary only accepting connections and handing them round-robin to its
 * workers. The one home of this rule: `npm start` and the bench ask the built module.
 */
export function apiProcesses(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.API_PROCESSES;
  if (raw === undefined || raw.trim() === '') return Math.max(1, Math.min(os.availableParallelism() - 1, DEFAULT_MAX_PROCESSES));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`API_PROCESSES=${raw} is not a number of processes (1 to 64)`);
  return n;
}

/**
 * This process's place among the API's processes (API_PROCESS_INDEX, set by the primary; absent: the only one).
 * Process 0 keeps the read models current in the background; the others bring them up to date only when one of
 * their reads needs it (Projector.catchUpToNow, serialised per read model across processes by an advisory lock).
 */
export function apiProcessIndex(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.API_PROCESS_INDEX ?? 0); // AppConfig.api.processIndex, before Nest (and AppConfig) exists
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;

/**
 * The primary of a clustered API: forks `count` workers (each runs main.ts's Nest app and listens on the same
 * port), starts a worker again if it dies after it was serving, stops the whole API if one dies before it ever
 * listened (a configuration error would otherwise loop), and on SIGTERM/SIGINT/SIGHUP stops every worker
 * gracefully, then exits.
 */
export function superviseApiProcesses(count: number, log: (line: string) => void): void {
  cluster.setupPrimary({ serialization: 'json' });
  let stopping = false;
  let exitCode = 0;
  const workers = new Map<number, Worker>();

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const w of workers.values()) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of workers.values()) w.process.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
    if (workers.size === 0) process.exit(exitCode);
  };

  const fork = (index: number) => {
    const worker = cluster.fork({ API_PROCESS_INDEX: String(index) });
    let listening = false;
    workers.set(index, worker);
    worker.on('listening', () => {
      listening = true;
    });
    worker.on('exit', (code, signal) => {
      workers.delete(index);
      if (stopping) {
        if (workers.size === 0) process.exit(exitCode);
        return;
      }
      log(
        `process ${index} (pid ${worker.process.pid}) exited (${signal ?? code})${listening ? '; starting it again' : ' before it listened; stopping'}`,
      );
      if (!listening) return stopAll(1);
      setTimeout(() => {
        if (!stopping) fork(index);
      }, RESTART_DELAY_MS);
    });
  };

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stopAll(0));
  log(`starting ${count} API processes`);
  for (let i = 0; i < count; i++) fork(i);
}
