import { ApiSession } from '../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  DEMO_PASSWORD,
  login,
  openCycle,
  startStack,
  TEST_ADMIN_PASSWORD,
  VALID_CONTENT,
  STARTUP_TIMEOUT_MS,
} from './support/api-stack';
import { expectError } from './support/expect-errors';
import { demoCycleBody } from '../apps/api/src/demo/demo-data';
import { eventually } from './infra/processes';
import { calendarDaysBetween, isoDateInVietnam } from '@kybaocao/domain/calendar';
import { readModelsCurrent } from './support/read-models';

/**
 * The web app's work lists (issue #13): the reporter's "Việc của tôi" (GET /me/assignments) and the reviewer's
 * "Chờ duyệt" (GET /reviews), both paged with a keyset cursor, and what a submission says the caller may do
 * (allowedActions) for each role and phase.
 */

const A = 'hlhpn-tam-duong';
const B = 'hnd-tam-duong';
const C = 'hccb-tam-duong';
const sub = (cycleId: string, unit: string, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;

async function ok(session: ApiSession, method: string, path: string, body?: unknown) {
  const res = await session.call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every page of a paged list, following nextCursor. */
async function allPages(session: ApiSession, path: string, limit: number) {
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await session.call('GET', `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('work lists: /me/assignments and /reviews; allowedActions on the submission', () => {
  let stack: ApiStack;
  let admin: ApiSession;
  let coordinator: ApiSession;
  let reviewer: ApiSession;
  let reporterA: ApiSession;
  /** Reports for A and B. */
  let twoUnits: ApiSession;
  let standing: ApiSession;
  const cycles: Record<'early' | 'later' | 'extended' | 'returned' | 'approved' | 'submitted', string> = {} as any;

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    await ok(admin, 'POST', '/users', {
      username: 'canbo.hai-don-vi',
      displayName: 'Cán bộ hai đơn vị',
      password: DEMO_PASSWORD,
      roles: ['reporter'],
      unitIds: [A, B],
    });
    [coordinator, reviewer, reporterA, twoUnits, standing] = await Promise.all([
      login(url, 'chuyenvien.bdv'),
      login(url, 'lanhdao.bdv'),
      login(url, `canbo.${A}`),
      login(url, 'canbo.hai-don-vi'),
      login(url, 'thuongtruc'),
    ]);
    // Deadlines: A's own deadline in each cycle; the unit C is never the two-unit reporter's.
    // The window of these cycles runs to 20/01/2028 (data cut-off 14/12/2027); A has a deadline of its own in each.
    const milestones = {
      submissionDeadline: '2028-01-20',
      reviewDue: '2028-01-25',
      commentsDue: '2028-01-28',
      signOffDue: '2028-01-30',
      distributionDue: '2028-02-02',
    };
    const open = (deadlineA: string) =>
      openCycle(coordinator, [], { milestones, units: [{ unitId: A, deadline: deadlineA }, { unitId: B }, { unitId: C }] });
    [cycles.early, cycles.later, cycles.extended, cycles.returned, cycles.approved, cycles.submitted] = await Promise.all([
      open('2027-12-20'),
      open('2028-01-05'),
      open('2027-12-21'),
      open('2027-12-22'),
      open('2027-12-23'),
      open('2027-12-24'),
    ]);
    // extended: A's deadline moves from 21/12/2027 to 10/01/2028 (after "later"'s 05/01).
    await ok(coordinator, 'POST', `/cycles/${cycles.extended}/units/${A}/extensions`, {
      newDeadline: '2028-01-10',
      reason: 'Đơn vị đề nghị gia hạn do tổ chức Đại hội.',
    });
    // returned: submitted, then returned with two reasons.
    await ok(reporterA, 'POST', sub(cycles.returned, A, '/submit'), { content: VALID_CONTENT });
    await ok(reviewer, 'POST', sub(cycles.returned, A, '/return'), {
      reasons: [
        { sectionCode: 'II.1', reason: 'Số lượt người chưa khớp với số buổi.' },
        { sectionCode: 'II.2', reason: 'Bổ sung kết quả dân vận chính quyền.' },
      ],
    });
    await ok(reporterA, 'POST', sub(cycles.approved, A, '/submit'), { content: VALID_CONTENT });
    await ok(reviewer, 'POST', sub(cycles.approved, A, '/approve'), { version: 1 });
    await ok(reporterA, 'POST', sub(cycles.submitted, A, '/submit'), { content: VALID_CONTENT });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  describe('GET /me/assignments', () => {
    it("lists the reporter's own unit in every cycle, most urgent first: to send by deadline (after extensions), then awaiting review, then approved", async () => {
      const res = await reporterA.call('GET', '/me/assignments');
      expect(res.status).toBe(200);
      const rows = res.body.items.map((i: any) => [i.cycleId, i.status, i.deadline, i.extended]);
      expect(rows).toEqual([
        [stack.demoCycleId, 'not_started', '2026-12-16', false],
        [cycles.early, 'not_started', '2027-12-20', false],
        [cycles.returned, 'returned', '2027-12-22', false],
        [cycles.later, 'not_started', '2028-01-05', false],
        [cycles.extended, 'not_started', '2028-01-10', true],
        [cycles.submitted, 'submitted', '2027-12-24', false],
        [cycles.approved, 'approved', '2027-12-23', false],
      ]);
      expect(res.body.total).toBe(7);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.every((i: any) => i.unitId === A)).toBe(true);
    });

    it('carries what the list shows: names, labels, days left, open return reasons and what the reporter may do', async () => {
      const { items } = (await reporterA.call('GET', '/me/assignments')).body;
      const returned = items.find((i: any) => i.cycleId === cycles.returned);
      expect(returned).toEqual({
        cycleId: cycles.returned,
        unitId: A,
        unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
        reportTitle: expect.stringMatching(/^Báo cáo/),
        periodLabel: 'năm 2027',
        issuingBodyName: expect.any(String),
        cyclePhase: 'collecting',
        cyclePhaseLabel: 'Đang nhận báo cáo',
        deadline: '2027-12-22',
        extended: false,
        status: 'returned',
        statusLabel: 'Bị trả lại',
        daysLeft: expect.any(Number),
        daysLate: null,
        openReturnReasons: 2,
        allowedActions: ['save-draft', 'submit'],
      });
      expect(returned.daysLeft).toBeGreaterThan(0);
      const submitted = items.find((i: any) => i.cycleId === cycles.submitted);
      expect(submitted).toMatchObject({
        status: 'submitted',
        statusLabel: 'Đã nộp',
        daysLeft: null,
        daysLate: null,
        openReturnReasons: 0,
        allowedActions: [],
      });
      expect(items.find((i: any) => i.cycleId === cycles.approved)).toMatchObject({ status: 'approved', allowedActions: [] });
    });

    it('pages with a keyset cursor: every assignment exactly once, in the same order', async () => {
      const whole = (await twoUnits.call('GET', '/me/assignments?limit=100')).body;
      expect(whole.total).toBe(14);
      expect(new Set(whole.items.map((i: any) => i.unitId))).toEqual(new Set([A, B]));
      const pages = await allPages(twoUnits, '/me/assignments', 5);
      expect(pages.map((p) => p.items.length)).toEqual([5, 5, 4]);
      expect(pages.every((p) => p.total === 14)).toBe(true);
      expect(pages.flatMap((p) => p.items.map((i: any) => `${i.cycleId}/${i.unitId}`))).toEqual(
        whole.items.map((i: any) => `${i.cycleId}/${i.unitId}`),
      );
      expect(pages[2].nextCursor).toBeNull();
    });

    it('counts the days late of a unit still to send after its deadline (calendar days, Vietnam time); the late one comes first', async () => {
      // A cycle of 2025, opened now: its deadline (16/12/2025) has passed, so the workflow closes the window at once.
      const res = await coordinator.call('POST', '/cycles', { ...demoCycleBody(2025), units: [{ unitId: C }] });
      expect(res.status).toBe(201);
      const reporterC = await login(stack.api.url, `canbo.${C}`);
      const late = await eventually(
        async () => {
          const { items } = (await reporterC.call('GET', '/me/assignments')).body;
          const item = items.find((i: any) => i.cycleId === res.body.id);
          return item?.cyclePhase === 'reviewing' ? { item, first: items[0] } : undefined;
        },
        60000,
        'the 2025 cycle in review',
      );
      expect(late.first.cycleId).toBe(res.body.id);
      expect(late.item).toMatchObject({
        status: 'not_started',
        deadline: '2025-12-16',
        daysLeft: null,
        allowedActions: ['save-draft', 'submit'],
      });
      expect(late.item.daysLate).toBe(calendarDaysBetween('2025-12-16', isoDateInVietnam(new Date())));
    });

    it('is empty for a user who reports for no unit', async () => {
      for (const session of [coordinator, reviewer, standing]) {
        expect((await session.call('GET', '/me/assignments')).body).toEqual({ items: [], total: 0, nextCursor: null });
      }
    });

    it('names a bad limit or cursor in a 400', async () => {
      for (const [q, field] of [
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=x', 'limit'],
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ]) {
        const res = await reporterA.call('GET', `/me/assignments?${q}`);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
        expect(res.body.fields.map((f: any) => f.field)).toEqual([field]);
      }
    });
  });

  describe('GET /reviews', () => {
    it('lists the submissions and resubmissions awaiting review, oldest first, with the resubmission flag', async () => {
      const cycle = await openCycle(coordinator, [A, B, C]);
      await ok(reporterA, 'POST', sub(cycle, A, '/submit'), { content: VALID_CONTENT });
      await ok(twoUnits, 'POST', sub(cycle, B, '/submit'), { content: VALID_CONTENT });
      await ok(reviewer, 'POST', sub(cycle, A, '/return'), { reasons: [{ sectionCode: 'II.1', reason: 'Bổ sung số liệu.' }] });
      await ok(reporterA, 'POST', sub(cycle, A, '/submit'), { content: VALID_CONTENT });
      await readModelsCurrent(stack.api.url); // the resubmission is the reporter's write: the queue waits for the reviewer's own only
      const { items, total } = (await reviewer.call('GET', '/reviews?limit=100')).body;
      const mine = items.filter((i: any) => i.cycleId === cycle);
      expect(mine.map((i: any) => [i.unitId, i.version, i.resubmission])).toEqual([
        [B, 1, false],
        [A, 2, true],
      ]);
      expect(mine[0]).toEqual({
        cycleId: cycle,
        reportTitle: expect.stringMatching(/^Báo cáo/),
        periodLabel: 'năm 2027',
        issuingBodyName: expect.any(String),
        unitId: B,
        unitName: 'Hội Nông dân huyện Tam Đường',
        version: 1,
        submittedAt: expect.any(String),
        resubmission: false,
        late: false,
      });
      const times = items.map((i: any) => Date.parse(i.submittedAt));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      // Only what waits: the earlier cycles' submitted unit is there, the returned and approved ones are not.
      expect(items.some((i: any) => i.cycleId === cycles.submitted && i.unitId === A)).toBe(true);
      expect(items.some((i: any) => i.cycleId === cycles.approved || i.cycleId === cycles.returned)).toBe(false);
      expect(total).toBe(items.length);
      const pages = await allPages(reviewer, '/reviews', 1);
      expect(pages.flatMap((p) => p.items.map((i: any) => `${i.cycleId}/${i.unitId}`))).toEqual(
        items.map((i: any) => `${i.cycleId}/${i.unitId}`),
      );
    });

    it("is the reviewers': 403 FORBIDDEN for every other role", async () => {
      for (const session of [reporterA, coordinator, standing, admin]) {
        expectError(await session.call('GET', '/reviews'), 403, 'FORBIDDEN', 'requires one of the roles: reviewer');
      }
    });
  });

  describe('allowedActions on the submission', () => {
    it('follows the role, the unit, the status and the phase', async () => {
      const actions = async (session: ApiSession, cycleId: string, unit = A) => {
        const res = await session.call('GET', sub(cycleId, unit));
        expect(res.status).toBe(200);
        return res.body.allowedActions;
      };
      // Collecting, nothing sent: the reporter may save and submit; the reviewer nothing yet; another office role nothing.
      expect(await actions(reporterA, cycles.early)).toEqual(['save-draft', 'submit']);
      expect(await actions(reviewer, cycles.early)).toEqual([]);
      expect(await actions(coordinator, cycles.early)).toEqual([]);
      // Awaiting review: the reviewer approves or returns; the reporter waits.
      expect(await actions(reviewer, cycles.submitted)).toEqual(['approve', 'return']);
      expect(await actions(reporterA, cycles.submitted)).toEqual([]);
      expect(await actions(standing, cycles.submitted)).toEqual([]);
      // Returned: the reporter again; approved: nobody.
      expect(await actions(reporterA, cycles.returned)).toEqual(['save-draft', 'submit']);
      expect(await actions(reviewer, cycles.returned)).toEqual([]);
      expect(await actions(reporterA, cycles.approved)).toEqual([]);
      expect(await actions(reviewer, cycles.approved)).toEqual([]);
      // A reporter of two units acts for both; the writes answer with the same shape.
      expect(await actions(twoUnits, cycles.early, B)).toEqual(['save-draft', 'submit']);
      const saved = await twoUnits.call('PUT', sub(cycles.early, B, '/draft'), VALID_CONTENT);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        status: 'draft',
        allowedActions: ['save-draft', 'submit'],
        unitName: 'Hội Nông dân huyện Tam Đường',
        cyclePhase: 'collecting',
      });
      // Planned: a draft may be prepared, not sent.
      const planned = await openCycle(coordinator, [A], { startCollecting: false });
      expect(await actions(reporterA, planned)).toEqual(['save-draft']);
    });

    it('carries the unit, the report, the phase, the effective deadline and the template', async () => {
      const res = await reporterA.call('GET', sub(cycles.extended, A));
      expect(res.body).toMatchObject({
        cycleId: cycles.extended,
        unitId: A,
        unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
        reportTitle: expect.stringMatching(/^Báo cáo/),
        periodLabel: 'năm 2027',
        cyclePhase: 'collecting',
        deadline: '2028-01-10',
        templateId: 'dan-van-annual',
        templateVersion: expect.any(Number),
      });
    });

    it('once the cycle is past collecting nothing is submitted any more; in review the window is closed but returned units may still send', async () => {
      const cycle = await openCycle(coordinator, [A]);
      await ok(reporterA, 'POST', sub(cycle, A, '/submit'), { content: VALID_CONTENT });
      await ok(coordinator, 'POST', `/cycles/${cycle}/close-submissions`);
      expect((await reviewer.call('GET', sub(cycle, A))).body).toMatchObject({
        cyclePhase: 'reviewing',
        allowedActions: ['approve', 'return'],
      });
      await ok(reviewer, 'POST', sub(cycle, A, '/return'), { reasons: [{ reason: 'Bổ sung số liệu.' }] });
      expect((await reporterA.call('GET', sub(cycle, A))).body.allowedActions).toEqual(['save-draft', 'submit']);
    });
  });

  describe("the board's status filter", () => {
    it('"Đã nộp" (?progress=submitted) keeps the approved and resubmitted units the summary counts; its count is the summary\'s', async () => {
      const cycle = await openCycle(coordinator, [A, B, C]);
      await ok(reporterA, 'POST', sub(cycle, A, '/submit'), { content: VALID_CONTENT });
      await ok(reviewer, 'POST', sub(cycle, A, '/approve'), { version: 1 });
      await ok(twoUnits, 'POST', sub(cycle, B, '/submit'), { content: VALID_CONTENT });
      await ok(reviewer, 'POST', sub(cycle, B, '/return'), { reasons: [{ reason: 'Bổ sung số liệu.' }] });
      await ok(twoUnits, 'POST', sub(cycle, B, '/submit'), { content: VALID_CONTENT });
      await readModelsCurrent(stack.api.url); // the reporters' and the reviewer's writes, not the coordinator's
      const board = (await coordinator.call('GET', `/cycles/${cycle}/board?progress=submitted`)).body;
      expect(board.units.map((u: any) => [u.unitId, u.status]).sort()).toEqual([
        [A, 'approved'],
        [B, 'resubmitted'],
      ]);
      expect(board.overall.submitted).toBe(2);
      expect(board.filterCounts).toEqual({
        progress: { submitted: 2, pending: 1 },
        statuses: { not_started: 1, draft: 0, submitted: 0, returned: 0, resubmitted: 1, approved: 1 },
      });
      // The exact status stays available, and counted as such.
      expect((await coordinator.call('GET', `/cycles/${cycle}/board?status=submitted`)).body.units).toEqual([]);
      expect((await coordinator.call('GET', `/cycles/${cycle}/board?progress=pending`)).body.units.map((u: any) => u.unitId)).toEqual([C]);
      const bad = await coordinator.call('GET', `/cycles/${cycle}/board?progress=done`);
      expect({ status: bad.status, fields: bad.body.fields?.map((f: any) => f.field) }).toEqual({ status: 400, fields: ['progress'] });
    });
  });
});
