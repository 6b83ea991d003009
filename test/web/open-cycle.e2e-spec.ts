import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, DEMO_PASSWORD, login, startStack, STARTUP_TIMEOUT_MS, streamEvents } from '../support/api-stack';
import { see } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';

/**
 * "Mở kỳ báo cáo" (#15) in a real Chromium against the built API: the button shows only for whom the server
 * allows it (GET /me/capabilities); the coordinator opens a cycle for three units through the steps, with the
 * data window and the deadline the ND 09/2019 rules suggest (GET /periods/suggestion), a requesting document,
 * one unit with its own deadline; a deadline before the earliest allowed is refused with the reason. axe on
 * every step; a phone run without sideways scrolling.
 */
describe('opening a cycle in the browser', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const audit = new A11yAudit();

  async function loginAs(p: Page, username: string, next = '/ui/cycles') {
    await p.goto(`${stack.api.url}${next}`);
    await p.waitForURL(/\/ui\/login\?next=/);
    await p.getByLabel('Tên đăng nhập').fill(username);
    await p.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
  }
  const next = () => page.getByRole('button', { name: 'Tiếp tục' }).click();
  /** Date pickers closed (their pop-ups animate out): axe judges the page as it stands, not a closing pop-up. */
  const pickersClosed = async () => {
    await page.keyboard.press('Escape');
    // A function, not a string: the app's CSP (script-src 'self', no 'unsafe-eval') refuses evaluating strings.
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
      return !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    });
  };
  const step = (name: string) => page.getByRole('region', { name });

  beforeAll(async () => {
    stack = await startStack();
    coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, DESKTOP));
    audit.track(page);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('offers "Mở kỳ báo cáo" only to whom the server allows it', async () => {
    const reviewer = await newPage(browser, DESKTOP);
    try {
      await loginAs(reviewer.page, 'thuongtruc');
      await see(reviewer.page.getByRole('heading', { level: 1, name: 'Các kỳ báo cáo' })).toHaveCount(1);
      await see(reviewer.page.getByRole('link', { name: /Báo cáo năm 2026/ })).toHaveCount(1);
      await see(reviewer.page.getByRole('button', { name: 'Mở kỳ báo cáo' })).toHaveCount(0);
      await reviewer.page.goto(`${stack.api.url}/ui/cycles/new`);
      await see(reviewer.page.getByText('Chỉ chuyên viên điều phối được mở kỳ báo cáo.')).toBeVisible();
    } finally {
      await reviewer.context.close();
    }
  });

  it('the coordinator opens a cycle for three units with the suggested dates', async () => {
    await loginAs(page, 'chuyenvien.bdv');
    await see(page.getByRole('heading', { level: 1, name: 'Các kỳ báo cáo' })).toHaveCount(1);
    await audit.check(page, 'Các kỳ báo cáo');
    await page.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await page.waitForURL(/\/ui\/cycles\/new$/);
    await see(page.getByRole('heading', { level: 1, name: 'Mở kỳ báo cáo' })).toHaveCount(1);

    // Step 1: template, kind and year; the window and the milestones come from the ND 09/2019 rules.
    const first = step('Mẫu và kỳ báo cáo');
    await see(first.getByLabel('Loại kỳ báo cáo')).toBeVisible();
    await first.getByLabel('Năm').fill('2027');
    await see(
      first.getByText(
        /Theo Nghị định 09\/2019\/NĐ-CP: số liệu từ ngày 15\/12\/2026 đến ngày 14\/12\/2027; hạn nộp sớm nhất ngày 15\/12\/2027/,
      ),
    ).toBeVisible();
    await see(first.getByLabel('Số liệu từ ngày')).toHaveAttribute('value', '15/12/2026');
    await see(first.getByLabel('Đến ngày (chốt số liệu)')).toHaveAttribute('value', '14/12/2027');
    await see(first.getByLabel('Tên kỳ báo cáo')).toHaveAttribute('value', 'năm 2027');
    // The cycle compared with: the same template and issuer a year earlier, chosen by itself (it may be cleared).
    await see(first.getByText('Kỳ năm 2026 (cùng kỳ năm trước)')).toBeVisible();
    await audit.check(page, 'Mở kỳ báo cáo: mẫu và kỳ');
    await next();

    // Step 2: the requesting document.
    const second = step('Văn bản yêu cầu');
    await second.getByRole('checkbox', { name: /theo văn bản yêu cầu/ }).check();
    await second.getByLabel('Số, ký hiệu văn bản').fill('245-CV/BDVTU');
    await second.getByLabel('Ngày văn bản').fill('10/11/2027');
    await second.getByLabel('Ngày văn bản').press('Enter');
    await second.getByLabel('Cơ quan ban hành').fill('Ban Dân vận Tỉnh ủy');
    await pickersClosed();
    await audit.check(page, 'Mở kỳ báo cáo: văn bản yêu cầu');
    await next();

    // Step 3: units; the search finds a commune by its other name, without diacritics.
    const third = step('Đơn vị báo cáo');
    await next();
    await see(third.getByRole('alert')).toHaveText('Chọn ít nhất một đơn vị báo cáo.');
    await third.getByRole('button', { name: 'Chọn tất cả xã, thị trấn' }).click();
    await see(third.getByText(/Đã chọn 13 đơn vị/)).toBeVisible();
    await third.getByRole('button', { name: 'Bỏ chọn các xã, thị trấn' }).click();
    await third.getByLabel('Tìm đơn vị theo tên hoặc tên gọi khác').fill('ban hon');
    await see(third.getByRole('checkbox')).toHaveCount(1);
    await third.getByRole('checkbox', { name: /Đảng ủy xã Bản Hon/ }).check();
    await third.getByLabel('Tìm đơn vị theo tên hoặc tên gọi khác').fill('');
    await third.getByRole('checkbox', { name: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }).check();
    await third.getByRole('checkbox', { name: 'Hội Nông dân huyện Tam Đường' }).check();
    await see(third.getByText(/Đã chọn 3 đơn vị/)).toBeVisible();
    await audit.check(page, 'Mở kỳ báo cáo: đơn vị');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/open-cycle-units.png`, fullPage: true });
    await next();

    // Step 4: milestones as suggested (14/12/2027 is a Tuesday: deadline Wednesday 15/12, then working days).
    const fourth = step('Mốc thời gian');
    await see(fourth.getByLabel('Hạn nộp báo cáo')).toHaveAttribute('value', '15/12/2027');
    await see(fourth.getByLabel('Hạn thẩm định')).toHaveAttribute('value', '20/12/2027');
    // A deadline on the cut-off day is refused with the rule's reason; the suggestion is put back.
    await fourth.getByLabel('Hạn nộp báo cáo').fill('14/12/2027');
    await fourth.getByLabel('Hạn nộp báo cáo').press('Enter');
    await next();
    await see(fourth.getByText(/Hạn nộp quá sớm: theo Nghị định 09\/2019\/NĐ-CP, hạn nộp sớm nhất là ngày 15\/12\/2027/)).toBeVisible();
    await fourth.getByLabel('Hạn nộp báo cáo').fill('15/12/2027');
    await fourth.getByLabel('Hạn nộp báo cáo').press('Enter');
    await fourth.getByLabel('Hạn nộp riêng của Hội Nông dân huyện Tam Đường').fill('14/12/2027');
    await fourth.getByLabel('Hạn nộp riêng của Hội Nông dân huyện Tam Đường').press('Enter');
    await pickersClosed();
    await audit.check(page, 'Mở kỳ báo cáo: mốc thời gian');
    await next();

    // Step 5: signer and authority, the summary, then open.
    const fifth = step('Ký ban hành');
    await see(fifth.getByLabel('Cơ quan ban hành báo cáo')).toHaveAttribute('value', 'Huyện ủy Tam Đường');
    await see(fifth.getByLabel('Chức vụ người ký')).toHaveAttribute('value', 'PHÓ BÍ THƯ');
    await fifth.getByLabel('Họ và tên người ký').fill('Nguyễn Văn A');
    await see(fifth.getByText('245-CV/BDVTU ngày 10/11/2027 của Ban Dân vận Tỉnh ủy')).toBeVisible();
    await audit.check(page, 'Mở kỳ báo cáo: ký ban hành');
    await page.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await page.waitForURL(/\/ui\/cycles\/[0-9a-f-]{36}$/);
    const cycleId = page.url().split('/').pop()!;

    // Read back what was stored.
    const cycle = (await coordinator.call('GET', `/cycles/${cycleId}`)).body;
    expect(cycle.period).toMatchObject({
      kind: 'annual',
      year: 2027,
      label: 'năm 2027',
      dataFrom: '2026-12-15',
      dataTo: '2027-12-14',
      requestedBy: { reference: '245-CV/BDVTU', date: '2027-11-10', issuer: 'Ban Dân vận Tỉnh ủy' },
    });
    expect(cycle.milestones).toEqual({
      submissionDeadline: '2027-12-15',
      reviewDue: '2027-12-20',
      commentsDue: '2027-12-23',
      signOffDue: '2027-12-27',
      distributionDue: '2027-12-29',
    });
    expect(cycle.issuingBody).toEqual({ unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' });
    const units = (await coordinator.call('GET', `/cycles/${cycleId}/units`)).body.items; // paged on their own route (#16)
    expect(units.map((u: { unitId: string; effectiveDeadline: string }) => [u.unitId, u.effectiveDeadline]).sort()).toEqual([
      ['du-xa-ban-hon', '2027-12-15'],
      ['hlhpn-tam-duong', '2027-12-15'],
      ['hnd-tam-duong', '2027-12-14'],
    ]);
    expect(cycle.expectedCount).toBe(3);
    const listed = (await coordinator.call('GET', '/cycles')).body;
    const demoCycle = (listed.items ?? listed).find((c: { periodLabel: string }) => c.periodLabel === 'năm 2026');
    expect((await streamEvents(stack.db, `cycle-${cycleId}`))[0].data.previousCycleId).toBe(demoCycle.id);
    expect(audit.unchecked().filter((r) => r !== '/ui/login' && r !== '/ui/cycles/:id')).toEqual([]);
  });

  it('fits a phone: the steps and the unit list do not scroll sideways', async () => {
    const phone = await newPage(browser, PHONE);
    try {
      await phone.context.addCookies(await context.cookies());
      await phone.page.goto(`${stack.api.url}/ui/cycles/new`);
      await see(phone.page.getByRole('heading', { level: 1, name: 'Mở kỳ báo cáo' })).toHaveCount(1);
      await see(phone.page.getByLabel('Năm')).toBeVisible();
      expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
      await audit.check(phone.page, 'Mở kỳ báo cáo (điện thoại)');
      if (process.env.SCREENSHOT_DIR)
        await phone.page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/open-cycle-phone.png`, fullPage: true });
    } finally {
      await phone.context.close();
    }
  });
});
