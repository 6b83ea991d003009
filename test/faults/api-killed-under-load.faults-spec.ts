import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../infra/db';
import { RunningProcess, startApi, startWorker } from '../infra/processes';
import { loadUnitsAndCycle, LoadFixture, Outcome, printTable, retrying } from './support';

const UNITS = 1000;
const PER_REPORTER = 100;

/**
 * 1,000 units save a draft and submit it at once, each client retrying with its Idempotency-Key as the web UI does;
 * the API process is SIGKILLed twice while the requests are in flight and started again on the same address.
 * The event store must then hold every acknowledged submission exactly once, and nothing more.
 */
describe('the API SIGKILLed twice under 1,000 concurrent submissions', () => {
  let db: TestDatabase;
  let worker: RunningProcess;
  let api: RunningProcess & { url: string };
  let env: { DATABASE_URL: string; TEMPORAL_TASK_QUEUE: string; TEMPORAL_ADDRESS: string; API_PORT?: string };
  let fixture: LoadFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `faults-${randomUUID()}`, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
    worker = startWorker(env);
    api = await startApi(env);
    env.API_PORT = new URL(api.url).port;
    fixture = await loadUnitsAndCycle(api.url, UNITS, PER_REPORTER);
  }, 600000);
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await db?.drop();
  });

  it('stores every acknowledged submission exactly once and loses none', async () => {
    const { cycleId, unitIds, reporterOf } = fixture;
    let acknowledged = 0;
    const kills: { atAcknowledged: number; restartSeconds: number }[] = [];
    const killAt = [Math.round(UNITS * 0.3), Math.round(UNITS * 1.1)]; // counted over drafts and submissions (2 per unit)
    let killing: Promise<void> | null = null;
    const acknowledge = () => {
      acknowledged++;
      if (!killing && kills.length < killAt.length && acknowledged >= killAt[kills.length]) {
        killing = (async () => {
          const at = acknowledged;
          await api.kill();
          const t = Date.now();
          api = await startApi(env);
          kills.push({ atAcknowledged: at, restartSeconds: (Date.now() - t) / 1000 });
          killing = null;
        })();
      }
    };

    const content = (i: number) => ({
      figures: { TT_BUOI: { value: 10 + (i % 7) }, TT_LUOT_NGUOI: { value: 500 + i } },
      narrative: { 'II.1': `Tổ chức ${10 + (i % 7)} buổi tuyên truyền.` },
    });
    const retry = { deadlineMs: 480000, attemptTimeoutMs: 120000 };
    const outcomes = await Promise.all(
      unitIds.map(async (unitId, i): Promise<{ draft: Outcome; submit?: Outcome }> => {
        const base = `/cycles/${cycleId}/units/${unitId}/submission`;
        const draft = await retrying(reporterOf(i), 'PUT', `${base}/draft`, content(i), `draft-${unitId}`, retry);
        if (draft.status !== 200) return { draft };
        acknowledge();
        const submit = await retrying(reporterOf(i), 'POST', `${base}/submit`, {}, `submit-${unitId}`, retry);
        if (submit.status === 200) acknowledge();
        return { draft, submit };
      }),
    );
    while (killing) await killing;

    // The event store itself: one draft and one submission event per unit, no more.
    const rows: { stream_id: string; event_type: string; n: number }[] = await db.owner.query(
      `SELECT stream_id, event_type, count(*)::int AS n FROM events WHERE stream_id LIKE $1 GROUP BY stream_id, event_type`,
      [`submission-${cycleId}:%`],
    );
    const count = (type: string) => new Map(rows.filter((r) => r.event_type === type).map((r) => [r.stream_id.split(':')[1], r.n]));
    const submitted = count('SubmissionSubmitted');
    const drafts = count('SubmissionDraftSaved');
    const ackedUnits = unitIds.filter((_, i) => outcomes[i].submit?.status === 200);
    const failures = outcomes.flatMap((o) => [...o.draft.failures, ...(o.submit?.failures ?? [])]);
    const figures = {
      tried: UNITS,
      acknowledged: ackedUnits.length,
      stored: [...submitted.keys()].length,
      duplicated: [...submitted.values()].filter((n) => n > 1).length + [...drafts.values()].filter((n) => n > 1).length,
      lost: ackedUnits.filter((u) => !submitted.has(u)).length,
    };
    printTable('Faults — API SIGKILLed twice under load (draft + submit per unit, Idempotency-Key retries)', [
      ['submissions tried', figures.tried],
      ['acknowledged (200)', figures.acknowledged],
      ['stored (event store)', figures.stored],
      ['duplicated', figures.duplicated],
      ['lost', figures.lost],
      ['HTTP requests sent', outcomes.reduce((s, o) => s + o.draft.attempts + (o.submit?.attempts ?? 0), 0)],
      ['retried after no answer', failures.filter((s) => s === 0).length],
      ['retried after 5xx', failures.filter((s) => s >= 500).length],
      ['retried after 409 race', failures.filter((s) => s === 409).length],
      ['API kills (at acknowledged, restart s)', kills.map((k) => `${k.atAcknowledged} (${k.restartSeconds.toFixed(1)} s)`).join(', ')],
    ]);

    expect(kills).toHaveLength(2);
    expect(failures.filter((s) => s === 0).length).toBeGreaterThan(0); // the kills did cut requests off
    const unanswered = outcomes.map((o, i) => [unitIds[i], o.submit ?? o.draft] as const).filter(([, o]) => o.status !== 200);
    expect(unanswered.map(([u, o]) => `${u}: ${o.status} ${JSON.stringify(o.body).slice(0, 200)}`)).toEqual([]);
    expect(figures).toEqual({ tried: UNITS, acknowledged: UNITS, stored: UNITS, duplicated: 0, lost: 0 });
    expect(drafts.size).toBe(UNITS);
    // Nothing stored that was not acknowledged.
    expect([...submitted.keys()].filter((u) => !ackedUnits.includes(u))).toEqual([]);
  });
});
