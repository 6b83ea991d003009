import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import {
  DEMO_ACTIVE_FROM,
  DEMO_COORDINATOR,
  DEMO_PASSWORD,
  DEMO_UNITS,
  DEMO_USERS,
  demoCycleBody,
} from '../../apps/api/src/demo/demo-data';
import { createTestDatabase, TestDatabase } from '../infra/db';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from '../infra/processes';

/**
 * One API + worker pair per test file, as separate processes (the built dist/), on a fresh database cloned
 * from the migrated template and a task queue of its own, with the demo loaded through the API (loadDemo).
 */
/**
 * For the beforeAll that starts the stack, seeds the demo (argon2 hashes for two dozen accounts) and opens
 * fixture cycles: ~15 s on an idle 2-core machine, several times that when other test runs share the CPU.
 */
export const STARTUP_TIMEOUT_MS = 300_000;

export interface ApiStack {
  db: TestDatabase;
  api: RunningProcess & { url: string };
  worker: RunningProcess;
  taskQueue: string;
  /** The demo cycle (collecting, every demo reporting unit assigned); '' when not seeded. */
  demoCycleId: string;
  stop(): Promise<void>;
}

/** `apiEnv`: more settings for the API alone (API_PROCESSES, say). */
export async function startStack(opts: { seed?: boolean; apiEnv?: Record<string, string> } = {}): Promise<ApiStack> {
  const db = await createTestDatabase();
  const taskQueue = `e2e-${randomUUID()}`;
  const env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
  const worker = startWorker(env);
  let api: (RunningProcess & { url: string }) | undefined;
  try {
    api = await startApi({ ...env, ...opts.apiEnv });
    const demoCycleId = opts.seed === false ? '' : await loadDemo(api.url);
    const stack: ApiStack = {
      db,
      api,
      worker,
      taskQueue,
      demoCycleId,
      async stop() {
        await api?.stop();
        await worker.stop();
        await db.drop();
      },
    };
    return stack;
  } catch (err) {
    await api?.stop();
    await worker.stop();
    await db.drop();
    throw new Error(`${(err as Error).message}\n--- worker output ---\n${worker.output().slice(-4000)}`);
  }
}

/**
 * What seedDemo loads (the demo's units and accounts, from demo-data.ts, through the API as an admin), and
 * the demo cycle (demoCycleBody(2026)) under an id of its own. seedDemo itself opens the cycle with the fixed
 * Idempotency-Key 'demo-cycle-2026', hence a fixed cycle id = workflow id: two test files seeding in one
 * jest run (one Temporal server) would start the same workflow, and the second file's cycle would be driven
 * by the first file's worker and database. Returns the cycle id once its workflow has opened the window.
 */
export async function loadDemo(baseUrl: string): Promise<string> {
  const admin = await login(baseUrl, 'admin', TEST_ADMIN_PASSWORD);
  for (const unit of DEMO_UNITS) {
    const res = await admin.call('POST', '/org-units', { ...unit, activeFrom: DEMO_ACTIVE_FROM });
    if (res.status !== 201) throw new Error(`POST /org-units ${unit.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await Promise.all(
    DEMO_USERS.map(async (user) => {
      const res = await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD });
      if (res.status !== 201) throw new Error(`POST /users ${user.username}: ${res.status} ${JSON.stringify(res.body)}`);
    }),
  );
  const coordinator = await login(baseUrl, DEMO_COORDINATOR);
  const res = await coordinator.call('POST', '/cycles', demoCycleBody(2026));
  if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${JSON.stringify(res.body)}`);
  await waitForPhase(coordinator, res.body.id, 'collecting');
  return res.body.id as string;
}

export interface HttpResult {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON (so a test can show what came back). */
  body: any;
  /** The raw body (request() only). */
  text?: string;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  /** An object is sent as JSON; a string is sent as it is (malformed JSON, oversized bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request with or without a session; never throws on a non-2xx answer. */
export async function request(baseUrl: string, method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, text, headers: res.headers };
}

export const login = (baseUrl: string, username: string, password = DEMO_PASSWORD) => ApiSession.login(baseUrl, username, password);

export async function eventCount(db: TestDatabase): Promise<number> {
  return (await db.owner.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;
}

export async function streamEvents(
  db: TestDatabase,
  streamId: string,
): Promise<{ event_type: string; data: any; metadata: any; event_id: string }[]> {
  return db.owner.query(`SELECT event_type, data, metadata, event_id FROM events WHERE stream_id = $1 ORDER BY version`, [streamId]);
}

/** A cycle of 2027 for `unitIds` (the demo's dates shifted a year: every deadline is months away). */
export function cycleBody(unitIds: string[], extra: Record<string, unknown> = {}) {
  return { ...demoCycleBody(2027), units: unitIds.map((unitId) => ({ unitId })), ...extra };
}

/** Opens a cycle as `coordinator` and, unless it starts planned, waits until its workflow has opened the window. */
export async function openCycle(coordinator: ApiSession, unitIds: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await coordinator.call('POST', '/cycles', cycleBody(unitIds, extra));
  if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  await waitForPhase(coordinator, id, extra.startCollecting === false ? 'planned' : 'collecting');
  return id;
}

/** Until both the event store and the workflow say the cycle is in `phase` (on timeout: what the workflow is doing). */
export async function waitForPhase(session: ApiSession, cycleId: string, phase: string): Promise<void> {
  let last: unknown;
  try {
    await eventually(
      async () => {
        const r = await session.call('GET', `/cycles/${cycleId}`);
        last = { status: r.body?.status, workflow: r.body?.workflow };
        return r.body.status === phase && r.body.workflow?.phase === phase;
      },
      60000,
      `cycle ${cycleId} to be ${phase}`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen ${JSON.stringify(last)}; ${await describeWorkflow(cycleId)}`);
  }
}

async function describeWorkflow(workflowId: string): Promise<string> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  try {
    const handle = new Client({ connection }).workflow.getHandle(workflowId);
    const d = await handle.describe();
    const pending = (d.raw.pendingActivities ?? []).map(
      (a) => `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? 'no failure'}`,
    );
    const history = await handle.fetchHistory();
    const tail = (history.events ?? []).slice(-8).map((e) => `${e.eventType}`);
    return `workflow ${d.status.name} on ${d.taskQueue}; pending activities [${pending.join('; ')}]; last history events [${tail.join(', ')}]`;
  } catch (e) {
    return `workflow not described: ${e}`;
  } finally {
    await connection.close();
  }
}

/** Figures and narrative that pass every error rule of the dan-van-annual template. */
export const VALID_CONTENT = {
  figures: { TT_BUOI: { value: 245 }, TT_LUOT_NGUOI: { value: 9800, qualifier: 'tren' } },
  narrative: { 'II.1': 'Hội LHPN các cấp tổ chức 245 buổi tuyên truyền cho 9.800 lượt hội viên.' },
};

export { DEMO_PASSWORD, TEST_ADMIN_PASSWORD };
