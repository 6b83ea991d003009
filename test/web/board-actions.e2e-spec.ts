import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, DEMO_PASSWORD, login, openCycle, startStack, STARTUP_TIMEOUT_MS, VALID_CONTENT } from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, launchBrowser, newPage } from './support/browser';

const ON_TIME = 'hlhpn-tam-duong';
const LATE = 'hnd-tam-duong';
const LATE_NAME = 'Hội Nông dân huyện Tam Đường';

/**
 * The coordinator's row and cycle actions on the board (#15) in Chromium against the built API: "Nhắc ngay"
 * reminds the one unit still pending, and a second click sends nothing (one reminder per unit per Vietnam
 * day, POST /cycles/:id/reminders); that unit's inbox shows the reminder once. Extending one unit's deadline
 * with a reason; closing the submission window. axe on the board with the actions.
 */
describe('board actions in the browser', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  let cycleId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const audit = new A11yAudit();

  async function loginAs(p: Page, username: string, next: string) {
    await p.goto(`${stack.api.url}${next}`);
    await p.waitForURL(/\/ui\/login\?next=/);
    await p.getByLabel('Tên đăng nhập').fill(username);
    await p.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await p.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  beforeAll(async () => {
    stack = await startStack();
    coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    cycleId = await openCycle(coordinator, [ON_TIME, LATE]);
    const reporter = await login(stack.api.url, `canbo.${ON_TIME}`);
    const res = await reporter.call('POST', `/cycles/${cycleId}/units/${ON_TIME}/submission/submit`, { content: VALID_CONTENT });
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    await readModelsCurrent(stack.api.url); // the reporter's submission: the coordinator's browser does not wait for it
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, DESKTOP));
    audit.track(page);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('reminds the one pending unit once, even after a second click; its inbox shows the reminder once', async () => {
    await loginAs(page, 'chuyenvien.bdv', `/ui/cycles/${cycleId}`);
    const actions = page.getByRole('heading', { name: 'Điều hành kỳ báo cáo' });
    await see(actions).toHaveCount(1);
    await audit.check(page, 'Bảng theo dõi với thao tác');
    const remind = page.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa nộp' });
    await remind.click();
    const outcome = page.getByRole('status').filter({ hasText: 'nhắc' });
    await see(outcome).toHaveText(`Đã nhắc 1 đơn vị chưa nộp báo cáo.Đơn vị được nhắc: ${LATE_NAME}.`);
    await remind.click();
    await see(outcome).toHaveText('Các đơn vị chưa nộp (1) đã được nhắc trong hôm nay; không gửi lại.');
    await audit.check(page, 'Bảng theo dõi sau khi nhắc');

    // Stored: one notification for the late unit, none for the one that submitted; one event for the two clicks.
    const rows = await stack.db.owner.query(`SELECT recipient_id FROM notifications WHERE cycle_id = $1 AND reminder_key = 'manual'`, [
      cycleId,
    ]);
    expect(rows.map((r: { recipient_id: string }) => r.recipient_id)).toEqual([LATE]);
    const events = await stack.db.owner.query(`SELECT event_type, data FROM events WHERE stream_id = $1`, [`reminders-${cycleId}`]);
    expect(events).toEqual([
      { event_type: 'RemindersSentByHand', data: expect.objectContaining({ cycleId, unitIds: [LATE], alreadyToday: 0 }) },
    ]);

    // The late unit's reporter sees it once in the inbox.
    const reporter = await newPage(browser, DESKTOP);
    try {
      await loginAs(reporter.page, `canbo.${LATE}`, '/ui/inbox');
      await see(reporter.page.getByRole('heading', { level: 1, name: 'Thông báo' })).toHaveCount(1);
      await see(reporter.page.getByRole('heading', { level: 2, name: /^\[Nhắc nộp\] Báo cáo năm 2027: hạn nộp/ })).toHaveCount(1);
    } finally {
      await reporter.context.close();
    }
  });

  it("extends one unit's deadline with a reason, then closes the submission window", async () => {
    await page.goto(`${stack.api.url}/ui/cycles/${cycleId}`);
    await page.getByRole('button', { name: `Gia hạn cho ${LATE_NAME}` }).click();
    const dialog = page.getByRole('dialog', { name: `Gia hạn nộp báo cáo: ${LATE_NAME}` });
    await see(dialog.getByLabel('Hạn nộp mới')).toHaveAttribute('value', '19/12/2027');
    await settled(page); // the dialog at rest: a click during its fade-in may reach nothing
    await dialog.getByRole('button', { name: 'Gia hạn' }).click();
    await see(dialog.getByText('Nhập lý do gia hạn.')).toBeVisible();
    await dialog.getByLabel('Lý do gia hạn').fill('Đơn vị đề nghị gia hạn do tổ chức Đại hội.');
    await audit.check(page, 'Gia hạn');
    await dialog.getByRole('button', { name: 'Gia hạn' }).click();
    await see(page.getByRole('dialog')).toHaveCount(0);
    await see(page.getByRole('row', { name: new RegExp(LATE_NAME) })).toHaveText(/19\/12\/2027/);
    // The cycle's units are paged on their own route (#16).
    const units = (await coordinator.call('GET', `/cycles/${cycleId}/units`)).body.items;
    expect(units.find((u: { unitId: string }) => u.unitId === LATE).effectiveDeadline).toBe('2027-12-19');

    await page.getByRole('button', { name: 'Khóa nhận báo cáo' }).click();
    await page.getByRole('button', { name: 'Khóa nhận báo cáo' }).last().click(); // the confirmation's own button
    await see(page.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa nộp' })).toHaveCount(1); // still possible while reviewing
    await see(page.getByRole('button', { name: 'Khóa nhận báo cáo' })).toHaveCount(0);
    expect((await coordinator.call('GET', `/cycles/${cycleId}`)).body.status).toBe('reviewing');
  });
});
