import { ApiSession } from '../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  cycleBody,
  eventCount,
  login,
  openCycle,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  TEST_ADMIN_PASSWORD,
  DEMO_PASSWORD,
  waitForPhase,
} from './support/api-stack';
import { readModelsCurrent } from './support/read-models';

/**
 * Lower-level cycles feeding a higher one: Đảng ủy xã Sơn Bình runs its own cycle over its Hội LHPN and Hội
 * Nông dân; once its report is signed, the commune's reporter submits that consolidated result as Sơn Bình's
 * figures in the district's cycle. A district total then traces to the district approval, that submission's
 * source names the commune's signed report, and the commune's totals trace to its organisations' approvals.
 */

const COMMUNE = 'du-xa-son-binh';
const HLHPN_XA = 'hlhpn-son-binh';
const HND_XA = 'hnd-son-binh';
const HLHPN = 'hlhpn-tam-duong';
const sub = (cycleId: string, unit: string, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;

describe('roll-up: a commune cycle feeds the district cycle', () => {
  let stack: ApiStack;
  let coordinator: ApiSession, reviewer: ApiSession, signer: ApiSession, communeReporter: ApiSession, districtHlhpn: ApiSession;
  let communeCoordinator: ApiSession, communeReviewer: ApiSession, communeSigner: ApiSession;
  let communeCycle: string;
  let districtCycle: string;

  async function ok(session: ApiSession, method: string, path: string, body?: unknown) {
    const res = await session.call(method, path, body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    for (const [id, kind, name, shortName] of [
      [HLHPN_XA, 'HLHPN', 'Hội Liên hiệp Phụ nữ xã Sơn Bình', 'Hội LHPN xã'],
      [HND_XA, 'HND', 'Hội Nông dân xã Sơn Bình', 'Hội Nông dân xã'],
    ]) {
      await ok(admin, 'POST', '/org-units', {
        id,
        parentId: COMMUNE,
        level: 'xa',
        kind,
        canonicalName: name,
        shortName,
        activeFrom: '2020-01-01',
      });
      await ok(admin, 'POST', '/users', {
        username: `canbo.${id}`,
        displayName: `Cán bộ ${shortName}`,
        password: DEMO_PASSWORD,
        roles: ['reporter'],
        unitIds: [id],
      });
    }
    // The commune's own office runs its cycle (issue #17: office users act only on their office's cycles).
    for (const [username, role] of [
      ['cv.son-binh', 'coordinator'],
      ['ld.son-binh', 'reviewer'],
      ['bt.son-binh', 'signer'],
    ]) {
      await ok(admin, 'POST', '/users', {
        username,
        displayName: `Cán bộ Đảng ủy xã Sơn Bình (${role})`,
        password: DEMO_PASSWORD,
        roles: [role],
        officeUnitId: COMMUNE,
      });
    }
    [coordinator, reviewer, signer, communeReporter, districtHlhpn, communeCoordinator, communeReviewer, communeSigner] = await Promise.all(
      [
        login(url, 'chuyenvien.bdv'),
        login(url, 'lanhdao.bdv'),
        login(url, 'btv.pbt'),
        login(url, `canbo.${COMMUNE}`),
        login(url, `canbo.${HLHPN}`),
        login(url, 'cv.son-binh'),
        login(url, 'ld.son-binh'),
        login(url, 'bt.son-binh'),
      ],
    );
    const commune = await ok(
      communeCoordinator,
      'POST',
      '/cycles',
      cycleBody([HLHPN_XA, HND_XA], { issuingBody: { unitId: COMMUNE, name: 'Đảng ủy xã Sơn Bình', symbol: 'ĐU' } }),
    );
    communeCycle = commune.body.id;
    await waitForPhase(communeCoordinator, communeCycle, 'collecting');
    districtCycle = await openCycle(coordinator, [COMMUNE, HLHPN]);
    const figures: Record<string, object> = {
      [HLHPN_XA]: { TT_BUOI: { value: 14 }, TT_LUOT_NGUOI: { value: 620, qualifier: 'tren' }, HV_KET_NAP: { value: 25 } },
      [HND_XA]: { TT_BUOI: { value: 6 }, TT_LUOT_NGUOI: { value: 240 }, HV_KET_NAP: { value: 11 } },
    };
    for (const unit of [HLHPN_XA, HND_XA]) {
      const reporter = await login(url, `canbo.${unit}`);
      await ok(reporter, 'POST', sub(communeCycle, unit, '/submit'), { content: { figures: figures[unit], narrative: {} } });
      await ok(communeReviewer, 'POST', sub(communeCycle, unit, '/approve'), { version: 1 });
    }
    await ok(communeCoordinator, 'POST', `/cycles/${communeCycle}/close-submissions`);
    await ok(communeCoordinator, 'POST', `/cycles/${communeCycle}/report/draft`, { title: 'kết quả công tác dân vận năm 2027' });
    await ok(communeReviewer, 'POST', `/cycles/${communeCycle}/advance`, { to: 'commenting' });
    await ok(communeCoordinator, 'POST', `/cycles/${communeCycle}/advance`, { to: 'signing' });
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses the commune's result before its report is signed, and a cycle that is not the unit's own", async () => {
    const before = await eventCount(stack.db);
    const unsigned = await communeReporter.call('POST', sub(districtCycle, COMMUNE, '/from-cycle'), { sourceCycleId: communeCycle });
    expect({ status: unsigned.status, error: unsigned.body.error, messageVi: unsigned.body.messageVi }).toEqual({
      status: 409,
      error: 'SOURCE_REPORT_NOT_SIGNED',
      messageVi: 'Báo cáo của kỳ cấp dưới chưa được ký ban hành (hoặc đã bị thu hồi).',
    });
    const notOwn = await districtHlhpn.call('POST', sub(districtCycle, HLHPN, '/from-cycle'), { sourceCycleId: communeCycle });
    expect({ status: notOwn.status, error: notOwn.body.error, message: notOwn.body.message }).toEqual({
      status: 422,
      error: 'SOURCE_CYCLE_NOT_OF_UNIT',
      message: `cycle ${communeCycle} is issued by ${COMMUNE}, not by unit ${HLHPN}`,
    });
    const otherUnit = await communeReporter.call('POST', sub(districtCycle, HLHPN, '/from-cycle'), { sourceCycleId: communeCycle });
    expect({ status: otherUnit.status, message: otherUnit.body.message }).toEqual({
      status: 403,
      message: `user canbo.${COMMUNE} does not report for unit ${HLHPN}`,
    });
    const notUuid = await communeReporter.call('POST', sub(districtCycle, COMMUNE, '/from-cycle'), { sourceCycleId: 'xa-son-binh-2027' });
    expect({ status: notUuid.status, error: notUuid.body.error, message: notUuid.body.message }).toEqual({
      status: 400,
      error: 'VALIDATION_FAILED',
      message: ['sourceCycleId must be a UUID'],
    });
    const unknown = '7b0c6f1e-1d2a-4b3c-8d4e-5f6a7b8c9d0e';
    const missing = await communeReporter.call('POST', sub(districtCycle, COMMUNE, '/from-cycle'), { sourceCycleId: unknown });
    expect({ status: missing.status, error: missing.body.error, message: missing.body.message }).toEqual({
      status: 404,
      error: 'CYCLE_NOT_FOUND',
      message: `cycle ${unknown} does not exist`,
    });
    expect(await eventCount(stack.db)).toBe(before);
  });

  it("rolls the board up: under Sơn Bình, the commune's own cycle; totals per depth and overall", async () => {
    await readModelsCurrent(stack.api.url); // the commune's cycle and submissions: other sessions' writes
    const res = await ok(coordinator, 'GET', `/cycles/${districtCycle}/board/hierarchy`);
    const { root, byDepth, all } = res.body;
    expect(root).toMatchObject({
      unitId: null,
      depth: 0,
      cycle: { id: districtCycle },
      overall: { expected: 2, submitted: 0, onTime: 0, completeness: '0%' },
    });
    expect(root.children).toHaveLength(1);
    expect(root.children[0]).toMatchObject({
      unitId: COMMUNE,
      depth: 1,
      cycle: { id: communeCycle, issuingBodyName: 'Đảng ủy xã Sơn Bình' },
      overall: { expected: 2, submitted: 2, onTime: 2, pending: 0, completeness: '100%', timeliness: '100%' },
      children: [],
    });
    expect(root.pendingLine).toBe('còn 2/2 đơn vị chưa nộp báo cáo (Đảng ủy xã Sơn Bình, Hội Liên hiệp Phụ nữ huyện Tam Đường)');
    expect(byDepth).toEqual([
      { depth: 0, cycles: 1, expected: 2, submitted: 0, onTime: 0, completeness: '0%', timeliness: '0%' },
      { depth: 1, cycles: 1, expected: 2, submitted: 2, onTime: 2, completeness: '100%', timeliness: '100%' },
    ]);
    expect(all).toEqual({ cycles: 2, expected: 4, submitted: 2, onTime: 2, completeness: '50%', timeliness: '50%' });
    expect((await districtHlhpn.call('GET', `/cycles/${districtCycle}/board/hierarchy`)).status).toBe(403);
  });

  it("submits the commune's signed, consolidated figures as Sơn Bình's submission, naming the source", async () => {
    // The district's office reads the commune's cycle (it rolls up to it) but does not act on it.
    expect((await signer.call('GET', `/cycles/${communeCycle}/report`)).status).toBe(200);
    const districtSign = await signer.call('POST', `/cycles/${communeCycle}/report/sign`, { version: 1 });
    expect({ status: districtSign.status, message: districtSign.body.message }).toEqual({
      status: 403,
      message: `the cycle is issued by ${COMMUNE}, below your office: you may read it, not act on it`,
    });
    const signed = await ok(communeSigner, 'POST', `/cycles/${communeCycle}/report/sign`, { version: 1 });
    expect(signed.body.document.number).toEqual({ scheme: 'party', typeCode: 'BC', bodySymbol: 'ĐU' });
    const signedEventId = (await streamEvents(stack.db, `report-${communeCycle}`)).find((e) => e.event_type === 'ReportSigned')!.event_id;
    const res = await ok(communeReporter, 'POST', sub(districtCycle, COMMUNE, '/from-cycle'), { sourceCycleId: communeCycle });
    expect(res.body.status).toBe('submitted');
    expect(res.body.versions[0]).toMatchObject({
      version: 1,
      figures: { TT_BUOI: { value: 20 }, TT_LUOT_NGUOI: { value: 860, qualifier: 'tren' }, HV_KET_NAP: { value: 36 } },
      source: { cycleId: communeCycle, reportVersion: 1, signedEventId },
    });
  });

  it("a district total traces down: district approval → commune signed report → the commune organisations' approvals", async () => {
    await ok(reviewer, 'POST', sub(districtCycle, COMMUNE, '/approve'), { version: 1 });
    await ok(districtHlhpn, 'POST', sub(districtCycle, HLHPN, '/submit'), {
      content: { figures: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400 } }, narrative: {} },
    });
    await ok(reviewer, 'POST', sub(districtCycle, HLHPN, '/approve'), { version: 1 });
    await ok(coordinator, 'POST', `/cycles/${districtCycle}/close-submissions`);

    const district = (await ok(reviewer, 'GET', `/cycles/${districtCycle}/report/checks`)).body;
    const sessions = district.totals.find((t: any) => t.code === 'TT_BUOI');
    expect(sessions).toMatchObject({ total: { value: 140 }, text: '140 buổi', sourceCount: 2 });
    // Which submissions a total sums: the draft's figure passage, through figure-sources.
    await ok(coordinator, 'POST', `/cycles/${districtCycle}/report/draft`, { title: 'kết quả công tác dân vận năm 2027' });
    const sourcesOf = async (cycle: string) =>
      (await ok(reviewer, 'GET', `/cycles/${cycle}/report/versions/1/figure-sources?passageId=s2.1/p1`)).body.indicators.find(
        (i: any) => i.code === 'TT_BUOI',
      ).sources;
    const communeInDistrict = (await sourcesOf(districtCycle)).find((p: any) => p.unitId === COMMUNE);
    const approval = (await streamEvents(stack.db, `submission-${districtCycle}:${COMMUNE}`)).find(
      (e) => e.event_type === 'SubmissionApproved',
    )!;
    expect(communeInDistrict.sourceEventId).toBe(approval.event_id);

    const submission = (await ok(reviewer, 'GET', sub(districtCycle, COMMUNE))).body;
    const source = submission.versions[0].source;
    expect(source.cycleId).toBe(communeCycle);

    const commune = (await ok(reviewer, 'GET', `/cycles/${source.cycleId}/report/checks`)).body;
    const communeSessions = commune.totals.find((t: any) => t.code === 'TT_BUOI');
    const communeApprovals = await Promise.all(
      [HLHPN_XA, HND_XA].map(
        async (u) =>
          (await streamEvents(stack.db, `submission-${communeCycle}:${u}`)).find((e) => e.event_type === 'SubmissionApproved')!.event_id,
      ),
    );
    expect(communeSessions.sourceCount).toBe(2);
    expect((await sourcesOf(source.cycleId)).map((p: any) => [p.unitId, p.sourceEventId])).toEqual([
      [HLHPN_XA, communeApprovals[0]],
      [HND_XA, communeApprovals[1]],
    ]);
    expect(communeSessions.total.value + 120).toBe(sessions.total.value);
  });
});
