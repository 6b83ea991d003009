import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, DEMO_PASSWORD, login, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';

/**
 * The template editor (#14) in a real Chromium against the built API: the coordinator copies a built-in
 * template, adds a section that only communes answer with a yes/no indicator and a table indicator, previews
 * the form a commune sees (the section is there) and the one an organisation sees (it is not), and publishes
 * version 2 — read back over HTTP. axe on every page and dialog; the editor at phone width without sideways
 * scrolling.
 */
/** Elements reaching past the right edge of the window, not clipped by a scrolling box (what makes a phone page scroll sideways). */
async function tooWide(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    type El = { tagName: string; className: unknown; parentElement: El | null; getBoundingClientRect(): { right: number } };
    const g = globalThis as unknown as {
      innerWidth: number;
      getComputedStyle(e: El): { overflowX: string };
      document: { querySelectorAll(s: string): ArrayLike<El> };
    };
    const clipped = (e: El) => {
      for (let a = e.parentElement; a && a.tagName !== 'BODY' && a.tagName !== 'HTML'; a = a.parentElement)
        if (g.getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= g.innerWidth + 1) return true;
      return false;
    };
    const all = Array.from(g.document.querySelectorAll('body *'));
    const name = (e: El) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')}`;
    // Boxes past the edge, and boxes whose content spills out of them visibly (a long word, a wide child).
    const spilling = all.filter(
      (e) =>
        g.getComputedStyle(e).overflowX === 'visible' &&
        (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth >
          (e as unknown as { clientWidth: number }).clientWidth + 1 &&
        (e as unknown as { clientWidth: number }).clientWidth > 0 &&
        !clipped(e),
    );
    return [...all.filter((e) => e.getBoundingClientRect().right > g.innerWidth + 1 && !clipped(e)), ...spilling].map(name).slice(-10);
  });
}

describe('the template editor in the browser', () => {
  let stack: ApiStack;
  let coordinator: ApiSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let templateId: string;
  const audit = new A11yAudit();
  const shot = async (p: Page, name: string) => {
    if (process.env.SCREENSHOT_DIR) await p.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  };

  /** Picks `option` in the Ant Design select labelled `label` inside `scope`. */
  async function choose(scope: ReturnType<Page['locator']>, label: string, option: string) {
    await scope.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click();
    await page.keyboard.press('Escape');
    await settled(page);
  }

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

  it('copies a built-in, adds a communes-only section with a yes/no and a table indicator, previews per kind of unit, publishes version 2', async () => {
    await page.goto(`${stack.api.url}/ui/templates`);
    await page.waitForURL(/\/ui\/login\?next=/);
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien.bdv');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await see(page.getByRole('heading', { level: 1, name: 'Mẫu báo cáo' })).toHaveCount(1);
    await see(page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Mẫu báo cáo' })).toBeVisible();
    await see(page.getByText('Cơ quan chưa có mẫu riêng. Sao chép một mẫu có sẵn ở dưới để bắt đầu.')).toBeVisible();
    await audit.check(page, 'Mẫu báo cáo');
    await shot(page, 'templates');

    // Copy the annual Dân vận template under a new name.
    await page.getByRole('button', { name: 'Sao chép mẫu Báo cáo tổng kết công tác dân vận năm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sao chép thành mẫu của cơ quan' });
    await dialog.getByLabel('Tên mẫu mới').fill('Báo cáo công tác dân vận quý');
    await settled(page);
    await audit.check(page, 'Sao chép mẫu');
    await dialog.getByRole('button', { name: 'Tạo mẫu' }).click();
    await page.waitForURL(/\/ui\/templates\/bao-cao-cong-tac-dan-van-quy-[a-z0-9]+$/);
    templateId = page.url().split('/').pop()!;
    await see(page.getByRole('heading', { level: 1, name: 'Báo cáo công tác dân vận quý' })).toHaveCount(1);
    await see(page.getByText('Phiên bản 1', { exact: true })).toBeVisible();
    await see(page.getByRole('button', { name: 'Ban hành phiên bản 2' })).toBeDisabled();
    await audit.check(page, 'Sửa mẫu báo cáo');

    // A new top-level section (the built-in has I–V), answered by communes only.
    await page.getByRole('button', { name: 'Thêm mục lớn' }).click();
    const section = page.getByRole('region', { name: /^Mục VI:/ });
    await section.getByLabel('Tiêu đề mục VI').fill('Hoạt động của Mặt trận và các đoàn thể ở xã');
    await section.getByLabel('Đơn vị trả lời mục này').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Đảng ủy xã, thị trấn', { exact: true }).click();
    await page.keyboard.press('Escape');
    await settled(page);

    // A yes/no indicator: each commune answers Có or Không.
    await section.getByRole('button', { name: 'Thêm chỉ tiêu vào mục VI' }).click();
    const yesNo = section.getByRole('group', { name: 'Chỉ tiêu: Chỉ tiêu mới' });
    await yesNo.getByLabel('Tên chỉ tiêu').fill('Tổ chức hội nghị phản biện xã hội');
    const yesNoNamed = section.getByRole('group', { name: 'Chỉ tiêu: Tổ chức hội nghị phản biện xã hội' });
    await choose(yesNoNamed, 'Kiểu số liệu', 'Có/Không (mỗi đơn vị trả lời)');
    await see(yesNoNamed.getByLabel('Gọi chung các đơn vị')).toHaveAttribute('value', 'xã, thị trấn');
    await see(yesNoNamed.getByLabel('Mã (dùng trong quy tắc)')).toHaveAttribute('value', 'TO_CHUC_HOI_NGHI_PHAN_BIEN_XA_HOI');

    // A table indicator: one row per commune, two columns.
    await section.getByRole('button', { name: 'Thêm chỉ tiêu vào mục VI' }).click();
    await section.getByRole('group', { name: 'Chỉ tiêu: Chỉ tiêu mới' }).getByLabel('Tên chỉ tiêu').fill('Đoàn viên, hội viên ở xã');
    const table = section.getByRole('group', { name: 'Chỉ tiêu: Đoàn viên, hội viên ở xã' });
    await choose(table, 'Kiểu số liệu', 'Bảng (dòng × cột)');
    await table.getByLabel('Tiêu đề cột 1').fill('Số hội viên');
    await table.getByRole('button', { name: 'Thêm cột' }).click();
    await table.getByLabel('Tiêu đề cột 2').fill('Tỷ lệ tập hợp');
    await choose(table, 'Kiểu của cột 2', 'Phần trăm (%)');
    await see(page.getByRole('button', { name: 'Ban hành phiên bản 2' })).toBeEnabled();
    await audit.check(page, 'Sửa mẫu báo cáo: mục mới');
    await shot(page, 'template-editor');

    // The preview: a commune sees the new section with Có/Không and the table; an organisation does not.
    await page.getByRole('tab', { name: 'Xem trước biểu mẫu' }).click();
    const preview = page.getByLabel('Biểu mẫu xem trước');
    await see(preview.getByRole('heading', { name: 'VI. Hoạt động của Mặt trận và các đoàn thể ở xã' })).toHaveCount(1);
    await see(preview.getByRole('radio', { name: 'Có' })).toHaveCount(1);
    await see(preview.getByRole('columnheader', { name: 'Tỷ lệ tập hợp (%)' })).toHaveCount(1);
    await audit.check(page, 'Xem trước biểu mẫu: xã');
    await shot(page, 'template-preview');
    await choose(page.locator('.template-editor'), 'Xem biểu mẫu mà đơn vị loại này sẽ nhập', 'Hội Nông dân');
    await see(preview.getByRole('heading', { name: /^I\. / })).toHaveCount(1);
    await see(preview.getByRole('heading', { name: 'VI. Hoạt động của Mặt trận và các đoàn thể ở xã' })).toHaveCount(0);
    await audit.check(page, 'Xem trước biểu mẫu: tổ chức');

    // Publish: version 2, shown on the page and stored as such.
    await page.getByRole('button', { name: 'Ban hành phiên bản 2' }).click();
    await see(page.getByText('Phiên bản 2', { exact: true })).toBeVisible();
    await see(page.getByRole('button', { name: 'Ban hành phiên bản 3' })).toBeDisabled();
    await audit.check(page, 'Sửa mẫu báo cáo: đã ban hành');
    const stored = await coordinator.call('GET', `/templates/${templateId}`);
    expect([stored.status, stored.body.version, stored.headers.get('etag')]).toEqual([200, 2, '"2"']);
    expect(stored.body.sections.at(-1)).toEqual({
      code: 'VI',
      title: 'Hoạt động của Mặt trận và các đoàn thể ở xã',
      unitKinds: ['DANG_UY_XA'],
    });
    expect(stored.body.indicators.filter((i: { sectionCode: string }) => i.sectionCode === 'VI')).toEqual([
      expect.objectContaining({
        code: 'TO_CHUC_HOI_NGHI_PHAN_BIEN_XA_HOI',
        valueType: 'boolean',
        aggregation: 'ratio',
        coverage: { noun: 'xã, thị trấn', activity: 'tổ chức hội nghị phản biện xã hội' },
      }),
      expect.objectContaining({
        name: 'Đoàn viên, hội viên ở xã',
        valueType: 'table',
        table: expect.objectContaining({
          rowSource: 'units',
          columns: [
            { code: 'C1', label: 'Số hội viên', valueType: 'integer', aggregation: 'sum' },
            { code: 'C2', label: 'Tỷ lệ tập hợp', valueType: 'percent', aggregation: 'none' },
          ],
        }),
      }),
    ]);
    // Version 1 is unchanged (a cycle opened on it keeps its form).
    expect((await coordinator.call('GET', `/templates/${templateId}/versions/1`)).body.sections).toHaveLength(5);
    await page.getByRole('link', { name: 'Về danh sách mẫu báo cáo' }).click();
    await see(page.getByRole('link', { name: 'Báo cáo công tác dân vận quý' })).toBeVisible();
    await see(page.getByText('Phiên bản 2')).toHaveCount(1);
    expect(audit.unchecked().filter((r) => r !== '/ui/login')).toEqual([]);
  });

  it('fits a phone: the list and the editor do not scroll sideways', async () => {
    const phone = await newPage(browser, PHONE);
    try {
      await phone.context.addCookies(await context.cookies());
      await phone.page.goto(`${stack.api.url}/ui/templates`);
      await see(phone.page.getByRole('heading', { level: 1, name: 'Mẫu báo cáo' })).toHaveCount(1);
      expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
      await audit.check(phone.page, 'Mẫu báo cáo (điện thoại)');
      await shot(phone.page, 'templates-phone');
      await phone.page.goto(`${stack.api.url}/ui/templates/${templateId}`);
      await see(phone.page.getByText('Phiên bản 2', { exact: true })).toBeVisible();
      // Sections fold: the one opened shows its fields.
      await see(phone.page.getByLabel('Tiêu đề mục VI')).toHaveCount(0);
      await phone.page.getByRole('button', { name: /^VI\. Hoạt động của Mặt trận/ }).click();
      await see(phone.page.getByLabel('Tiêu đề mục VI')).toBeVisible();
      await settled(phone.page);
      await shot(phone.page, 'template-editor-phone');
      expect(await tooWide(phone.page)).toEqual([]);
      expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
      await audit.check(phone.page, 'Sửa mẫu báo cáo (điện thoại)');
    } finally {
      await phone.context.close();
    }
  });
});
