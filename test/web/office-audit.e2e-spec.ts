import type { Browser, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS, VALID_CONTENT } from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';
import { loginAs } from './support/login';

const ON_TIME = 'hlhpn-tam-duong';
const ON_TIME_NAME = 'Hội Liên hiệp Phụ nữ huyện Tam Đường';
const LATE = 'hnd-tam-duong';
const LATE_NAME = 'Hội Nông dân huyện Tam Đường';
const COORDINATOR_NAME = 'Nguyễn Thị Thu (chuyên viên Ban Dân vận)';
const REVIEWER_NAME = 'Tẩn Văn Sơn (Phó Trưởng Ban Dân vận)';
/** What users must never see: event type names, ids, codes. */
const INTERNALS =
  /\b(Cycle|Submission|Report|Unit|Units|Reminders)[A-Z][A-Za-z]+\b|[0-9a-f]{8}-[0-9a-f]{4}-|hlhpn-|hnd-|\bundefined\b|\bnull\b/;

/**
 * The office's cycles list, a cycle's phase history on the board and the audit page (#15) in Chromium against
 * the built API: paged lists with their filters, the history told in Vietnamese, the board as it stood on a
 * chosen day, and the integrity check in plain words. axe on every state; a phone run without sideways scroll.
 */
describe('cycles list, phase history and audit page in the browser', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  let cycleId: string;
  let submittedAt: string;
  let browser: Browser;
  const audit = new A11yAudit();

  beforeAll(async () => {
    stack = await startStack();
    coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    cycleId = await openCycle(coordinator, [ON_TIME, LATE]);
    const reporter = await login(stack.api.url, `canbo.${ON_TIME}`);
    const submit = await reporter.call('POST', `/cycles/${cycleId}/units/${ON_TIME}/submission/submit`, { content: VALID_CONTENT });
    if (submit.status !== 200) throw new Error(`submit: ${submit.status} ${JSON.stringify(submit.body)}`);
    [{ submitted_at: submittedAt }] = await stack.db.owner.query(
      `SELECT recorded_at AS submitted_at FROM events WHERE stream_id = $1 AND event_type = 'SubmissionSubmitted'`,
      [`submission-${cycleId}:${ON_TIME}`],
    );
    const reviewer = await login(stack.api.url, 'lanhdao.bdv');
    const approve = await reviewer.call('POST', `/cycles/${cycleId}/units/${ON_TIME}/submission/approve`, { version: 1 });
    if (approve.status !== 200) throw new Error(`approve: ${approve.status} ${JSON.stringify(approve.body)}`);
    const extend = await coordinator.call('POST', `/cycles/${cycleId}/units/${LATE}/extensions`, {
      newDeadline: '2027-12-20',
      reason: 'Đơn vị tổ chức Đại hội.',
    });
    if (extend.status !== 200) throw new Error(`extend: ${extend.status} ${JSON.stringify(extend.body)}`);
    await readModelsCurrent(stack.api.url); // several sessions' writes: the browser's board waits for none of them
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('pages the cycles list with progress counted in SQL, and refuses bad filters naming them', async () => {
    const first = await coordinator.call('GET', '/cycle-list?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([cycleId]);
    expect(first.body.items[0]).toMatchObject({
      periodLabel: 'năm 2027',
      status: 'collecting',
      progress: { expected: 2, submitted: 1, approved: 1 },
      nextMilestone: { key: 'submissionDeadline', label: 'Hạn nộp báo cáo', date: '2027-12-16' },
    });
    const second = await coordinator.call('GET', `/cycle-list?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { periodLabel: string }) => c.periodLabel)).toEqual(['năm 2026']);
    expect(second.body.nextCursor).toBeNull();
    expect((await coordinator.call('GET', '/cycle-list?year=2026')).body.items.map((c: { periodLabel: string }) => c.periodLabel)).toEqual([
      'năm 2026',
    ]);
    expect((await coordinator.call('GET', '/cycle-list?phase=closed')).body).toEqual({ items: [], total: 0, nextCursor: null });
    for (const [query, field] of [
      ['phase=done', 'phase'],
      ['year=20x6', 'year'],
      ['cursor=bogus', 'cursor'],
      ['limit=0', 'limit'],
    ]) {
      const bad = await coordinator.call('GET', `/cycle-list?${query}`);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain(field);
    }
  });

  it("tells the cycle's history in pages, by kind and unit, and the board's counts as they stood at a moment", async () => {
    const all = await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline`);
    expect(all.body.items.map((e: { what: string }) => e.what)).toEqual([
      'Mở kỳ báo cáo năm 2027 cho 2 đơn vị, hạn nộp 16/12/2027',
      'Chuyển giai đoạn từ "lập kế hoạch" sang "tiếp nhận báo cáo"',
      'Nộp báo cáo (lần 1)',
      'Duyệt báo cáo',
      'Gia hạn nộp từ 16/12/2027 đến 20/12/2027. Lý do: Đơn vị tổ chức Đại hội.',
    ]);
    const page1 = await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline?limit=2`);
    const page2 = await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline?limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items]).toEqual(all.body.items.slice(0, 4));
    const late = await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline?unitId=${LATE}`);
    expect(late.body.items).toEqual([expect.objectContaining({ who: COORDINATOR_NAME, kind: 'units', unitName: LATE_NAME })]);
    const submissions = await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline?kind=submission`);
    expect(submissions.body.items.map((e: { who: string }) => e.who)).toEqual(['Cán bộ Hội LHPN', REVIEWER_NAME]);
    expect((await coordinator.call('GET', `/cycles/${cycleId}/audit/timeline?kind=secret`)).status).toBe(400);

    const then = await coordinator.call(
      'GET',
      `/cycles/${cycleId}/audit/board?asOf=${encodeURIComponent(new Date(submittedAt).toISOString())}`,
    );
    expect(then.body).toMatchObject({ opened: true, status: 'collecting', expected: 2, submitted: 1, approved: 0, returned: 0 });
    const now = await coordinator.call('GET', `/cycles/${cycleId}/audit/board`);
    expect(now.body).toMatchObject({ opened: true, expected: 2, submitted: 1, approved: 1 });
    const before = await coordinator.call('GET', `/cycles/${cycleId}/audit/board?asOf=2020-01-01T00:00:00Z`);
    expect(before.body).toMatchObject({ opened: false, expected: 0, submitted: 0 });
  });

  it('shows the list, the phase history and the audit page in Vietnamese, with filters, a past day and the integrity check', async () => {
    const { page } = await newPage(browser, DESKTOP);
    audit.track(page);
    await loginAs(page, stack.api.url, 'chuyenvien.bdv', '/ui/cycles');
    await see(page.getByRole('heading', { level: 1, name: 'Các kỳ báo cáo' })).toHaveCount(1);
    const row = page.getByRole('row', { name: /Báo cáo năm 2027/ });
    await see(row).toHaveText(/Tiếp nhận báo cáo.*Đã nộp 1\/2 · đã duyệt 1.*Hạn nộp báo cáo: 16\/12\/2027/);
    await see(page.getByText('Có 2 kỳ báo cáo.')).toHaveCount(1);
    await audit.check(page, 'Các kỳ báo cáo');
    await chooseOption(page, 'Lọc theo năm', 'Năm 2026');
    await see(page.getByText('Có 1 kỳ báo cáo.')).toHaveCount(1);
    await see(page.getByRole('row', { name: /Báo cáo năm 2027/ })).toHaveCount(0);
    await chooseOption(page, 'Lọc theo giai đoạn', 'Đã kết thúc');
    await see(page.getByText('Không có kỳ báo cáo nào phù hợp.')).toHaveCount(1);
    await audit.check(page, 'Các kỳ báo cáo đã lọc');
    await chooseOption(page, 'Lọc theo năm', 'Tất cả các năm');
    await chooseOption(page, 'Lọc theo giai đoạn', 'Tất cả giai đoạn');

    await page.getByRole('link', { name: /Báo cáo năm 2027/ }).click();
    const phases = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Diễn biến các giai đoạn' }) });
    await see(phases).toHaveText(
      /Mở kỳ báo cáo năm 2027 cho 2 đơn vị.*Nguyễn Thị Thu.*Chuyển giai đoạn từ "lập kế hoạch" sang "tiếp nhận báo cáo"/,
    );
    await audit.check(page, 'Bảng theo dõi với diễn biến giai đoạn');

    await phases.getByRole('link', { name: 'Xem toàn bộ nhật ký' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Nhật ký kỳ báo cáo năm 2027' })).toHaveCount(1);
    const entries = page.locator('.timeline-entry');
    await see(entries).toHaveCount(5);
    await see(entries.nth(2)).toHaveText(
      new RegExp(`Cán bộ Hội LHPN \\(Cán bộ báo cáo của đơn vị\\)Nộp báo cáo \\(lần 1\\)Đơn vị: ${ON_TIME_NAME}`),
    );
    await see(entries.nth(3)).toHaveText(/Tẩn Văn Sơn .*\(Lãnh đạo thẩm định\)Duyệt báo cáo/);
    expect(await page.locator('#main').innerText()).not.toMatch(INTERNALS);
    await audit.check(page, 'Nhật ký kỳ báo cáo');

    await chooseOption(page, 'Lọc theo loại việc', 'Giai đoạn');
    await see(entries).toHaveCount(2);
    await chooseOption(page, 'Lọc theo loại việc', 'Tất cả các việc');
    await chooseOption(page, 'Lọc theo đơn vị', LATE_NAME);
    await see(entries).toHaveCount(1);
    await see(entries.first()).toHaveText(/Gia hạn nộp từ 16\/12\/2027 đến 20\/12\/2027\. Lý do: Đơn vị tổ chức Đại hội\./);

    const figures = page.getByRole('region', { name: 'Tình hình tại thời điểm đã chọn' });
    await see(figures).toHaveText(/Hiện nay: giai đoạn “Tiếp nhận báo cáo”.*Đơn vị phải nộp2Đã nộp1Đã duyệt1/);
    const picker = page.getByLabel('Ngày muốn xem lại');
    await picker.click();
    await picker.fill('01/01/2020');
    await picker.press('Enter');
    await see(page.getByText('Đến hết ngày 01/01/2020 kỳ báo cáo chưa được mở.')).toHaveCount(1);
    await see(page.getByText('Không có việc nào phù hợp.')).toHaveCount(1);
    await settled(page);
    await audit.check(page, 'Nhật ký như ngày đã chọn');

    await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await see(page.getByRole('alert').filter({ hasText: 'Dữ liệu toàn vẹn' })).toHaveText(
      /Đã kiểm tra [\d.]+ thao tác được ghi, không có chỗ nào bị sửa hay xóa\./,
    );
    await audit.check(page, 'Nhật ký sau khi kiểm tra toàn vẹn');
    expect(audit.unchecked().filter((r) => r !== '/ui/login')).toEqual([]);
    await page.context().close();
  });

  it('fits a phone: the cycles list and the audit page without sideways scroll', async () => {
    const { page } = await newPage(browser, PHONE);
    await loginAs(page, stack.api.url, 'chuyenvien.bdv', '/ui/cycles');
    await see(page.getByRole('link', { name: /Báo cáo năm 2027/ })).toHaveCount(1);
    await see(page.getByText(/Đã nộp 1\/2 · đã duyệt 1/)).toHaveCount(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Các kỳ báo cáo trên điện thoại');
    await page.goto(`${stack.api.url}/ui/cycles/${cycleId}/audit`);
    await see(page.locator('.timeline-entry')).toHaveCount(5);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Nhật ký trên điện thoại');
    await page.context().close();
  });
});

/** Picks an option of an Ant Design Select found by its accessible name. */
async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await settled(page);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  await settled(page);
}
