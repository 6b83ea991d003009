import { randomUUID } from 'node:crypto';
import { Connection, Client } from '@temporalio/client';
import { ApiSession, seedDemo } from '../apps/api/src/demo/seed-demo';
import { DEMO_PASSWORD, DEMO_REPORTING_UNIT_IDS } from '../apps/api/src/demo/demo-data';
import { createTestDatabase, TestDatabase } from './infra/db';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from './infra/processes';

/**
 * The thin slice through everything, as separate processes: the built API and worker, the real Temporal
 * dev server and PostgreSQL. POST a cycle → its workflow runs; POST a submission → an event row; GET the
 * cycle → phase (workflow query) and who submitted (read model). Then the worker is SIGKILLed mid-cycle.
 */
describe('walking skeleton (API + worker processes, Temporal, PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningProcess & { url: string };
  let worker: RunningProcess;
  let temporal: Client;
  const taskQueue = `e2e-${randomUUID()}`;
  let coordinator: ApiSession;
  const http = (method: string, path: string, body?: unknown) => coordinator.call(method, path, body);
  const anonymous = async (path: string) => {
    const res = await fetch(`${api.url}${path}`);
    return { status: res.status, body: (await res.json()) as any };
  };
  const eventCount = async () => (await db.owner.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
    worker = startWorker(env);
    api = await startApi(env);
    temporal = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await db?.drop();
  });

  it('reports database and Temporal separately on /health, without login', async () => {
    const res = await anonymous('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('lists the routes in the OpenAPI document at /docs', async () => {
    const res = await anonymous('/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/org-units',
        '/cycles',
        '/cycles/{cycleId}',
        '/cycles/{cycleId}/close-submissions',
        '/cycles/{cycleId}/advance',
        '/cycles/{cycleId}/units/{unitId}/submission/submit',
      ]),
    );
    const html = await fetch(`${api.url}/docs`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('swagger-ui');
  });

  it('requires a session for everything else', async () => {
    expect(await anonymous('/org-units')).toMatchObject({ status: 401, body: { error: 'AUTHENTICATION_REQUIRED' } });
  });

  it('rejects a bad cycle with a 400 that names the field, and stores nothing', async () => {
    expect((await seedDemo(api.url, TEST_ADMIN_PASSWORD)).created).toBe(true);
    coordinator = await ApiSession.login(api.url, 'chuyenvien.bdv', DEMO_PASSWORD);
    const before = await eventCount();
    const res = await http('POST', '/cycles', {
      period: { kind: 'annual', label: 'năm 2026', dataFrom: '2025-12-15', dataTo: '14/12/2026' },
      units: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.message).toEqual(
      expect.arrayContaining(['period.dataTo must be a date YYYY-MM-DD', 'units must name at least one unit']),
    );
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['period.dataTo', 'units', 'issuingBody', 'milestones']),
    );
    expect(await eventCount()).toBe(before);
  });

  let cycleId: string;

  it('opens the demo cycle: a workflow with the cycle id runs in Temporal and the cycle is collecting', async () => {
    const opened = await http('GET', '/org-units'); // the demo's units are registered…
    expect(opened.body).toHaveLength(22); // with the province above the district (issue #14)
    cycleId = (await db.owner.query(`SELECT id FROM cycles`))[0].id; // …and its cycle opened by seedDemo
    const description = await temporal.workflow.getHandle(cycleId).describe();
    expect(description.type).toBe('reportingCycle');
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(taskQueue);

    const cycle = await eventually(
      async () => {
        const r = await http('GET', `/cycles/${cycleId}`);
        return r.body.status === 'collecting' && r.body.workflow?.phase === 'collecting' ? r : null;
      },
      20000,
      'the cycle to be collecting',
    );
    expect(cycle.headers.get('etag')).toBe(`"${cycle.body.version}"`);
    expect(cycle.body.expectedCount).toBe(DEMO_REPORTING_UNIT_IDS.length);
    expect(cycle.body.submittedCount).toBe(0);
    expect(cycle.body.workflow.nextTimerAt).toBe('2026-12-16T17:00:00.000Z');
    expect((await seedDemo(api.url, TEST_ADMIN_PASSWORD)).created).toBe(false); // a second start keeps the data
  });

  it('records a submission as an immutable event and shows who has submitted', async () => {
    const unitId = 'hlhpn-tam-duong';
    const reporter = await ApiSession.login(api.url, `canbo.${unitId}`, DEMO_PASSWORD);
    const res = await reporter.call('POST', `/cycles/${cycleId}/units/${unitId}/submission/submit`, {
      content: {
        figures: { TT_BUOI: { value: 245 }, TT_LUOT_NGUOI: { value: 9800, qualifier: 'tren' } },
        narrative: { 'II.1': 'Hội LHPN các cấp tổ chức 245 buổi tuyên truyền cho 9.800 lượt hội viên.'.normalize('NFD') },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', streamVersion: 1 });
    // The submission's ETag is its stream version, on the write's answer and on a read.
    expect(res.headers.get('etag')).toBe('"1"');
    const read = await reporter.call('GET', `/cycles/${cycleId}/units/${unitId}/submission`);
    expect({ status: read.status, etag: read.headers.get('etag') }).toEqual({ status: 200, etag: '"1"' });
    const [row] = await db.owner.query(`SELECT stream_id, event_type, data, metadata FROM events WHERE stream_id = $1`, [
      `submission-${cycleId}:${unitId}`,
    ]);
    expect(row.event_type).toBe('SubmissionSubmitted');
    expect(row.data.narrative['II.1']).toBe('Hội LHPN các cấp tổ chức 245 buổi tuyên truyền cho 9.800 lượt hội viên.'.normalize('NFC'));
    expect(row.metadata).toMatchObject({ username: `canbo.${unitId}`, actor: { role: 'reporter' } });

    const cycle = await http('GET', `/cycles/${cycleId}`);
    expect(cycle.body.submittedCount).toBe(1);
    const units = (await http('GET', `/cycles/${cycleId}/units?limit=100`)).body.items;
    expect(units.find((u: { unitId: string }) => u.unitId === unitId)).toMatchObject({
      status: 'submitted',
      late: false,
      currentVersion: 1,
    });
    expect(units.filter((u: { status: string }) => u.status === 'not_started')).toHaveLength(DEMO_REPORTING_UNIT_IDS.length - 1);
  });

  it("serves the cycle's audit trail (also as of a past time) and verifies the hash chain", async () => {
    const trail = await http('GET', `/cycles/${cycleId}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.body.map((e: { type: string }) => e.type)).toEqual(['CycleOpened', 'CyclePhaseAdvanced', 'SubmissionSubmitted']);
    const submitted = trail.body[2];
    expect(submitted.metadata).toMatchObject({
      username: 'canbo.hlhpn-tam-duong',
      unitId: 'hlhpn-tam-duong',
      correlationId: expect.any(String),
      causationId: expect.any(String),
    });
    const before = new Date(new Date(submitted.recordedAt).getTime() - 1).toISOString();
    expect(
      (await http('GET', `/cycles/${cycleId}/audit?asOf=${encodeURIComponent(before)}`)).body.map((e: { type: string }) => e.type),
    ).toEqual(['CycleOpened', 'CyclePhaseAdvanced']);
    expect((await http('GET', `/cycles/${cycleId}/audit?asOf=yesterday`)).body).toMatchObject({
      statusCode: 400,
      fields: [{ field: 'asOf' }],
    });
    expect((await http('GET', '/audit/verify')).body).toEqual({
      checkedEvents: await eventCount(),
      broken: [],
      checkpoint: expect.objectContaining({ status: expect.stringMatching(/^(intact|none)$/) }),
    });
  });

  it('carries on after the worker is SIGKILLed while the cycle is open', async () => {
    await worker.kill();
    expect(worker.child.signalCode).toBe('SIGKILL');
    worker = startWorker({ DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: taskQueue });
    const res = await http('POST', `/cycles/${cycleId}/close-submissions`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'reviewing', workflow: { phase: 'reviewing', nextTimerAt: null } });
    const phases = await db.owner.query(`SELECT event_type FROM events WHERE stream_id = $1 ORDER BY version`, [`cycle-${cycleId}`]);
    expect(phases.map((r: { event_type: string }) => r.event_type)).toEqual([
      'CycleOpened',
      'CyclePhaseAdvanced',
      'SubmissionWindowClosed',
    ]);
  });

  it('refuses a phase jump with 409 and the reason, without touching the event store', async () => {
    const before = await eventCount();
    const res = await http('POST', `/cycles/${cycleId}/advance`, { to: 'signing' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'CYCLE_PHASE_NOT_NEXT', message: 'cannot move from reviewing to signing; next is commenting' });
    expect(await eventCount()).toBe(before);
  });
});
