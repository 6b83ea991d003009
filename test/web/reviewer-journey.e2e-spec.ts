import type { Browser, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, streamEvents } from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, launchBrowser, newPage } from './support/browser';

/**
 * Issue #13, the reviewer (lãnh đạo Ban Dân vận) in the browser: the "Chờ duyệt" queue, a submission's page
 * (figures with the template's names and units, narrative by section, the template's rule warnings), a return
 * with reasons on two sections, then — after the unit's resubmission — the previous version beside the new one
 * with the changes marked, approval, the next waiting submission opening by itself, and the board showing the
 * unit approved. The units' submissions are set up through the API (the reporter's side of the same journey
 * runs in the browser in reporter-journey.e2e-spec.ts).
 */
const UNIT = 'hlhpn-tam-duong';
const UNIT_NAME = 'Hội Liên hiệp Phụ nữ huyện Tam Đường';
const OTHER = 'hnd-tam-duong';
const OTHER_NAME = 'Hội Nông dân huyện Tam Đường';
const REASON_1 = 'Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.';
const REASON_2 = 'Bổ sung những khó khăn trong năm.';

describe('the reviewer in the browser', () => {
  let stack: ApiStack;
  let browser: Browser;
  let page: Page;
  let reporter: ApiSession;
  let cycleId: string;
  const audit = new A11yAudit();
  const ui = (path: string) => `${stack.api.url}/ui${path}`;

  beforeAll(async () => {
    stack = await startStack();
    cycleId = stack.demoCycleId;
    // Two units send their reports: the farmers' union first, so the women's union waits behind it.
    const other = await login(stack.api.url, `canbo.${OTHER}`);
    expect(
      (
        await other.call('POST', `/cycles/${cycleId}/units/${OTHER}/submission/submit`, {
          content: { figures: { TT_BUOI: { value: 30 }, TT_LUOT_NGUOI: { value: 900 }, HV_KET_NAP: { value: 12 } }, narrative: {} },
        })
      ).status,
    ).toBe(200);
    reporter = await login(stack.api.url, `canbo.${UNIT}`);
    expect(
      (
        await reporter.call('POST', `/cycles/${cycleId}/units/${UNIT}/submission/submit`, {
          content: {
            figures: { TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 1250, qualifier: 'tren' }, NDDK_GIA_TRI: { value: 1234.5 } },
            narrative: { 'II.1': 'Hội tổ chức 12 buổi tuyên truyền.\nTrên 1.250 lượt hội viên tham gia.' },
          },
        })
      ).status,
    ).toBe(200);
    await readModelsCurrent(stack.api.url); // the units' submissions: the reviewer's queue waits for the reviewer's own writes only
    browser = await launchBrowser();
    page = (await newPage(browser, DESKTOP)).page;
    audit.track(page);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const queueRows = () => page.getByRole('row').filter({ has: page.getByRole('cell') });

  it('opens the queue, reads a first submission with its rule warning and returns it with reasons on two sections', async () => {
    await page.goto(ui('/login'));
    await settled(page);
    await audit.check(page, 'Đăng nhập');
    await page.getByLabel('Tên đăng nhập').fill('lanhdao.bdv');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('kybaocao-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // The reviewer's home: what waits, oldest first, with the unit, the cycle, when it came in, first or again.
    await page.waitForURL(/\/ui\/reviews$/);
    await see(page.getByRole('heading', { level: 1, name: 'Chờ duyệt' })).toHaveCount(1);
    await see(queueRows()).toHaveCount(2);
    await see(queueRows().nth(0)).toHaveText(
      new RegExp(
        `^${OTHER_NAME}Báo cáo tổng kết công tác dân vận năm 2026 — Huyện ủy Tam Đường\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}Nộp lần đầu$`,
      ),
    );
    await see(queueRows().nth(1)).toHaveText(new RegExp(`^${UNIT_NAME}.*Nộp lần đầu$`));
    await see(page.getByText('Có 2 báo cáo đang chờ duyệt, báo cáo đến trước xếp trước.')).toHaveCount(1);
    await settled(page);
    await audit.check(page, 'Chờ duyệt');

    await queueRows().nth(1).getByRole('link', { name: UNIT_NAME }).click();
    await page.waitForURL(new RegExp(`/ui/cycles/${cycleId}/units/${UNIT}$`));
    // Figures as a table with the template's names, qualifier and unit of measure; numbers written the Vietnamese way.
    const s21 = page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }) });
    await see(s21.getByRole('row', { name: /Số lượt người tham gia tuyên truyền/ })).toHaveText(
      'Số lượt người tham gia tuyên truyền1.250trênlượt người',
    );
    await see(s21.getByRole('row', { name: /^Số buổi tuyên truyền/ })).toHaveText('Số buổi tuyên truyền12buổi');
    await see(s21.getByText('Trên 1.250 lượt hội viên tham gia.')).toHaveCount(1);
    const s22 = page
      .getByRole('region')
      .filter({ has: page.getByRole('heading', { name: 'II.2. Phong trào thi đua, các cuộc vận động' }) });
    await see(s22.getByRole('row', { name: /Giá trị hỗ trợ/ })).toHaveText(/1\.234,5triệu đồng$/);
    // The template's rule warnings.
    const checks = page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'Kiểm tra theo quy tắc của mẫu báo cáo' }) });
    await see(checks).toHaveText(/Cảnh báo: Chưa nhập số hội viên, đoàn viên kết nạp mới/);
    await see(checks).toHaveText(/Chỉ tiêu: Số hội viên, đoàn viên kết nạp mới/);
    expect(await page.locator('body').innerText()).not.toMatch(/TT_BUOI|HV_KET_NAP|R_[A-Z_]+/);
    await settled(page);
    await audit.check(page, 'Thẩm định báo cáo');

    await page.getByRole('button', { name: 'Trả lại' }).click();
    const giveBack = page.getByRole('dialog', { name: 'Trả lại báo cáo' });
    await pickSection(giveBack, 'Mục của lý do 1', 'Công tác tuyên truyền');
    await giveBack.getByRole('textbox', { name: 'Lý do 1' }).fill(REASON_1);
    await giveBack.getByRole('button', { name: 'Thêm lý do' }).click();
    await pickSection(giveBack, 'Mục của lý do 2', 'Khó khăn');
    await giveBack.getByRole('textbox', { name: 'Lý do 2' }).fill(REASON_2);
    await settled(page);
    await audit.check(page, 'Trả lại báo cáo');
    await giveBack.getByRole('button', { name: 'Gửi trả lại' }).click();

    // After acting, the next waiting submission opens.
    await page.waitForURL(new RegExp(`/ui/cycles/${cycleId}/units/${OTHER}$`));
    await see(page.getByText(OTHER_NAME, { exact: true })).toHaveCount(1);
    const returned = (await streamEvents(stack.db, `submission-${cycleId}:${UNIT}`)).filter((e) => e.event_type === 'SubmissionReturned');
    expect(returned.map((e) => e.data.reasons)).toEqual([
      [
        { sectionCode: 'II.1', reason: REASON_1 },
        { sectionCode: 'I.2', reason: REASON_2 },
      ],
    ]);
  });

  it('after the resubmission sees what changed beside the previous version, approves, and the board shows it approved', async () => {
    // The unit sends it again (its own journey is in reporter-journey.e2e-spec.ts).
    const resent = await reporter.call('POST', `/cycles/${cycleId}/units/${UNIT}/submission/submit`, {
      content: {
        figures: {
          TT_BUOI: { value: 15 },
          TT_LUOT_NGUOI: { value: 1250, qualifier: 'tren' },
          NDDK_GIA_TRI: { value: 1234.5 },
          HV_KET_NAP: { value: 35 },
        },
        narrative: {
          'II.1': 'Hội tổ chức 15 buổi tuyên truyền, trong đó 8 buổi ở cơ sở.\nTrên 1.250 lượt hội viên tham gia.',
          'I.2': 'Địa bàn rộng, giao thông khó khăn.',
        },
      },
    });
    expect(resent.body.status).toBe('resubmitted');
    // The queue waits for the reviewer's own writes only: another user's resubmission is on it once the read models
    // have it (a fraction of a second behind in the background).
    await readModelsCurrent(stack.api.url);

    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Chờ duyệt' }).click();
    await page.waitForURL(/\/ui\/reviews$/);
    await see(queueRows()).toHaveCount(2);
    await see(queueRows().nth(1)).toHaveText(new RegExp(`^${UNIT_NAME}.*Nộp lại$`));
    await queueRows().nth(1).getByRole('link', { name: UNIT_NAME }).click();
    await page.waitForURL(new RegExp(`/ui/cycles/${cycleId}/units/${UNIT}$`));

    await see(page.getByText('Đơn vị đã nộp lại sau khi bị trả lại')).toHaveCount(1);
    const lastReasons = page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'Lý do đã trả lại lần trước' }) });
    await see(lastReasons).toHaveText(
      new RegExp(`II\\.1\\. Công tác tuyên truyền, vận động: ${esc(REASON_1)}.*I\\.2\\. Khó khăn: ${esc(REASON_2)}`),
    );
    // Figures: the previous value beside the new one, changes marked.
    const s21 = page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }) });
    await see(s21.getByRole('row', { name: /^Số buổi tuyên truyền/ })).toHaveText('Số buổi tuyên truyền1215buổiĐã sửa');
    await see(s21.getByRole('row', { name: /Số lượt người/ })).toHaveText(
      'Số lượt người tham gia tuyên truyềntrên 1.2501.250trênlượt người',
    );
    const s24 = page.getByRole('region').filter({ has: page.getByRole('heading', { name: /^II\.4\./ }) });
    await see(s24.getByRole('row', { name: /kết nạp mới/ })).toHaveText(
      'Số hội viên, đoàn viên kết nạp mớiKhông nhập35hội viênMới bổ sung',
    );
    // Narrative: side by side, removed words struck out on the left, added ones marked on the right.
    await see(s21.getByRole('heading', { name: 'Phiên bản trước' })).toHaveCount(1);
    await see(s21.getByRole('deletion')).toHaveText(/12|buổi tuyên truyền\./);
    await see(s21.getByRole('insertion').first()).toHaveText(/15/);
    const s12 = page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'I.2. Khó khăn' }) });
    await see(s12.getByRole('insertion')).toHaveText('Địa bàn rộng, giao thông khó khăn.');
    // The warning of the first version is gone: the figure is there now.
    await see(
      page.getByRole('region').filter({ has: page.getByRole('heading', { name: 'Kiểm tra theo quy tắc của mẫu báo cáo' }) }),
    ).toHaveText(/Số liệu đạt mọi quy tắc của mẫu báo cáo\./);
    await settled(page);
    await audit.check(page, 'Thẩm định báo cáo nộp lại');

    await page.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    const confirm = page.getByRole('dialog', { name: 'Duyệt báo cáo' });
    await see(confirm).toHaveText(/Duyệt phiên bản 2 báo cáo của Hội Liên hiệp Phụ nữ huyện Tam Đường\?/);
    await settled(page);
    await audit.check(page, 'Xác nhận duyệt');
    await confirm.getByRole('button', { name: 'Duyệt' }).click();
    // The next waiting one opens.
    await page.waitForURL(new RegExp(`/ui/cycles/${cycleId}/units/${OTHER}$`));
    const approved = (await streamEvents(stack.db, `submission-${cycleId}:${UNIT}`)).filter((e) => e.event_type === 'SubmissionApproved');
    expect(approved.map((e) => e.data.version)).toEqual([2]);

    // The queue has one left; the board shows the unit approved.
    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Chờ duyệt' }).click();
    await see(queueRows()).toHaveCount(1);
    await see(queueRows().nth(0)).toHaveText(new RegExp(`^${OTHER_NAME}`));
    await page.goto(ui(`/cycles/${cycleId}`));
    const units = page
      .getByRole('region', { name: 'Các đơn vị' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await see(units.filter({ hasText: UNIT_NAME }).getByRole('cell').nth(3)).toHaveText('Đã duyệt');
    await see(page.getByRole('combobox', { name: 'Trạng thái' })).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Trạng thái' }).click();
    await see(page.getByRole('option', { name: 'Đã duyệt (1)' })).toHaveCount(1);
    await see(page.getByRole('option', { name: 'Đã nộp (2)' })).toHaveCount(1); // approved units count as submitted, like the card
    await page.keyboard.press('Escape');
    await settled(page);
    await audit.check(page, 'Bảng theo dõi');
  });

  it('checked every page it visited with axe-core', () => {
    expect(audit.checked.size).toBeGreaterThanOrEqual(3);
    expect(audit.unchecked()).toEqual([]);
  });
});

async function pickSection(scope: ReturnType<Page['getByRole']>, label: string, text: string) {
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
