import { DEMO_DISTRICT_ID } from '../apps/api/src/demo/demo-data';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { login, openCycle, startStack, STARTUP_TIMEOUT_MS, type ApiStack } from './support/api-stack';
import { TEST_ADMIN_PASSWORD } from './infra/processes';

/**
 * Issue #16, without timing: what a request answers does not grow with the number of units. A cycle of 200
 * units and one of 2,000 (opened in one call each) answer GET /cycles/{id} in the same size, and the board's
 * first page holds one page of rows with every total; only the download holds every row.
 */
describe('national scale: answers whose size does not follow the number of units', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
  const small = ids('quy-mo-nho', 200);
  const large = ids('quy-mo-lon', 2000);
  let smallCycle: string;
  let largeCycle: string;

  beforeAll(async () => {
    stack = await startStack({ seed: true });
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const csv = [
      'id,parentId,level,kind,canonicalName,activeFrom',
      ...[...small, ...large].map(
        (id, i) =>
          `${id},${DEMO_DISTRICT_ID},xa,${['HLHPN', 'HND', 'DTN', 'HCCB'][i % 4]},Tổ chức thử ${id.slice(-5)} ${id.includes('lon') ? 'lớn' : 'nhỏ'},2020-01-01`,
      ),
    ].join('\n');
    const imported = await fetch(`${stack.api.url}/org-units/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
      body: csv,
    });
    expect(imported.status).toBe(200);
    coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    smallCycle = await openCycle(coordinator, small);
    largeCycle = await openCycle(coordinator, large); // 2,000 units in one call
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

  it('GET /cycles/{id} answers the same size at 200 and 2,000 units; the units are paged on their own route', async () => {
    const [a, b] = await Promise.all([coordinator.call('GET', `/cycles/${smallCycle}`), coordinator.call('GET', `/cycles/${largeCycle}`)]);
    expect([a.body.expectedCount, b.body.expectedCount]).toEqual([200, 2000]);
    expect(Math.abs(bytes(b.body) - bytes(a.body))).toBeLessThanOrEqual(4); // "200" vs "2000" and the like
    const page = await coordinator.call('GET', `/cycles/${largeCycle}/units`);
    expect(page.body.total).toBe(2000);
    expect(page.body.items.length).toBeLessThan(2000);
  });

  it("the board's first page holds one page of rows and every total, in the same size at 200 and 2,000 units", async () => {
    const [a, b] = await Promise.all([
      coordinator.call('GET', `/cycles/${smallCycle}/board`),
      coordinator.call('GET', `/cycles/${largeCycle}/board`),
    ]);
    expect([a.body.units.length, b.body.units.length]).toEqual([100, 100]);
    expect([a.body.totalUnits, b.body.totalUnits, b.body.page.matching]).toEqual([200, 2000, 2000]);
    expect(b.body.overall).toMatchObject({ expected: 2000, pending: 2000 });
    expect(b.body.byKind.map((g: any) => g.expected)).toEqual([500, 500, 500, 500]);
    expect(b.body.pendingLine).toMatch(/^còn 2\.000\/2\.000 đơn vị chưa nộp báo cáo \(.* và 1\.970 đơn vị khác\)$/);
    expect(Math.abs(bytes(b.body) - bytes(a.body))).toBeLessThan(bytes(a.body) * 0.03);
    // The last page, and a page size past the limit refused.
    const last = await coordinator.call('GET', `/cycles/${largeCycle}/board?offset=1950&limit=100`);
    expect(last.body.units).toHaveLength(50);
    const tooMany = await coordinator.call('GET', `/cycles/${largeCycle}/board?limit=501`);
    expect({ status: tooMany.status, error: tooMany.body.error }).toEqual({ status: 400, error: 'VALIDATION_FAILED' });
  });

  it('the CSV download holds every row, streamed', async () => {
    const res = await fetch(`${stack.api.url}/cycles/${largeCycle}/board.csv?sort=name`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2001);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(2000);
  });

  it('GET /cycles and GET /org-units page with X-Next-Cursor and Link, the answer still an array', async () => {
    const first = await coordinator.call('GET', `/org-units?parentId=${DEMO_DISTRICT_ID}&limit=1500`);
    expect(first.body).toHaveLength(1500);
    const cursor = first.headers.get('x-next-cursor');
    expect(first.headers.get('link')).toBe(`</org-units?parentId=${DEMO_DISTRICT_ID}&limit=1500&cursor=${cursor}>; rel="next"`);
    const rest = await coordinator.call('GET', `/org-units?parentId=${DEMO_DISTRICT_ID}&limit=1500&cursor=${cursor}`);
    expect(rest.headers.get('x-next-cursor')).toBeNull();
    const all = [...first.body, ...rest.body].map((u: any) => u.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => id.startsWith('quy-mo-'))).toHaveLength(2200);
    const cycles = await coordinator.call('GET', '/cycles?limit=1');
    expect(cycles.body).toHaveLength(1);
    const next = await coordinator.call('GET', `/cycles?limit=1&cursor=${cycles.headers.get('x-next-cursor')}`);
    expect(next.body[0].id).not.toBe(cycles.body[0].id);
    expect((await coordinator.call('GET', '/cycles?cursor=not-a-cursor')).status).toBe(400);
  });

  it('the report checks list the first 50 units that have no approved submission and count the rest; the whole list is paged', async () => {
    const [a, b] = await Promise.all([
      coordinator.call('GET', `/cycles/${smallCycle}/report/checks`),
      coordinator.call('GET', `/cycles/${largeCycle}/report/checks`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.missingUnitsTotal, b.body.missingUnitsTotal]).toEqual([200, 2000]);
    expect(b.body.missingUnits).toEqual(large.slice(0, 50)); // the cycle's unit order
    expect(a.body.missingUnits).toHaveLength(50);
    expect(Math.abs(bytes(b.body) - bytes(a.body))).toBeLessThan(bytes(a.body) * 0.03);
    // Every unit, named, 100 a page: page 20 is the last full one, page 21 is empty, the count on each.
    const first = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/missing-units`);
    expect(first.body).toMatchObject({ page: 1, pageSize: 100, total: 2000 });
    expect(first.body.units).toHaveLength(100);
    expect(first.body.units[0]).toEqual({ unitId: large[0], unitName: 'Tổ chức thử 00001 lớn' });
    const last = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/missing-units?page=20`);
    expect(last.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(large.slice(1900));
    const past = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/missing-units?page=21`);
    expect(past.body).toMatchObject({ page: 21, total: 2000, units: [] });
    const bad = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/missing-units?page=0`);
    expect({ status: bad.status, error: bad.body.error }).toEqual({ status: 400, error: 'VALIDATION_FAILED' });
    // The findings are counted too (none yet: the next test approves figures that break a rule).
    expect(b.body).toMatchObject({ findings: [], findingsTotal: 0, findingCounts: { error: 0, warning: 0 } });
    const findings = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/findings?page=2&severity=error`);
    expect(findings.body).toMatchObject({ page: 2, pageSize: 100, severity: 'error', total: 0, findings: [] });
    for (const query of ['page=0', 'page=x', 'severity=fatal']) {
      const refused = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/findings?${query}`);
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'VALIDATION_FAILED' });
    }
  });

  it('the report checks list the first 50 findings and count them per severity; every finding is paged', async () => {
    // Every unit's approved figures break one error rule (fewer units supervised than supervisions). They are written
    // straight into the approvals read model (as board-cost.int-spec.ts writes the board's): 2,200 submissions and
    // approvals through the API would take minutes.
    const figures = { TT_BUOI: { value: 2 }, GS_CUOC: { value: 3 }, GS_DON_VI: { value: 1 }, HV_KET_NAP: { value: 1 } };
    for (const [cycle, units] of [
      [smallCycle, small],
      [largeCycle, large],
    ] as const) {
      await stack.db.owner.query(
        `INSERT INTO submission_versions (cycle_id, unit_id, version, figures, narrative) SELECT $1, u, 1, $3::jsonb, '{}' FROM unnest($2::text[]) u`,
        [cycle, units, JSON.stringify(figures)],
      );
      await stack.db.owner.query(
        `INSERT INTO submission_approvals (cycle_id, unit_id, version, source_event_id, source_position, approved_at)
         SELECT $1, u, 1, gen_random_uuid(), 1000000 + n, now() FROM unnest($2::text[]) WITH ORDINALITY AS x(u, n)`,
        [cycle, units],
      );
    }
    const [a, b] = await Promise.all([
      coordinator.call('GET', `/cycles/${smallCycle}/report/checks`),
      coordinator.call('GET', `/cycles/${largeCycle}/report/checks`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.findingCounts, b.body.findingCounts]).toEqual([
      { error: 200, warning: 0 },
      { error: 2000, warning: 0 },
    ]);
    expect([a.body.findingsTotal, b.body.findingsTotal, a.body.findings.length, b.body.findings.length]).toEqual([200, 2000, 50, 50]);
    expect(b.body.findings.map((f: any) => f.unitId)).toEqual(large.slice(0, 50)); // the cycle's unit order
    expect(b.body.findings[0]).toMatchObject({ unitName: 'Tổ chức thử 00001 lớn', violation: { code: 'R_GS_DON_VI_GTE_CUOC' } });
    expect(Math.abs(bytes(b.body) - bytes(a.body))).toBeLessThan(bytes(a.body) * 0.03);
    // Every finding, 100 a page: page 20 holds the last of the 2,000, page 21 none.
    const last = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/findings?page=20&severity=error`);
    expect(last.body).toMatchObject({ page: 20, pageSize: 100, total: 2000, findingCounts: { error: 2000, warning: 0 } });
    expect(last.body.findings.map((f: any) => f.unitId)).toEqual(large.slice(1900));
    const past = await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/findings?page=21`);
    expect(past.body).toMatchObject({ page: 21, total: 2000, findings: [] });
    expect((await coordinator.call('GET', `/cycles/${largeCycle}/report/checks/findings?severity=warning`)).body.total).toBe(0);
  });

  it('close-submissions answers the same size at 200 and 2,000 units, the cycle in review', async () => {
    // Last: it moves both cycles out of collecting.
    const [a, b] = [
      await coordinator.call('POST', `/cycles/${smallCycle}/close-submissions`),
      await coordinator.call('POST', `/cycles/${largeCycle}/close-submissions`),
    ];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.status, b.body.status]).toEqual(['reviewing', 'reviewing']);
    expect([a.body.expectedCount, b.body.expectedCount]).toEqual([200, 2000]);
    expect(Math.abs(bytes(b.body) - bytes(a.body))).toBeLessThanOrEqual(4); // "200" vs "2000" and the like
  });
});
