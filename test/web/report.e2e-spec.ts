import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  DEMO_PASSWORD,
  login,
  openCycle,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  TEST_ADMIN_PASSWORD,
  waitForPhase,
} from '../support/api-stack';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';

const UNIT = 'hlhpn-tam-duong';
// Written only when asked for (SCREENSHOT_DIR): a test run must leave the clone's tracked files (docs/report.png) untouched.
const SCREENSHOT = process.env.SCREENSHOT_DIR ? path.join(process.env.SCREENSHOT_DIR, 'report.png') : undefined;
const PASSAGE = 'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 120 buổi tuyên truyền cho 5.400 lượt người.';
const COMMENT = 'Đề nghị bổ sung số liệu của cấp xã.';
const STANDING = 'Lò Văn Minh (Phó Bí thư Thường trực)';

/** LibreOffice on this machine's PATH (the API makes PDFs with it). */
const hasLibreOffice = (process.env.PATH ?? '')
  .split(path.delimiter)
  .some((dir) => ['soffice', 'libreoffice'].some((b) => fs.existsSync(path.join(dir, b))));

/**
 * The report page of the web app (/ui/cycles/<id>/report) in a real Chromium: the draft as the document reads
 * (no passage ids); Thường trực click a passage and comment, the comment stands beside it with author and time;
 * the signer's button is disabled with its reason while a comment is open; the office resolves it; BTV signs;
 * DOCX and PDF downloads. axe on every page; a phone run.
 */
describe('report page in the browser', () => {
  let stack: ApiStack;
  let cycleId: string;
  let coordinator: ApiSession;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const audit = new A11yAudit();

  /** Logs in through the login page the app sends a stranger to, and comes back to the report. */
  async function loginAs(username: string, password = DEMO_PASSWORD) {
    await context.clearCookies();
    await page.goto('about:blank');
    await page.goto(`${stack.api.url}/ui/cycles/${cycleId}/report`);
    await page.waitForURL(/\/ui\/login\?next=/);
    await settled(page);
    if (!audit.checked.has('/ui/login')) await audit.check(page, 'Đăng nhập');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }
  const heading = () => page.getByRole('heading', { level: 1 });
  const passage = () => page.getByRole('button', { name: PASSAGE, exact: true });
  const signButton = () => page.getByRole('button', { name: /Ký ban hành/ });

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    coordinator = await login(url, 'chuyenvien.bdv');
    const [reporter, reviewer] = await Promise.all([login(url, `canbo.${UNIT}`), login(url, 'lanhdao.bdv')]);
    cycleId = await openCycle(coordinator, [UNIT]);
    const steps: [ApiSession, string, unknown][] = [
      [
        reporter,
        `/cycles/${cycleId}/units/${UNIT}/submission/submit`,
        { content: { figures: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400 } }, narrative: {} } },
      ],
      [reviewer, `/cycles/${cycleId}/units/${UNIT}/submission/approve`, { version: 1 }],
      [coordinator, `/cycles/${cycleId}/close-submissions`, undefined],
      [coordinator, `/cycles/${cycleId}/report/draft`, { title: 'tổng kết công tác dân vận năm 2027' }],
      [reviewer, `/cycles/${cycleId}/advance`, { to: 'commenting' }],
    ];
    for (const [s, p, body] of steps) {
      const res = await s.call('POST', p, body);
      if (res.status !== 200)
        throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}\n--- API output ---\n${stack.api.output().slice(-4000)}`);
    }
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, DESKTOP));
    audit.track(page);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the draft as the document reads, and Thường trực comment on a passage by clicking it', async () => {
    await loginAs('thuongtruc');
    await see(heading()).toHaveText('Báo cáo tổng kết công tác dân vận năm 2027');
    await see(page.getByText('Đang dự thảo', { exact: true })).toHaveCount(1);
    await see(page.getByText('Thường trực cho ý kiến', { exact: true })).toHaveCount(1); // the cycle's phase
    // The document's own parts: the header, the type line, a heading, the figure sentence with its footnote.
    const doc = page.getByRole('article', { name: 'Nội dung văn bản' });
    await see(doc.getByText('ĐẢNG CỘNG SẢN VIỆT NAM', { exact: true })).toHaveCount(1);
    await see(doc.getByText('BÁO CÁO', { exact: true })).toHaveCount(1);
    await see(doc.getByRole('heading', { name: /KẾT QUẢ THỰC HIỆN/i })).toHaveCount(1);
    await see(passage()).toHaveCount(1);
    await see(doc.getByText('Nơi nhận:', { exact: true })).toHaveCount(1);
    // Never a passage id on screen.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\b(s\d+(\.\d+)*(\/p\d+(\/f\d+)?)?|r\d+)\b/);
    expect(text).toContain(PASSAGE);
    await see(signButton()).toHaveCount(0); // the cycle takes comments: nothing to sign yet
    await settled(page);
    await audit.check(page, 'Báo cáo (Thường trực)');

    await passage().click();
    await see(passage()).toHaveAttribute('aria-pressed', 'true');
    await page.getByLabel('Ý kiến về đoạn đã chọn').fill(COMMENT);
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    const note = page.getByRole('note', { name: `Ý kiến của ${STANDING}` });
    // Author, time, state, text; Thường trực may also mark it resolved.
    await see(note).toHaveText(
      new RegExp(`^${esc(STANDING)}\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}Chưa giải quyết${esc(COMMENT)}Đánh dấu đã giải quyết$`),
    );
    // Beside its passage: to the right of it, level with it.
    const [p, n] = [await passage().boundingBox(), await note.boundingBox()];
    expect(n!.x).toBeGreaterThanOrEqual(p!.x + p!.width);
    expect(Math.abs(n!.y - p!.y)).toBeLessThan(40);
    const stored = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportCommentAdded');
    expect(stored.map((e) => [e.data.version, e.data.anchor.passageId, e.data.text, e.data.author?.name ?? e.data.by?.name])).toEqual([
      [1, 's2.1/p1', COMMENT, STANDING],
    ]);
    await settled(page);
    await audit.check(page, 'Báo cáo có ý kiến');
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('on a phone (390×844) reads without sideways scrolling, the comment under its passage', async () => {
    const { context: phone, page: p } = await newPage(browser, PHONE);
    try {
      await phone.addCookies(await context.cookies());
      audit.track(p);
      await p.goto(`${stack.api.url}/ui/cycles/${cycleId}/report`);
      const para = p.getByRole('button', { name: PASSAGE, exact: true });
      const note = p.getByRole('note', { name: `Ý kiến của ${STANDING}` });
      await see(note).toHaveText(new RegExp(esc(COMMENT)));
      const [a, b] = [await para.boundingBox(), await note.boundingBox()];
      expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
      expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
      await settled(p);
      await audit.check(p, 'Báo cáo (điện thoại)');
    } finally {
      await phone.close();
    }
  });

  it('the signer sees why signing is not possible yet; the office resolves the comment; BTV signs', async () => {
    // While the cycle takes comments the signer (also on Thường trực in the demo) may comment, not sign.
    await loginAs('btv.pbt');
    await see(passage()).toHaveCount(1);
    await see(signButton()).toHaveCount(0);

    await waitForPhase(coordinator, cycleId, 'commenting');
    expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    await page.reload();
    await see(signButton()).toBeDisabled();
    await see(page.getByRole('status').filter({ hasText: 'Chưa ký được' })).toHaveText(
      /Còn 1 ý kiến của Thường trực chưa được giải quyết\./,
    );
    await settled(page);
    await audit.check(page, 'Báo cáo (người ký, chưa ký được)');

    // The office marks the comment resolved.
    await loginAs('chuyenvien.bdv');
    await page.getByRole('button', { name: 'Đánh dấu đã giải quyết' }).click();
    await see(page.getByRole('note', { name: `Ý kiến của ${STANDING}` })).toHaveText(/Đã giải quyết.*Đã giải quyết bởi/);
    const resolved = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportCommentResolved');
    expect(resolved).toHaveLength(1);
    await settled(page);
    await audit.check(page, 'Báo cáo (chuyên viên)');

    await loginAs('btv.pbt');
    await see(signButton()).toBeEnabled();
    await signButton().click();
    const dialog = page.getByRole('dialog', { name: 'Ký ban hành phiên bản 1' });
    await see(dialog.getByLabel('Chức vụ người ký')).toHaveAttribute('value', 'PHÓ BÍ THƯ');
    await settled(page);
    await audit.check(page, 'Ký ban hành');
    await dialog.getByRole('button', { name: 'Ký ban hành' }).click();
    await see(page.getByText('Đã ký', { exact: true })).toHaveCount(1);
    await see(signButton()).toHaveCount(0);
    const signed = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportSigned');
    expect(signed.map((e) => [e.data.version, e.data.by.name, e.data.signature.authority, e.data.signature.title])).toEqual([
      [1, 'Nguyễn Văn A (Phó Bí thư)', 'T/M', 'PHÓ BÍ THƯ'],
    ]);
  });

  it('downloads the DOCX; the PDF says in Vietnamese when LibreOffice is missing and offers the DOCX', async () => {
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải DOCX', exact: true }).click()]);
    expect(docx.suggestedFilename()).toMatch(/^bao-cao-.+\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync((await docx.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('5.400 lượt người');
    expect(xml).toContain('PHÓ BÍ THƯ');

    if (hasLibreOffice) {
      const [pdf] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByRole('button', { name: 'Tải PDF', exact: true }).click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/^bao-cao-.+\.pdf$/);
      expect(
        fs
          .readFileSync((await pdf.path())!)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    } else {
      await page.getByRole('button', { name: 'Tải PDF', exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Chưa tải được bản PDF' });
      await see(alert).toHaveText(/Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX\./);
      await see(alert.getByRole('link', { name: 'Tải bản DOCX', exact: true })).toHaveAttribute(
        'href',
        `/cycles/${cycleId}/report/document.docx`,
      );
      await settled(page);
      await audit.check(page, 'Báo cáo (thông báo PDF)');
    }
  });

  it('after an administrator reset, asks for a new password before anything else, then works with it', async () => {
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const clerkId = (await admin.call('GET', '/users')).body.find((u: any) => u.username === 'vanthu').id;
    expect((await admin.call('POST', `/users/${clerkId}/reset-password`, { newPassword: 'tam-thoi-2026-xyz' })).status).toBe(200);
    await loginAs('vanthu', 'tam-thoi-2026-xyz');
    await see(page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toHaveCount(1);
    await see(page.getByRole('article', { name: 'Nội dung văn bản' })).toHaveCount(0);
    await settled(page);
    await audit.check(page, 'Đổi mật khẩu bắt buộc');
    await page.getByLabel('Mật khẩu tạm thời').fill('tam-thoi-2026-xyz');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-van-thu-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-van-thu-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // A password change ends the sessions: the app asks to log in again, then comes back to the report.
    const onLogin = await page
      .getByRole('button', { name: 'Đăng nhập' })
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (onLogin) {
      await page.getByLabel('Tên đăng nhập').fill('vanthu');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-van-thu-2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
    }
    await see(heading()).toHaveText('Báo cáo tổng kết công tác dân vận năm 2027');
    await see(page.getByText('Đã ký', { exact: true })).toHaveCount(1);
  });

  it('checked every page it visited with axe-core', () => {
    expect([...audit.checked].sort()).toEqual(['/ui/cycles/:id/report', '/ui/login']);
    expect(audit.unchecked()).toEqual([]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
