import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { isoDateInVietnam } from '@kybaocao/domain/calendar';
import { eventually } from './infra/processes';
import { readModelsCurrent } from './support/read-models';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, TEST_ADMIN_PASSWORD, VALID_CONTENT, waitForPhase } from './support/api-stack';

/**
 * Issue #6: the board's figures for a scripted cycle, through the API (built API and worker processes,
 * Temporal, PostgreSQL), against figures computed by hand below.
 *
 * The cycle: data from 15/12/2025 to 14/11/2026, every unit due on Wed 18/11/2026 — already past, so the
 * workflow closes the window at once and whatever is submitted now is late — except where the coordinator
 * extends a unit's deadline to 31/12/2030.
 *
 * | unit | what happens | status | expected | timeliness |
 * | --- | --- | --- | --- | --- |
 * | Ủy ban MTTQ huyện Phong Thổ (huyen) | submits (late), approved | approved | yes | late |
 * | Hội LHPN huyện Phong Thổ (huyen) | extended to 31/12/2030, submits | submitted | yes | on time |
 * | Hội Nông dân huyện Phong Thổ (huyen) | nothing | not_started | yes | overdue |
 * | Đảng ủy xã Khổng Lào (xa) | submits (late), returned | returned | yes | late (not counted: not submitted) |
 * | Đảng ủy xã Sìn Súi Hồ (xa) | extended to 31/12/2030, nothing | not_started | yes | not due |
 * | Đảng ủy xã Ma Li Pho (xa) | closed on 30/6/2026, before the period ended (merged) | not_started | no | not expected |
 *
 * Expected 5; submitted 2 (completeness 2/5 = 40%); on time 1 (timeliness 1/5 = 20%); late 1; pending 3;
 * overdue 1; returned 1; approved 1. Pending, in Vietnamese name order (Đ after D, before H):
 * "còn 3/5 đơn vị chưa nộp báo cáo (Đảng ủy xã Khổng Lào, Đảng ủy xã Sìn Súi Hồ, Hội Nông dân huyện Phong Thổ)".
 * By level: huyện 2/3 submitted, 1/3 on time; xã 0/2, 0/2. By kind: MTTQ 1/1, HLHPN 1/1, HND 0/1, DANG_UY_XA 0/2.
 */

const PASSWORD = 'mat-khau-thu-nghiem-1';
const DEADLINE = '2026-11-18';
const EXTENDED = '2030-12-31';
const U = {
  mttq: { id: 'mttq-pt', level: 'huyen', kind: 'MTTQ', canonicalName: 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện Phong Thổ' },
  hlhpn: { id: 'hlhpn-pt', level: 'huyen', kind: 'HLHPN', canonicalName: 'Hội Liên hiệp Phụ nữ huyện Phong Thổ' },
  hnd: { id: 'hnd-pt', level: 'huyen', kind: 'HND', canonicalName: 'Hội Nông dân huyện Phong Thổ' },
  khongLao: { id: 'du-khong-lao', level: 'xa', kind: 'DANG_UY_XA', canonicalName: 'Đảng ủy xã Khổng Lào' },
  sinSuiHo: { id: 'du-sin-sui-ho', level: 'xa', kind: 'DANG_UY_XA', canonicalName: 'Đảng ủy xã Sìn Súi Hồ' },
  maLiPho: { id: 'du-ma-li-pho', level: 'xa', kind: 'DANG_UY_XA', canonicalName: 'Đảng ủy xã Ma Li Pho' },
};
const rate = (count: number, of: number, percent: string | null) => ({ count, of, ratio: of ? count / of : null, percent });

describe('board figures of a scripted cycle, through the API (a unit closed mid-period, extended units)', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  let reviewer: ApiSession;
  let cycleId: string;
  const reporter = (unitId: string) => login(stack.api.url, `canbo.${unitId}`, PASSWORD);
  let admin: ApiSession;
  const ok = async (p: Promise<{ status: number; body: any }>, status = 200) => {
    const res = await p;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    stack = await startStack({ seed: false });
    const url = stack.api.url;
    admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    await ok(
      admin.call('POST', '/org-units', {
        id: 'hu-pt',
        parentId: null,
        level: 'huyen',
        kind: 'HUYEN_UY',
        canonicalName: 'Huyện ủy Phong Thổ',
        activeFrom: '2020-01-01',
      }),
      201,
    );
    for (const u of Object.values(U))
      await ok(admin.call('POST', '/org-units', { ...u, parentId: 'hu-pt', activeFrom: '2020-01-01' }), 201);
    await ok(
      admin.call('POST', '/users', {
        username: 'cv.phongtho',
        displayName: 'Chuyên viên',
        password: PASSWORD,
        roles: ['coordinator'],
        officeUnitId: 'hu-pt',
      }),
      201,
    );
    await ok(
      admin.call('POST', '/users', {
        username: 'ld.phongtho',
        displayName: 'Lãnh đạo',
        password: PASSWORD,
        roles: ['reviewer'],
        officeUnitId: 'hu-pt',
      }),
      201,
    );
    for (const u of Object.values(U)) {
      await ok(
        admin.call('POST', '/users', {
          username: `canbo.${u.id}`,
          displayName: `Cán bộ ${u.canonicalName}`,
          password: PASSWORD,
          roles: ['reporter'],
          unitIds: [u.id],
        }),
        201,
      );
    }
    coordinator = await login(url, 'cv.phongtho', PASSWORD);
    reviewer = await login(url, 'ld.phongtho', PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it('computes completeness, timeliness, the groups and the "còn X/Y … chưa nộp (…)" line as by hand', async () => {
    cycleId = (
      await ok(
        coordinator.call('POST', '/cycles', {
          templateId: 'dan-van-annual',
          period: { kind: 'thematic', label: 'sơ kết 11 tháng năm 2026', dataFrom: '2025-12-15', dataTo: '2026-11-14' },
          issuingBody: { unitId: 'hu-pt', name: 'Huyện ủy Phong Thổ', symbol: 'HU' },
          milestones: {
            submissionDeadline: DEADLINE,
            reviewDue: '2026-11-25',
            commentsDue: '2026-11-27',
            signOffDue: '2026-12-02',
            distributionDue: '2026-12-04',
          },
          units: Object.values(U).map((u) => ({ unitId: u.id })),
        }),
        201,
      )
    ).id;
    // The deadline has passed: the workflow opens the window and closes it at once.
    await waitForPhase(coordinator, cycleId, 'reviewing');

    // Ma Li Pho was merged into a neighbour on 30/6/2026, before the period ended: the admin closes it in the registry.
    const closed = await ok(
      admin.call('POST', `/org-units/${U.maLiPho.id}/close`, {
        activeTo: '2026-06-30',
        reason: 'Sáp nhập vào xã Dào San.',
        mergedInto: 'du-dao-san',
      }),
    );
    expect(closed.activeTo).toBe('2026-06-30');
    await eventually(
      async () => (await ok(coordinator.call('GET', '/org-units'))).find((u: any) => u.id === U.maLiPho.id)?.activeTo === '2026-06-30',
      10_000,
      'the closure in the registry',
    );

    for (const unit of [U.hlhpn, U.sinSuiHo]) {
      await ok(
        coordinator.call('POST', `/cycles/${cycleId}/units/${unit.id}/extensions`, {
          newDeadline: EXTENDED,
          reason: 'Đơn vị đề nghị gia hạn do kiện toàn nhân sự.',
        }),
      );
    }
    const sub = (unitId: string, action: string) => `/cycles/${cycleId}/units/${unitId}/submission/${action}`;
    for (const unit of [U.mttq, U.hlhpn, U.khongLao])
      await ok((await reporter(unit.id)).call('POST', sub(unit.id, 'submit'), { content: VALID_CONTENT }));
    await ok(reviewer.call('POST', sub(U.mttq.id, 'approve'), { version: 1 }));
    await ok(
      reviewer.call('POST', sub(U.khongLao.id, 'return'), { reasons: [{ sectionCode: 'II.1', reason: 'Thiếu số liệu tuyên truyền.' }] }),
    );

    await readModelsCurrent(stack.api.url); // the reporters' and the reviewer's writes: other sessions than the coordinator's
    const board = await ok(coordinator.call('GET', `/cycles/${cycleId}/board`));
    const today = isoDateInVietnam(new Date());
    const daysPast = Math.round((Date.parse(today) - Date.parse(DEADLINE)) / 86_400_000);
    expect(daysPast).toBeGreaterThan(0);

    expect(board.overall).toEqual({
      expected: 5,
      submitted: 2,
      onTime: 1,
      submittedLate: 1,
      pending: 3,
      overdue: 1,
      returned: 1,
      approved: 1,
      completeness: rate(2, 5, '40%'),
      timeliness: rate(1, 5, '20%'),
    });
    expect(board.pendingLine).toBe(
      'còn 3/5 đơn vị chưa nộp báo cáo (Đảng ủy xã Khổng Lào, Đảng ủy xã Sìn Súi Hồ, Hội Nông dân huyện Phong Thổ)',
    );
    expect(board.submittedNotExpected).toBe(0);
    expect(board.totalUnits).toBe(6);

    const row = (id: string) => board.units.find((u: any) => u.unitId === id);
    const view = (id: string) => {
      const u = row(id);
      return [u.status, u.expected, u.submitted, u.timeliness, u.daysLate, u.effectiveDeadline];
    };
    expect(view(U.mttq.id)).toEqual(['approved', true, true, 'late', daysPast, DEADLINE]);
    expect(view(U.hlhpn.id)).toEqual(['submitted', true, true, 'on_time', 0, EXTENDED]);
    expect(view(U.hnd.id)).toEqual(['not_started', true, false, 'overdue', daysPast, DEADLINE]);
    expect(view(U.khongLao.id)).toEqual(['returned', true, false, 'late', daysPast, DEADLINE]);
    expect(view(U.sinSuiHo.id)).toEqual(['not_started', true, false, 'not_due', 0, EXTENDED]);
    expect(view(U.maLiPho.id)).toEqual(['not_started', false, false, 'not_expected', 0, DEADLINE]);
    expect(row(U.maLiPho.id).statusLabel).toBe('Chưa nộp');

    const group = (g: any) => [g.key, g.expected, g.submitted, g.onTime, g.completeness.percent, g.timeliness.percent];
    expect(board.byLevel.map(group)).toEqual([
      ['huyen', 3, 2, 1, '66,7%', '33,3%'],
      ['xa', 2, 0, 0, '0%', '0%'],
    ]);
    expect(board.byLevel.map((g: any) => g.label)).toEqual(['Cấp huyện', 'Cấp xã']);
    expect(Object.fromEntries(board.byKind.map((g: any) => [g.key, [g.expected, g.submitted, g.onTime]]))).toEqual({
      MTTQ: [1, 1, 0],
      HLHPN: [1, 1, 1],
      HND: [1, 0, 0],
      DANG_UY_XA: [2, 0, 0],
    });
    expect(board.failedDeliveries).toEqual([]); // no e-mail configured: nothing attempted, nothing failed

    // The same line once the returned commune resubmits: it leaves the list.
    await ok((await reporter(U.khongLao.id)).call('POST', sub(U.khongLao.id, 'submit'), {}));
    await readModelsCurrent(stack.api.url);
    const after = await ok(coordinator.call('GET', `/cycles/${cycleId}/board`));
    expect(after.pendingLine).toBe('còn 2/5 đơn vị chưa nộp báo cáo (Đảng ủy xã Sìn Súi Hồ, Hội Nông dân huyện Phong Thổ)');
    expect(after.overall).toMatchObject({
      submitted: 3,
      onTime: 1,
      submittedLate: 2,
      pending: 2,
      returned: 0,
      completeness: rate(3, 5, '60%'),
      timeliness: rate(1, 5, '20%'),
    });
  });
});
