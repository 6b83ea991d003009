import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { appUrlOf } from './db';
import { firstAdminLogin } from '../../apps/api/src/demo/first-admin-login';

const { freePort, waitForPort } = require('../../scripts/lib/util');
const root = path.resolve(__dirname, '../..');

/** What the API creates `admin` with; it must be changed at the first login (startApi does so, to TEST_ADMIN_PASSWORD). */
export const TEST_BOOTSTRAP_ADMIN_PASSWORD = 'test-bootstrap-admin-password';
/** admin's password once the first login chose it. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';
export const TEST_CHECKPOINT_KEY = 'test-checkpoint-key-of-at-least-32-characters';
const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-of-at-least-32-characters!',
  BOOTSTRAP_ADMIN_PASSWORD: TEST_BOOTSTRAP_ADMIN_PASSWORD,
  CHECKPOINT_KEY: TEST_CHECKPOINT_KEY,
  // Every test logs in from 127.0.0.1, many times: the login rate limit is tested on its own (security-headers.e2e-spec).
  LOGIN_RATE_LIMIT_PER_ADDRESS: '1000000',
  LOGIN_RATE_LIMIT_PER_USERNAME: '1000000',
  // Test files share one PostgreSQL cluster: another file's long transaction holds every gap-safe reader back.
  READ_MODEL_DEADLINE_MS: '60000',
  // One API process per test unless the test asks for more (api-processes.e2e-spec): the default is one per core.
  API_PROCESSES: '1',
};

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing drained. */
  kill(): Promise<void>;
}

/**
 * The services never get the owner's credentials: a DATABASE_URL given here (the test database's owner URL) is
 * handed to them as DATABASE_APP_URL, the application's own login role on that database, as `npm start` does.
 */
function run(script: string, env: NodeJS.ProcessEnv): RunningProcess {
  const built = path.join(root, 'dist', script);
  const database = env.DATABASE_URL ? { DATABASE_URL: '', DATABASE_APP_URL: appUrlOf(env.DATABASE_URL) } : {};
  const child = spawn(process.execPath, ['--enable-source-maps', built], {
    cwd: root,
    env: { ...process.env, ...env, ...database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { child, output: () => out, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** The built worker (`npm test` builds dist/ before Jest runs), polling `taskQueue`. */
export function startWorker(env: {
  DATABASE_URL: string;
  TEMPORAL_TASK_QUEUE: string;
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_MAX_CACHED_WORKFLOWS?: string;
}): RunningProcess {
  return run('apps/worker/src/main.js', { ...TEST_SECRETS, ...env });
}

/**
 * The built API on a free port (or API_PORT: a restart on the same address); resolves once it listens and, unless
 * `firstAdminLogin` is false, once admin made its first login's password change (TEST_ADMIN_PASSWORD from then on).
 */
export async function startApi(
  env: { DATABASE_URL: string; TEMPORAL_TASK_QUEUE: string; TEMPORAL_ADDRESS?: string; [setting: string]: string | undefined },
  opts: { firstAdminLogin?: boolean } = {},
): Promise<RunningProcess & { url: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = env.API_PORT ? Number(env.API_PORT) : await freePort();
    const p = run('apps/api/src/main.js', { ...TEST_SECRETS, ...env, API_PORT: String(port), API_HOST: '127.0.0.1' });
    const url = `http://127.0.0.1:${port}`;
    try {
      // Generous: two test files start an API each at once, beside browsers, on 2 cores (the OpenAPI document, seeding,
      // the bootstrap account's argon2 hash all run before it listens).
      await waitForPort(port, { what: 'API', child: p.child, timeoutMs: 120000 });
      // A free port is only free when asked: another test's server (a Temporal UI, say) may have taken it in between,
      // and then what listens is not this API, which exits with EADDRINUSE. Ask the port who it is.
      if (!(await isThisApi(url, p))) {
        await p.stop();
        if (env.API_PORT || attempt >= 3) throw new Error(`port ${port} is answered by something else than the API`);
        continue;
      }
      if (opts.firstAdminLogin !== false) await firstAdminLogin(url, TEST_BOOTSTRAP_ADMIN_PASSWORD, TEST_ADMIN_PASSWORD);
    } catch (err) {
      await p.stop();
      throw new Error(`${(err as Error).message}\n${p.output()}`);
    }
    return { ...p, url };
  }
}

/** Whether `url` is answered by the API process `p`: its /health has the API's shape and the process still runs. */
async function isThisApi(url: string, p: RunningProcess): Promise<boolean> {
  const body: { status?: unknown; database?: { status?: unknown } } | null = await fetch(`${url}/health`, {
    signal: AbortSignal.timeout(15000),
  })
    .then((r) => r.json() as Promise<{ status?: unknown; database?: { status?: unknown } }>)
    .catch(() => null);
  const alive = p.child.exitCode === null && p.child.signalCode === null;
  return alive && typeof body?.status === 'string' && typeof body?.database?.status === 'string';
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}
