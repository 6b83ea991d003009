import type { Browser, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, TEST_ADMIN_PASSWORD } from '../support/api-stack';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';
import { loginAs } from './support/login';

/**
 * The administrator's pages (#15) in Chromium against the built API: the organisation tree a level at a time
 * (another name for a unit, a commune merged into another), and the accounts (search, create with a role and
 * a unit picked by name, reset the password, unlock after failed logins, disable and enable again). What the
 * pages did is read back from the event store and the API. axe on every state; phone widths without sideways scroll.
 */
describe('administrator pages in the browser', () => {
  let stack: ApiStack;
  let admin: ApiSession;
  let browser: Browser;
  const audit = new A11yAudit();

  beforeAll(async () => {
    stack = await startStack();
    admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('pages accounts and the tree, searches units, and refuses bad input naming it', async () => {
    const first = await admin.call('GET', '/accounts?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await admin.call('GET', `/accounts?limit=2&cursor=${first.body.nextCursor}`);
    const names = [...first.body.items, ...second.body.items].map((a: { username: string }) => a.username);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(4);
    const hoa = await admin.call('GET', '/accounts?q=canbo.hlhpn');
    expect(hoa.body).toMatchObject({
      total: 1,
      items: [{ username: 'canbo.hlhpn-tam-duong', unitNames: ['Hội Liên hiệp Phụ nữ huyện Tam Đường'], locked: false }],
    });
    const top = await admin.call('GET', '/org-units/children');
    expect(top.body.items).toEqual([
      expect.objectContaining({ canonicalName: 'Tỉnh ủy Lai Châu', childCount: 1, levelLabel: 'Cấp tỉnh', activeTo: null }),
    ]);
    const district = await admin.call('GET', '/org-units/children?parentId=huyen-uy-tam-duong&limit=3');
    expect(district.body.items).toHaveLength(3);
    expect(district.body.total).toBeGreaterThan(10);
    const found = await admin.call('GET', `/org-units/search?q=${encodeURIComponent('phụ nữ')}`);
    expect(found.body.map((u: { id: string }) => u.id)).toEqual(['hlhpn-tam-duong']);
    for (const [path, field] of [
      ['/accounts?cursor=x', 'cursor'],
      ['/org-units/children?limit=500', 'limit'],
      ['/org-units/search', 'q'],
    ]) {
      const bad = await admin.call('GET', path);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain(field);
    }
    const empty = await admin.call('POST', '/org-units/hnd-tam-duong/aliases', { alias: '' });
    expect(empty.status).toBe(400);
  });

  it('walks the organisation tree, adds another name, and records a commune merged into another', async () => {
    const { page } = await newPage(browser, DESKTOP);
    audit.track(page);
    await loginAs(page, stack.api.url, 'admin', '/ui/admin/units', TEST_ADMIN_PASSWORD);
    await see(page.getByRole('heading', { level: 1, name: 'Cơ cấu tổ chức' })).toHaveCount(1);
    await see(page.getByRole('row', { name: /Tỉnh ủy Lai Châu/ })).toHaveText(/Cấp tỉnh.*Từ \d\d\/\d\d\/\d{4}.*Đang hoạt động/);
    await audit.check(page, 'Cơ cấu tổ chức');
    await page.getByRole('button', { name: 'Xem 1 đơn vị trực thuộc' }).click();
    await page
      .getByRole('row', { name: /Huyện ủy Tam Đường/ })
      .getByRole('button', { name: /^Xem \d+ đơn vị trực thuộc$/ })
      .click();
    await see(page.getByText(/^Huyện ủy Tam Đường có \d+ đơn vị trực thuộc\.$/)).toHaveCount(1);
    await see(page.getByRole('navigation', { name: 'Vị trí trong cơ cấu tổ chức' })).toHaveText(
      /Cấp cao nhất.*Tỉnh ủy Lai Châu.*Huyện ủy Tam Đường/,
    );

    await page.getByRole('button', { name: 'Thêm tên gọi khác cho Hội Nông dân huyện Tam Đường' }).click();
    await page.getByRole('dialog').getByLabel('Tên gọi khác').fill('Hội ND huyện Tam Đường');
    await settled(page);
    await audit.check(page, 'Thêm tên gọi khác');
    await page.getByRole('dialog').getByRole('button', { name: 'Thêm' }).click();
    await see(page.getByRole('row', { name: /Hội Nông dân huyện Tam Đường/ })).toHaveText(/Hội ND huyện Tam Đường/);
    const alias = await stack.db.owner.query(
      `SELECT data FROM events WHERE stream_id = 'orgunit-hnd-tam-duong' AND event_type = 'UnitAliasAdded'`,
    );
    expect(alias).toEqual([{ data: { unitId: 'hnd-tam-duong', alias: 'Hội ND huyện Tam Đường' } }]);

    await page.getByRole('button', { name: 'Ngừng hoạt động / sáp nhập: Đảng ủy xã Bản Hon' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ngày cuối cùng hoạt động').click();
    await dialog.getByLabel('Ngày cuối cùng hoạt động').fill('30/06/2027');
    await dialog.getByLabel('Ngày cuối cùng hoạt động').press('Enter');
    await dialog.getByLabel('Lý do (căn cứ quyết định)').fill('Sáp nhập theo Nghị quyết của Ủy ban Thường vụ Quốc hội.');
    await dialog.getByRole('combobox', { name: 'Sáp nhập vào đơn vị' }).fill('Bình Lư');
    await pickOption(page, 'Đảng ủy xã Bình Lư');
    await settled(page);
    await audit.check(page, 'Sáp nhập đơn vị');
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await see(page.getByRole('row', { name: /Đảng ủy xã Bản Hon/ })).toHaveText(
      /– 30\/06\/2027.*Đã sáp nhập vào Đảng ủy xã Bình Lư.*Sáp nhập theo Nghị quyết/,
    );
    const closed = await stack.db.owner.query(
      `SELECT data FROM events WHERE stream_id = 'orgunit-du-xa-ban-hon' AND event_type = 'UnitClosed'`,
    );
    expect(closed).toEqual([{ data: expect.objectContaining({ activeTo: '2027-06-30', mergedInto: 'du-xa-binh-lu' }) }]);
    await audit.check(page, 'Cơ cấu tổ chức sau khi sáp nhập');
    await page.context().close();
  });

  it('creates an account with a role and a unit, resets its password, unlocks it, disables and enables it', async () => {
    const { page } = await newPage(browser, DESKTOP);
    audit.track(page);
    await loginAs(page, stack.api.url, 'admin', '/ui/admin/accounts', TEST_ADMIN_PASSWORD);
    await see(page.getByRole('heading', { level: 1, name: 'Người dùng' })).toHaveCount(1);
    await audit.check(page, 'Người dùng');

    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Họ và tên (kèm chức vụ nếu cần)').fill('Lò Thị Hoa');
    await form.getByLabel('Tên đăng nhập').fill('hoa.lt');
    await form.getByLabel('Mật khẩu tạm').fill('tam-thoi-2027-abc');
    await form.getByRole('combobox', { name: 'Báo cáo cho đơn vị' }).fill('phụ nữ');
    await pickOption(page, 'Hội Liên hiệp Phụ nữ huyện Tam Đường');
    await see(form.locator('.ant-select-selection-item')).toHaveText('Hội Liên hiệp Phụ nữ huyện Tam Đường');
    await form.getByLabel('Thư điện tử').click();
    await settled(page);
    await audit.check(page, 'Tạo tài khoản');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await see(page.getByText('Đã tạo tài khoản hoa.lt. Hãy báo tên đăng nhập và mật khẩu tạm cho người dùng.')).toHaveCount(1);

    const search = page.getByLabel('Tìm theo tên hoặc tên đăng nhập');
    await search.fill('hoa.lt');
    await search.press('Enter');
    const row = page.getByRole('row', { name: /Lò Thị Hoa/ });
    await see(row).toHaveText(/hoa\.lt.*Cán bộ báo cáo của đơn vị.*Hội Liên hiệp Phụ nữ huyện Tam Đường.*Đang hoạt động/);
    await see(page.getByText('Có 1 tài khoản.')).toHaveCount(1);

    // Five wrong passwords lock it out; the page says until when, and "Mở khóa" lifts it.
    for (let i = 0; i < 5; i++) await ApiSession.login(stack.api.url, 'hoa.lt', 'sai-mat-khau-123').catch(() => undefined);
    await page.reload();
    await search.fill('hoa.lt');
    await search.press('Enter');
    await see(row).toHaveText(/Tạm khóa đến \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    await audit.check(page, 'Người dùng bị tạm khóa');
    await row.getByRole('button', { name: 'Mở khóa tài khoản Lò Thị Hoa' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Mở khóa' }).click();
    await see(row).toHaveText(/Đang hoạt động/);

    await row.getByRole('button', { name: 'Đặt lại mật khẩu cho Lò Thị Hoa' }).click();
    await page.getByRole('dialog').getByLabel('Mật khẩu tạm mới').fill('mat-khau-moi-2027');
    await page.getByRole('dialog').getByRole('button', { name: 'Đặt lại' }).click();
    await see(row).toHaveText(/Chờ đổi mật khẩu/);
    expect((await ApiSession.login(stack.api.url, 'hoa.lt', 'mat-khau-moi-2027')).constructor).toBe(ApiSession);

    await row.getByRole('button', { name: 'Vô hiệu hóa tài khoản Lò Thị Hoa' }).click();
    await page.getByRole('dialog').getByLabel('Lý do (ghi vào nhật ký)').fill('Chuyển công tác.');
    await settled(page);
    await audit.check(page, 'Vô hiệu hóa tài khoản');
    await page.getByRole('dialog').getByRole('button', { name: 'Vô hiệu hóa' }).click();
    await see(row).toHaveText(/Đã vô hiệu hóa/);
    await expect(ApiSession.login(stack.api.url, 'hoa.lt', 'mat-khau-moi-2027')).rejects.toThrow();
    await row.getByRole('button', { name: 'Kích hoạt lại tài khoản Lò Thị Hoa' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Kích hoạt lại' }).click();
    await see(row).toHaveText(/Chờ đổi mật khẩu/);

    const [{ id }] = await stack.db.owner.query(`SELECT id FROM users WHERE username = 'hoa.lt'`);
    const trail = await stack.db.owner.query(`SELECT event_type, data FROM events WHERE stream_id = $1 ORDER BY version`, [`user-${id}`]);
    expect(trail.map((e: { event_type: string }) => e.event_type)).toEqual(
      expect.arrayContaining(['UserUnlocked', 'UserPasswordReset', 'UserDisabled', 'UserEnabled']),
    );
    expect(trail.find((e: { event_type: string }) => e.event_type === 'UserDisabled').data).toMatchObject({ reason: 'Chuyển công tác.' });
    expect(audit.unchecked().filter((r) => r !== '/ui/login')).toEqual([]);
    await page.context().close();
  });

  it('fits a phone: accounts and the tree without sideways scroll', async () => {
    const { page } = await newPage(browser, PHONE);
    await loginAs(page, stack.api.url, 'admin', '/ui/admin/accounts', TEST_ADMIN_PASSWORD);
    await see(page.getByText(/^Có \d+ tài khoản\.$/)).toHaveCount(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Người dùng trên điện thoại');
    await page.goto(`${stack.api.url}/ui/admin/units`);
    await see(page.getByText('Có 1 đơn vị ở cấp cao nhất.')).toHaveCount(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await audit.check(page, 'Cơ cấu tổ chức trên điện thoại');
    await page.context().close();
  });
});

/** Clicks an option of the open Ant Design drop-down once it has stopped moving (it grows and may flip as results arrive). */
async function pickOption(page: Page, title: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true });
  await option.waitFor();
  await settled(page);
  await option.click();
}
