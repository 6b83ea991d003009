import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { TEST_ADMIN_PASSWORD } from '../infra/processes';
import { login, waitForPhase } from '../support/api-stack';

/** What a client of the faults suite saw for one logical request, over all its attempts. */
export interface Outcome {
  /** The last answer's status (0: no answer: the connection failed or timed out). */
  status: number;
  body: any;
  attempts: number;
  /** Statuses of the failed attempts (0 for a connection error), in order. */
  failures: number[];
}

export interface RetryOptions {
  /** Stop retrying after this long (the outcome is then the last failure). */
  deadlineMs: number;
  /** One attempt is given up after this long (the API may be gone with the request). */
  attemptTimeoutMs?: number;
}

/**
 * A client as the web UI behaves: the same Idempotency-Key on every attempt, retrying a lost connection, a 5xx
 * and a version race (409 STREAM_VERSION_CONFLICT: its own earlier attempt may have landed meanwhile), with backoff.
 */
export async function retrying(
  session: ApiSession,
  method: string,
  path: string,
  body: unknown,
  key: string,
  opts: RetryOptions,
): Promise<Outcome> {
  const deadline = Date.now() + opts.deadlineMs;
  const failures: number[] = [];
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let parsed: any;
    try {
      const res = await fetch(`${session.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}`, 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.attemptTimeoutMs ?? 60000),
      });
      status = res.status;
      const text = await res.text();
      parsed = text ? JSON.parse(text) : undefined;
    } catch (err) {
      parsed = String(err);
      status = 0;
    }
    const retry = status === 0 || status >= 500 || (status === 409 && parsed?.error === 'STREAM_VERSION_CONFLICT');
    if (!retry || Date.now() > deadline) return { status, body: parsed, attempts: attempt, failures };
    failures.push(status);
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The figures table the suite prints (and the README quotes). */
export function printTable(title: string, rows: [string, string | number][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  const text = [
    `\n${title}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`),
    '',
  ].join('\n');
  process.stderr.write(`${text}\n`);
  return text;
}

export const FAULT_PASSWORD = 'faults-password-2026';

export interface LoadFixture {
  cycleId: string;
  unitIds: string[];
  /** The reporter session of unit i. */
  reporterOf: (i: number) => ApiSession;
  coordinator: ApiSession;
}

/**
 * `n` units under a root of their own (one CSV import, as an administrator uploads the registry), a coordinator in an
 * office under it, reporters of `perReporter` units each, and a collecting cycle of every unit (dan-van-annual, 2027).
 */
export async function loadUnitsAndCycle(
  baseUrl: string,
  n: number,
  perReporter: number,
  cycle: Record<string, unknown> = {},
): Promise<LoadFixture> {
  const admin = await login(baseUrl, 'admin', TEST_ADMIN_PASSWORD);
  const root = 'faults-root';
  const unitIds = Array.from({ length: n }, (_, i) => `faults-xa-${String(i + 1).padStart(5, '0')}`);
  const csv = [
    'id,parentId,level,kind,canonicalName,activeFrom',
    `${root},,tinh,TINH_UY,Tỉnh ủy thử nghiệm,2020-01-01`,
    ...unitIds.map((id, i) => `${id},${root},xa,DANG_UY_XA,Đảng ủy xã Thử nghiệm ${i + 1},2020-01-01`),
  ].join('\n');
  const imported = await fetch(`${baseUrl}/org-units/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
    body: csv,
  });
  if (imported.status !== 200) throw new Error(`POST /org-units/import: ${imported.status} ${(await imported.text()).slice(0, 300)}`);
  const office = 'faults-office';
  await ok(
    admin.call('POST', '/org-units', {
      id: office,
      parentId: root,
      level: 'tinh',
      kind: 'BAN_DAN_VAN',
      canonicalName: 'Ban Dân vận thử nghiệm',
      activeFrom: '2020-01-01',
    }),
  );
  await ok(
    admin.call('POST', '/users', {
      username: 'faults.cv',
      displayName: 'Chuyên viên',
      password: FAULT_PASSWORD,
      roles: ['coordinator'],
      officeUnitId: office,
    }),
  );
  const reporters: ApiSession[] = [];
  for (let k = 0; k * perReporter < n; k++) {
    const username = `faults.cb${k}`;
    await ok(
      admin.call('POST', '/users', {
        username,
        displayName: `Cán bộ ${k}`,
        password: FAULT_PASSWORD,
        roles: ['reporter'],
        unitIds: unitIds.slice(k * perReporter, (k + 1) * perReporter),
      }),
    );
    reporters.push(await login(baseUrl, username, FAULT_PASSWORD));
  }
  const coordinator = await login(baseUrl, 'faults.cv', FAULT_PASSWORD);
  const year = 2027;
  const opened = await ok(
    coordinator.call('POST', '/cycles', {
      templateId: 'dan-van-annual',
      period: { kind: 'annual', year, label: `năm ${year}`, dataFrom: `${year - 1}-12-15`, dataTo: `${year}-12-14` },
      issuingBody: { unitId: root, name: 'Tỉnh ủy thử nghiệm', symbol: 'TU' },
      milestones: {
        submissionDeadline: `${year}-12-16`,
        reviewDue: `${year}-12-21`,
        commentsDue: `${year}-12-24`,
        signOffDue: `${year}-12-28`,
        distributionDue: `${year}-12-30`,
      },
      units: unitIds.map((unitId) => ({ unitId })),
      ...cycle,
    }),
  );
  const cycleId = opened.body.id as string;
  await waitForPhase(coordinator, cycleId, 'collecting');
  return { cycleId, unitIds, coordinator, reporterOf: (i) => reporters[Math.floor(i / perReporter)] };
}

export async function ok<T extends { status: number; body: any }>(p: Promise<T>): Promise<T> {
  const res = await p;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res;
}
