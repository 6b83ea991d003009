import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from '../infra/processes';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see } from './office-helpers';
import { A11yAudit, atRest, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';

/**
 * Issue #13, the unit reporter's quarter in the browser (the built API and worker, a fresh database with the
 * demo seeded, real Chromium). The whole journey goes through the pages only — the reviewer's return, the
 * review of the resubmission with its changes and the approval in a browser of their own, the coordinator's
 * board in a third; the API only sets up a colleague's concurrent save and reads results.
 */
const UNIT = 'hlhpn-tam-duong';
const UNIT_NAME = 'Hội Liên hiệp Phụ nữ huyện Tam Đường';
const PHONE_UNIT = 'hnd-tam-duong';
const RULE_MESSAGE = 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.';

describe('the unit reporter in the browser', () => {
  let stack: ApiStack;
  let browser: Browser;
  const audit = new A11yAudit();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startStack();
    await readModelsCurrent(stack.api.url); // the demo cycle, the coordinator's: the reporter, who wrote nothing yet, waits for nobody's writes
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const open = async (viewport = DESKTOP): Promise<Page> => {
    const { context, page } = await newPage(browser, viewport);
    contexts.push(context);
    audit.track(page);
    return page;
  };
  const ui = (path: string) => `${stack.api.url}/ui${path}`;
  const submissionOf = async (unitId: string) => {
    const reporter = await login(stack.api.url, `canbo.${unitId}`);
    return (await reporter.call('GET', `/cycles/${stack.demoCycleId}/units/${unitId}/submission`)).body;
  };

  async function pickSection(scope: Locator, label: string, text: string) {
    const box = scope.getByRole('combobox', { name: label });
    await box.click();
    await box.fill(text);
    await box.press('Enter');
  }

  async function logIn(page: Page, username: string) {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('kybaocao-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  it('fills the form (a rule error shown and fixed), leaves and finds the draft, submits; after a return sees the reasons at their sections and resubmits', async () => {
    const page = await open(DESKTOP);

    // A link from an e-mail, without a session: the login page, then back to where the link pointed.
    await page.goto(ui('/assignments'));
    await page.waitForURL(/\/ui\/login\?next=%2Fassignments$/);
    await audit.check(page, 'Đăng nhập');
    await logIn(page, `canbo.${UNIT}`);
    await page.waitForURL(/\/ui\/assignments$/);
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await page.getByRole('banner').getByText('Cán bộ Hội LHPN').waitFor();
    const row = page.getByRole('row', { name: /Báo cáo tổng kết công tác dân vận năm 2026/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(UNIT_NAME);
    expect(await row.textContent()).toContain('16/12/2026');
    expect(await row.textContent()).toMatch(/Chưa nộp/);
    expect(await row.textContent()).toMatch(/Còn \d+ ngày/);
    await audit.check(page, 'Việc của tôi');

    await row.getByRole('link', { name: 'Làm báo cáo' }).click();
    await page.waitForURL(new RegExp(`/ui/cycles/${stack.demoCycleId}/units/${UNIT}$`));
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng kết công tác dân vận năm 2026' }).waitFor();
    await page.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }).waitFor();
    await audit.check(page, 'Báo cáo của đơn vị (soạn)');

    // A rule of the template, shown at the field as the reporter types, then fixed.
    const buoi = page.getByRole('textbox', { name: 'Số buổi tuyên truyền', exact: true });
    const luot = page.getByRole('textbox', { name: 'Số lượt người tham gia tuyên truyền', exact: true });
    await buoi.fill('12');
    await luot.fill('5');
    await page.getByText(RULE_MESSAGE).waitFor();
    expect(await luot.getAttribute('aria-invalid')).toBe('true');
    await audit.check(page, 'Báo cáo của đơn vị (có lỗi)');
    await luot.fill('1.250');
    await page.getByText(RULE_MESSAGE).waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Mức độ: Số lượt người tham gia tuyên truyền' }).click();
    await page.getByRole('option', { name: 'trên' }).click();
    await page
      .getByRole('textbox', { name: 'Nội dung mục II.1' })
      .fill('Hội tổ chức 12 buổi tuyên truyền.\nTrên 1.250 lượt hội viên tham gia.');
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 15000 });

    // Leave, come back: the autosaved draft.
    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Việc của tôi' }).click();
    await page.waitForURL(/\/ui\/assignments$/);
    await row.getByText('Đang soạn').waitFor();
    await row.getByRole('link', { name: 'Tiếp tục soạn' }).click();
    await expect(buoi.inputValue()).resolves.toBe('12');
    await expect(luot.inputValue()).resolves.toBe('1.250');
    await expect(page.getByRole('textbox', { name: 'Nội dung mục II.1' }).inputValue()).resolves.toBe(
      'Hội tổ chức 12 buổi tuyên truyền.\nTrên 1.250 lượt hội viên tham gia.',
    );
    const draft = await submissionOf(UNIT);
    expect(draft.status).toBe('draft');
    expect(draft.draft.figures).toEqual({ TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 1250, qualifier: 'tren' } });

    // Submit: the confirmation shows what goes out and the template's warning; confirming sends it.
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('trên 1.250 lượt người').waitFor();
    expect(await dialog.textContent()).toContain('Chưa nhập số hội viên, đoàn viên kết nạp mới');
    await audit.check(page, 'Xác nhận nộp báo cáo');
    await dialog.getByRole('button', { name: 'Vẫn nộp báo cáo' }).click();
    await page.getByText(/Báo cáo lần 1 đã được gửi lúc .* và đang chờ thẩm định/).waitFor({ timeout: 60000 });
    const sent = await submissionOf(UNIT);
    expect(sent.status).toBe('submitted');
    expect(sent.versions[0].figures).toEqual({ TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 1250, qualifier: 'tren' } });
    expect(sent.versions[0].narrative).toEqual({ 'II.1': 'Hội tổ chức 12 buổi tuyên truyền.\nTrên 1.250 lượt hội viên tham gia.' });
    await audit.check(page, 'Báo cáo của đơn vị (đã nộp)');

    // The reviewer (another browser) returns it with reasons on two sections.
    const rv = await open(DESKTOP);
    await rv.goto(ui(`/cycles/${stack.demoCycleId}/units/${UNIT}`));
    await rv.waitForURL(/\/ui\/login\?next=/);
    await logIn(rv, 'lanhdao.bdv');
    await rv.waitForURL(new RegExp(`/ui/cycles/${stack.demoCycleId}/units/${UNIT}$`));
    await rv.getByRole('button', { name: 'Trả lại' }).waitFor();
    await audit.check(rv, 'Thẩm định báo cáo (người thẩm định)');
    await rv.getByRole('button', { name: 'Trả lại' }).click();
    const giveBack = rv.getByRole('dialog', { name: 'Trả lại báo cáo' });
    await pickSection(giveBack, 'Mục của lý do 1', 'Công tác tuyên truyền');
    await giveBack.getByRole('textbox', { name: 'Lý do 1' }).fill('Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.');
    await giveBack.getByRole('button', { name: 'Thêm lý do' }).click();
    await pickSection(giveBack, 'Mục của lý do 2', 'Khó khăn');
    await giveBack.getByRole('textbox', { name: 'Lý do 2' }).fill('Bổ sung những khó khăn trong năm.');
    await giveBack.getByRole('button', { name: 'Gửi trả lại' }).click();
    await eventually(async () => (await submissionOf(UNIT)).status === 'returned', 20000, 'the submission to be returned');
    // The reviewer's page moves on (to the next waiting submission, or the queue when none is left).
    await rv.waitForURL((url) => !url.pathname.endsWith(`/units/${UNIT}`), { timeout: 15000 });
    await rv.getByRole('heading', { level: 1 }).waitFor();
    await audit.check(rv, 'Sau khi trả lại (người thẩm định)');
    const returned = await submissionOf(UNIT);
    expect(returned.returns[0].reasons).toEqual([
      { sectionCode: 'II.1', reason: 'Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.' },
      { sectionCode: 'I.2', reason: 'Bổ sung những khó khăn trong năm.' },
    ]);

    // The list says it came back and how many reasons; the bell has the notification.
    await page.goto(ui('/assignments'));
    await row.getByText('Bị trả lại').waitFor();
    await row.getByText('2 ý kiến cần sửa').waitFor();
    await eventually(
      async () =>
        /Thông báo: \d+ chưa đọc/.test((await page.getByRole('link', { name: /^Thông báo:/ }).getAttribute('aria-label')) ?? '') ||
        (await page.reload(), false),
      30000,
      'the bell to show the unread return',
    );
    await page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc/ }).click();
    await page.waitForURL(/\/ui\/inbox$/);
    const notice = page.getByRole('listitem').filter({ hasText: 'Trả lại' }).first();
    await notice.waitFor();
    await audit.check(page, 'Thông báo');
    await notice.getByRole('button', { name: 'Mở báo cáo' }).click();
    await page.waitForURL(new RegExp(`/ui/cycles/${stack.demoCycleId}/units/${UNIT}$`));

    // The reasons at the sections they concern.
    const s21 = page.getByRole('region', { name: 'II.1. Công tác tuyên truyền, vận động' });
    const s12 = page.getByRole('region', { name: 'I.2. Khó khăn' });
    await s21.getByText('Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.').waitFor();
    await s12.getByText('Bổ sung những khó khăn trong năm.').waitFor();
    expect(await page.getByRole('region', { name: 'I.1. Thuận lợi' }).textContent()).not.toContain('Bổ sung những khó khăn');
    await audit.check(page, 'Báo cáo của đơn vị (bị trả lại)');

    // Fix and resubmit.
    await page.getByRole('textbox', { name: 'Nội dung mục I.2' }).fill('Địa bàn rộng, giao thông khó khăn.');
    await page.getByRole('textbox', { name: 'Nội dung mục II.1' }).fill('Hội tổ chức 12 buổi tuyên truyền, trong đó 8 buổi ở cơ sở.');
    await page.getByRole('textbox', { name: 'Số hội viên, đoàn viên kết nạp mới', exact: true }).fill('35');
    await page.getByRole('button', { name: 'Nộp lại báo cáo' }).click();
    // Confirmed once the dialog is at rest: a click during its zoom-in can reach nothing (CI saw the phone's submit never sent).
    await atRest(page, 10_000);
    await page.getByRole('dialog').getByRole('button', { name: 'Nộp lại báo cáo' }).click();
    await page.getByText(/Báo cáo lần 2 đã được gửi lúc .* và đang chờ thẩm định/).waitFor({ timeout: 60000 });
    const resent = await submissionOf(UNIT);
    expect(resent.status).toBe('resubmitted');
    expect(resent.versions).toHaveLength(2);
    expect(resent.versions[1].narrative['I.2']).toBe('Địa bàn rộng, giao thông khó khăn.');
    expect(resent.versions[1].figures.HV_KET_NAP).toEqual({ value: 35 });

    // The unit's own history: both versions, the first one returned.
    const history = page.getByRole('region', { name: 'Các lần đã nộp' });
    await history.getByText('Lần 1').waitFor();
    expect(await history.textContent()).toMatch(/Lần 2.*Chờ duyệt.*Lần 1.*Bị trả lại/s);

    // The reviewer finds the resubmission in the queue, sees what changed beside the previous version, approves.
    // (The reviewer's page already shows the queue, as it was before the resubmission: opened afresh, once the read
    // models have the resubmission: the queue waits for the reviewer's own writes only.)
    await readModelsCurrent(stack.api.url);
    await rv.goto(ui('/reviews'));
    await rv.getByRole('link', { name: UNIT_NAME }).first().click();
    await rv.waitForURL(new RegExp(`/ui/cycles/${stack.demoCycleId}/units/${UNIT}$`));
    await rv.getByText('Đơn vị đã nộp lại sau khi bị trả lại').waitFor();
    const changedSection = rv.getByRole('region').filter({ has: rv.getByRole('heading', { name: 'I.2. Khó khăn' }) });
    await changedSection.getByRole('insertion').filter({ hasText: 'Địa bàn rộng, giao thông khó khăn.' }).waitFor();
    await audit.check(rv, 'Thẩm định báo cáo nộp lại (người thẩm định)');
    await rv.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await rv.getByRole('dialog', { name: 'Duyệt báo cáo' }).getByRole('button', { name: 'Duyệt', exact: true }).click();
    await eventually(async () => (await submissionOf(UNIT)).status === 'approved', 20000, 'the submission to be approved');
    expect((await submissionOf(UNIT)).approvedVersion).toBe(2);

    // The coordinator's board (a third browser) shows the unit approved, once the read models took the approval in
    // (another user's write: the board does not wait for it).
    await readModelsCurrent(stack.api.url);
    const cv = await open(DESKTOP);
    await cv.goto(ui(`/cycles/${stack.demoCycleId}`));
    await cv.waitForURL(/\/ui\/login\?next=/);
    await logIn(cv, 'chuyenvien.bdv');
    await cv.waitForURL(new RegExp(`/ui/cycles/${stack.demoCycleId}$`));
    await cv
      .getByRole('region', { name: 'Các đơn vị' })
      .getByRole('row')
      .filter({ hasText: UNIT_NAME })
      .getByText('Đã duyệt')
      .waitFor({ timeout: 20000 });
    await audit.check(cv, 'Bảng theo dõi (điều phối)');

    // Account page, then logout: nothing of the reporter stays on screen.
    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor();
    await page.getByText('Gửi thông báo qua thư điện tử').waitFor();
    await audit.check(page, 'Tài khoản');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/ui\/login$/);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await eventually(async () => (await page.getByText('Cán bộ Hội LHPN').count()) === 0, 5000, "the reporter's name to leave the screen");
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
    await page.goto(ui(`/cycles/${stack.demoCycleId}/units/${UNIT}`));
    await page.waitForURL(/\/ui\/login\?next=/);
    expect(await page.getByText('Đề nghị ghi rõ').count()).toBe(0);
  });

  it("works on a phone (390×844): cards, no sideways scrolling, and a colleague's save is never overwritten", async () => {
    const page = await open(PHONE);
    await page.goto(ui('/'));
    await page.waitForURL(/\/ui\/login/);
    await logIn(page, `canbo.${PHONE_UNIT}`);
    await page.waitForURL(/\/ui\/assignments$/);
    const card = page.getByRole('listitem').filter({ hasText: 'Báo cáo tổng kết công tác dân vận năm 2026' });
    await card.waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Việc của tôi (điện thoại)');

    await page.getByRole('button', { name: 'Mở danh mục' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Thông báo' }).waitFor();
    await audit.check(page, 'Danh mục (điện thoại)');
    await page.keyboard.press('Escape');

    await card.getByRole('link', { name: 'Làm báo cáo' }).click();
    const buoi = page.getByRole('textbox', { name: 'Số buổi tuyên truyền', exact: true });
    await buoi.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Báo cáo của đơn vị (điện thoại)');

    // A colleague saves the same draft meanwhile (setup through the API); the reporter's next save must not overwrite it.
    const colleague = await login(stack.api.url, `canbo.${PHONE_UNIT}`);
    const saved = await colleague.call('PUT', `/cycles/${stack.demoCycleId}/units/${PHONE_UNIT}/submission/draft`, {
      figures: { TT_BUOI: { value: 30 } },
      narrative: {},
    });
    expect(saved.status).toBe(200);
    await buoi.fill('7');
    const conflict = page.getByRole('dialog', { name: 'Báo cáo vừa được thay đổi ở nơi khác' });
    await conflict.waitFor({ timeout: 15000 });
    await audit.check(page, 'Xung đột khi lưu (điện thoại)');
    expect((await submissionOf(PHONE_UNIT)).draft.figures).toEqual({ TT_BUOI: { value: 30 } });
    await conflict.getByRole('button', { name: 'Tải lại báo cáo' }).click();
    // The reload is a request: its figures are awaited, not read at once (CI once read the reporter's '7' still shown).
    await see(page.getByRole('textbox', { name: 'Số buổi tuyên truyền', exact: true })).toHaveValue('30');

    await page.getByRole('textbox', { name: 'Số lượt người tham gia tuyên truyền', exact: true }).fill('900');
    await page.getByRole('textbox', { name: 'Số hội viên, đoàn viên kết nạp mới', exact: true }).fill('12');
    // The reporter sees the figures saved ("Đã lưu lúc …") before pressing submit.
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    // Confirmed once the dialog is at rest: a click during its zoom-in can reach nothing (CI saw the phone's submit never sent).
    await atRest(page, 10_000);
    await page.getByRole('dialog').getByRole('button', { name: 'Nộp báo cáo' }).click();
    await page
      .getByText(/Báo cáo lần 1 đã được gửi lúc/)
      .waitFor({ timeout: 60000 })
      .catch(async (err) => {
        throw new Error(
          `${err.message}\non screen: ${JSON.stringify(await page.getByRole('alert').allTextContents())} ${await page.locator('.save-line').textContent()}`,
        );
      });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const sent = await submissionOf(PHONE_UNIT);
    expect(sent.status).toBe('submitted');
    expect(sent.versions[0].figures).toEqual({ TT_BUOI: { value: 30 }, TT_LUOT_NGUOI: { value: 900 }, HV_KET_NAP: { value: 12 } });
  });

  it('checked every page it visited with axe-core', () => {
    expect(audit.checked.size).toBeGreaterThanOrEqual(5);
    expect(audit.unchecked()).toEqual([]);
  });
});
