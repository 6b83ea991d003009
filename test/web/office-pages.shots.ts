import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS, TEST_ADMIN_PASSWORD, VALID_CONTENT } from '../support/api-stack';
import { settled } from './office-helpers';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { screenshots } from './support/shots';
import { loginAs } from './support/login';

/**
 * `npm run screenshots`, the office's list and administration pages: the cycles list (progress, next
 * milestone), the board's phase history, the audit page, the accounts and the organisation tree.
 * docs/screenshots/<page>-desktop.png and -phone.png, like screenshots.shots.ts.
 */
const UNIT = 'hlhpn-tam-duong';

describe('screenshots of the office list and administration pages', () => {
  let stack: ApiStack;
  let browser: Browser;
  let cycleId: string;
  let signedCycle: string;
  const open: BrowserContext[] = [];
  const { shot: take, taken: shots } = screenshots();
  /** The desktop picture is the whole page; a spinner still turning must not fail a shot. */
  const shot = (page: Page, name: string, viewport: typeof DESKTOP) =>
    take(page, name, viewport, { fullPage: viewport === DESKTOP, evenIfBusy: true });

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    const coordinator = await login(url, 'chuyenvien.bdv');
    cycleId = await openCycle(coordinator, [UNIT, 'hnd-tam-duong', 'mttq-tam-duong']);
    const ok = async (s: ApiSession, p: string, body?: unknown) => {
      const res = await s.call('POST', p, body);
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await ok(await login(url, `canbo.${UNIT}`), `/cycles/${cycleId}/units/${UNIT}/submission/submit`, { content: VALID_CONTENT });
    await ok(await login(url, 'lanhdao.bdv'), `/cycles/${cycleId}/units/${UNIT}/submission/approve`, { version: 1 });
    await ok(coordinator, `/cycles/${cycleId}/units/hnd-tam-duong/extensions`, {
      newDeadline: '2027-12-20',
      reason: 'Đơn vị tổ chức Đại hội.',
    });
    await ok(coordinator, `/cycles/${cycleId}/reminders`);
    // A second cycle, signed and waiting for the clerk's number.
    signedCycle = await openCycle(coordinator, [UNIT]);
    const [reporter, reviewer, signer] = await Promise.all([login(url, `canbo.${UNIT}`), login(url, 'lanhdao.bdv'), login(url, 'btv.pbt')]);
    await ok(reporter, `/cycles/${signedCycle}/units/${UNIT}/submission/submit`, { content: VALID_CONTENT });
    await ok(reviewer, `/cycles/${signedCycle}/units/${UNIT}/submission/approve`, { version: 1 });
    await ok(coordinator, `/cycles/${signedCycle}/close-submissions`);
    await ok(coordinator, `/cycles/${signedCycle}/report/draft`, {});
    await ok(reviewer, `/cycles/${signedCycle}/advance`, { to: 'commenting' });
    await ok(coordinator, `/cycles/${signedCycle}/advance`, { to: 'signing' });
    await ok(signer, `/cycles/${signedCycle}/report/sign`, { version: 1 });
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  async function session(username: string, next: string, viewport: typeof DESKTOP, password?: string): Promise<Page> {
    const { context, page } = await newPage(browser, viewport);
    open.push(context);
    await loginAs(page, stack.api.url, username, next, password);
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
    return page;
  }

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';

    it(`shoots the cycles list, the phase history and the audit page (${label})`, async () => {
      const page = await session('chuyenvien.bdv', '/ui/cycles', viewport);
      await page
        .getByText(/Đã nộp 1\/3/)
        .first()
        .waitFor();
      await shot(page, 'cycles-list', viewport);
      await page.goto(`${stack.api.url}/ui/cycles/${cycleId}`);
      const history = page.getByRole('heading', { name: 'Diễn biến các giai đoạn' });
      await history.waitFor();
      await page.getByText(/Chuyển giai đoạn từ/).waitFor();
      await history.scrollIntoViewIfNeeded();
      await shot(page, 'board-phase-history', viewport);
      await page.goto(`${stack.api.url}/ui/cycles/${cycleId}/audit`);
      await page.locator('.timeline-entry').nth(5).waitFor();
      await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
      await page.getByText('Dữ liệu toàn vẹn').waitFor();
      await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
      await shot(page, 'audit', viewport);
    });

    it(`shoots the accounts and the organisation tree (${label})`, async () => {
      const page = await session('admin', '/ui/admin/accounts', viewport, TEST_ADMIN_PASSWORD);
      await page.getByText(/^Có \d+ tài khoản\.$/).waitFor();
      await shot(page, 'admin-accounts', viewport);
      await page.goto(`${stack.api.url}/ui/admin/units`);
      await page.getByRole('button', { name: 'Xem 1 đơn vị trực thuộc' }).click();
      await page
        .getByRole('row', { name: /Huyện ủy Tam Đường/ })
        .or(page.locator('.ant-card').filter({ hasText: 'Huyện ủy Tam Đường' }))
        .getByRole('button', { name: /^Xem \d+ đơn vị trực thuộc$/ })
        .click();
      await page.getByText(/^Huyện ủy Tam Đường có \d+ đơn vị trực thuộc\.$/).waitFor();
      await shot(page, 'admin-units', viewport);
    });

    it(`shoots the clerk's panel of a signed report (${label})`, async () => {
      const page = await session('vanthu', `/ui/cycles/${signedCycle}/report`, viewport);
      const panel = page.getByRole('heading', { name: 'Văn thư: số, ngày, phát hành' });
      await panel.waitFor();
      await page.getByText('Văn bản đã ký, chưa lấy số.').waitFor();
      await panel.scrollIntoViewIfNeeded();
      await shot(page, 'clerk-panel', viewport);
    });
  }

  it('wrote every picture', () => {
    expect(shots).toHaveLength(12);
  });
});
