import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, TEST_ADMIN_PASSWORD } from '../infra/processes';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, VALID_CONTENT } from '../support/api-stack';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`: docs/screenshots/<page>-desktop.png (1280 wide) and <page>-phone.png (390×844) of
 * every page of the web app, from the seeded demo on the built API and worker (started as the e2e tests
 * do). Not part of `npm test`. Each shot waits for its page's heading, so a page that fails to render fails
 * the run instead of leaving a blank picture.
 */
const RETURNED = 'hlhpn-tam-duong';
const WAITING = 'hnd-tam-duong';

describe('screenshots of the web app', () => {
  let stack: ApiStack;
  let browser: Browser;
  const { shot: take, picture, taken: shots } = screenshots();

  beforeAll(async () => {
    stack = await startStack();
    const cycle = stack.demoCycleId;
    // A returned submission (reasons on two sections) and one waiting for review, set up over the API.
    for (const unitId of [RETURNED, WAITING]) {
      const reporter = await login(stack.api.url, `canbo.${unitId}`);
      const res = await reporter.call('POST', `/cycles/${cycle}/units/${unitId}/submission/submit`, { content: VALID_CONTENT });
      if (res.status !== 200) throw new Error(`submit ${unitId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const reviewer = await login(stack.api.url, 'lanhdao.bdv');
    const ret = await reviewer.call('POST', `/cycles/${cycle}/units/${RETURNED}/submission/return`, {
      version: 1,
      reasons: [
        { sectionCode: 'II.1', reason: 'Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.' },
        { sectionCode: 'I.2', reason: 'Bổ sung những khó khăn trong năm.' },
      ],
    });
    if (ret.status !== 200) throw new Error(`return: ${ret.status} ${JSON.stringify(ret.body)}`);
    await eventually(
      async () => {
        const r = await (await login(stack.api.url, `canbo.${RETURNED}`)).call('GET', '/me/notifications');
        return r.body?.unreadCount > 0;
      },
      30000,
      'the return notification',
    );
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const ui = (p: string) => `${stack.api.url}/ui${p}`;

  const open: BrowserContext[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close().catch(() => undefined);
  });
  async function fresh(viewport: typeof DESKTOP): Promise<Page> {
    const { context, page } = await newPage(browser, viewport);
    open.push(context);
    return page;
  }

  async function session(username: string, viewport: typeof DESKTOP, password = 'kybaocao-demo'): Promise<Page> {
    const page = await fresh(viewport);
    await page.goto(ui('/login'));
    await page.getByLabel('Tên đăng nhập').fill(username, { timeout: 60000 });
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
    return page;
  }

  /** Each shot waits for its page's heading, so a page that fails to render fails the run. */
  async function shot(page: Page, name: string, viewport: typeof DESKTOP) {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await take(page, name, viewport);
  }

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';

    it(`shoots the reporter's pages (${label})`, async () => {
      const anonymous = await fresh(viewport);
      await anonymous.goto(ui('/login'));
      await shot(anonymous, 'login', viewport);

      const page = await session(`canbo.${RETURNED}`, viewport);
      await page.goto(ui('/assignments'));
      await page.getByText('Bị trả lại').first().waitFor();
      await shot(page, 'assignments', viewport);

      await page.goto(ui(`/cycles/${stack.demoCycleId}/units/${RETURNED}`));
      await page.getByText('Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.').first().waitFor();
      await shot(page, 'submission-returned', viewport);

      const luot = page.getByRole('textbox', { name: 'Số lượt người tham gia tuyên truyền', exact: true });
      await luot.fill('5');
      await page.getByText('Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.').waitFor();
      await luot.scrollIntoViewIfNeeded();
      await page.evaluate(() => (globalThis as unknown as { scrollBy: (x: number, y: number) => void }).scrollBy(0, 120));
      await picture(page, `submission-rule-error-${label}.png`);
      await luot.fill('9.800');
      await page.getByRole('button', { name: 'Nộp lại báo cáo' }).click();
      await page.getByRole('dialog').waitFor();
      await page.waitForTimeout(400);
      await picture(page, `submission-confirm-${label}.png`);
      await page.getByRole('dialog').getByRole('button', { name: 'Quay lại sửa' }).click();

      await page.goto(ui('/inbox'));
      await page.getByText('Chưa đọc').first().waitFor();
      await shot(page, 'inbox', viewport);
      await page.goto(ui('/account'));
      await page.getByText('Gửi thông báo qua thư điện tử').waitFor();
      await shot(page, 'account', viewport);

      const other = await session(`canbo.${WAITING}`, viewport);
      await other.goto(ui(`/cycles/${stack.demoCycleId}/units/${WAITING}`));
      await other.getByText(/đang chờ thẩm định/).waitFor();
      await shot(other, 'submission-sent', viewport);
    });

    it(`shoots the office's pages (${label})`, async () => {
      const reviewer = await session('lanhdao.bdv', viewport);
      await reviewer.goto(ui('/reviews'));
      await shot(reviewer, 'reviews', viewport);
      await reviewer.goto(ui(`/cycles/${stack.demoCycleId}/units/${WAITING}`));
      await reviewer.getByRole('button', { name: 'Trả lại' }).waitFor();
      await shot(reviewer, 'review', viewport);

      const coordinator = await session('chuyenvien.bdv', viewport);
      await coordinator.goto(ui('/cycles'));
      await shot(coordinator, 'cycles', viewport);
      await coordinator.goto(ui(`/cycles/${stack.demoCycleId}`));
      await shot(coordinator, 'board', viewport);
      await coordinator.goto(ui(`/cycles/${stack.demoCycleId}/report`));
      await shot(coordinator, 'report', viewport);
    });
  }

  it('forced password change after an administrator reset (desktop and phone)', async () => {
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const users = await admin.call('GET', '/users');
    const user = (users.body.items ?? users.body).find((u: { username: string }) => u.username === 'vanthu');
    const reset = await admin.call('POST', `/users/${user.id}/reset-password`, { newPassword: 'mat-khau-tam-thoi-1' });
    expect(reset.status).toBe(200);
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await session('vanthu', viewport, 'mat-khau-tam-thoi-1');
      await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
      await shot(page, 'password-change-required', viewport);
    }
    expect(shots).toHaveLength(2 * (8 + 5) + 2); // every page of both lists, at both widths
  });
});
