/* eslint-disable @typescript-eslint/no-require-imports */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { ApiStack, DEMO_PASSWORD, login, openCycle, startStack, STARTUP_TIMEOUT_MS, streamEvents, TEST_ADMIN_PASSWORD } from './support/api-stack';

const { ensureChromium } = require('../scripts/lib/tools');

const UNIT = 'hlhpn-tam-duong';
const SCREENSHOT = path.resolve(__dirname, '../docs/report.png');

/**
 * The report page of the web UI (#/cycles/<id>/report) in a real Chromium: Thường trực reads the draft passage
 * by passage and comments on one; the comment is stored against that passage and shown under it; the signer
 * sees the sign button only in the signing phase and signs.
 */
describe('report page in the browser', () => {
  let stack: ApiStack;
  let cycleId: string;
  let coordinator: ApiSession;
  let browser: Browser;
  let page: Page;

  async function loginAs(username: string) {
    await page.context().clearCookies();
    await page.goto('about:blank');
    await page.goto(`${stack.api.url}/ui/#/cycles/${cycleId}/report`);
    await page.fill('#username', username);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#report-view:not([hidden])');
  }

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    coordinator = await login(url, 'chuyenvien.bdv');
    const [reporter, reviewer] = await Promise.all([login(url, `canbo.${UNIT}`), login(url, 'lanhdao.bdv')]);
    cycleId = await openCycle(coordinator, [UNIT]);
    const steps: [ApiSession, string, unknown][] = [
      [reporter, `/cycles/${cycleId}/units/${UNIT}/submission/submit`, { content: { figures: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400 } }, narrative: {} } }],
      [reviewer, `/cycles/${cycleId}/units/${UNIT}/submission/approve`, { version: 1 }],
      [coordinator, `/cycles/${cycleId}/close-submissions`, undefined],
      [coordinator, `/cycles/${cycleId}/report/draft`, { title: 'tổng kết công tác dân vận năm 2027' }],
      [reviewer, `/cycles/${cycleId}/advance`, { to: 'commenting' }],
    ];
    for (const [s, p, body] of steps) {
      const res = await s.call('POST', p, body);
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}\n--- API output ---\n${stack.api.output().slice(-4000)}`);
    }
    browser = await chromium.launch({
      executablePath: ensureChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })).newPage();
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the draft passage by passage, and Thường trực comments on one', async () => {
    await loginAs('thuongtruc');
    expect(await page.textContent('#report-title')).toBe('Báo cáo tổng kết công tác dân vận năm 2027');
    expect(await page.textContent('#report-status')).toBe('Đang dự thảo');
    const passage = page.locator('#report-passages li[data-passage-id="s2.1/p1"] .ptext');
    expect(await passage.textContent()).toBe('MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 120 buổi tuyên truyền cho 5.400 lượt người.');
    expect(await page.isHidden('#report-sign')).toBe(true);
    await page.selectOption('#comment-passage', 's2.1/p1');
    await page.fill('#comment-text', 'Đề nghị bổ sung số liệu của cấp xã.');
    await page.click('#comment-form button[type=submit]');
    const note = page.locator('#report-passages li[data-passage-id="s2.1/p1"] .comment');
    await note.waitFor();
    expect(await note.textContent()).toBe('Lò Văn Minh (Phó Bí thư Thường trực): Đề nghị bổ sung số liệu của cấp xã.');
    const stored = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportCommentAdded');
    expect(stored.map((e) => [e.data.version, e.data.anchor.passageId, e.data.text])).toEqual([[1, 's2.1/p1', 'Đề nghị bổ sung số liệu của cấp xã.']]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('lets the signer sign only in the signing phase, once every comment is resolved', async () => {
    const report = (await coordinator.call('GET', `/cycles/${cycleId}/report`)).body;
    expect((await coordinator.call('POST', `/cycles/${cycleId}/report/comments/${report.comments[0].commentId}/resolve`, { note: 'Đã bổ sung.' })).status).toBe(200);
    await loginAs('btv.pbt');
    expect(await page.isHidden('#report-sign')).toBe(true);
    // The demo's signer also sits on Thường trực: while the cycle takes comments, the comment form is theirs too.
    expect(await page.isHidden('#comment-form')).toBe(false);
    expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    await page.reload();
    await page.waitForSelector('#report-sign:not([hidden])');
    expect(await page.isHidden('#comment-form')).toBe(true);
    expect(await page.locator('#report-passages li[data-passage-id="s2.1/p1"] .comment.resolved').textContent()).toMatch(/^✓ Lò Văn Minh/);
    page.once('dialog', (d) => d.accept());
    await page.click('#report-sign');
    await page.locator('#report-status', { hasText: 'Đã ký' }).waitFor();
    await page.waitForSelector('#report-sign', { state: 'hidden', timeout: 5_000 });
    const signed = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportSigned');
    expect(signed.map((e) => [e.data.version, e.data.by.name])).toEqual([[1, 'Nguyễn Văn A (Phó Bí thư)']]);
  });

  it('after an administrator reset, asks for a new password before anything else, then works with it', async () => {
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const clerkId = (await admin.call('GET', '/users')).body.find((u: any) => u.username === 'vanthu').id;
    expect((await admin.call('POST', `/users/${clerkId}/reset-password`, { newPassword: 'tam-thoi-2026-xyz' })).status).toBe(200);
    await page.context().clearCookies();
    await page.goto('about:blank');
    await page.goto(`${stack.api.url}/ui/#/cycles/${cycleId}/report`);
    await page.fill('#username', 'vanthu');
    await page.fill('#password', 'tam-thoi-2026-xyz');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#password-view:not([hidden])');
    expect(await page.isHidden('#report-view')).toBe(true);
    await page.fill('#current-password', 'tam-thoi-2026-xyz');
    await page.fill('#new-password', 'mat-khau-van-thu-2026');
    await page.click('#password-form button[type=submit]');
    await page.waitForSelector('#login-view:not([hidden])');
    expect(await page.textContent('#login-info')).toBe('Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.');
    await page.fill('#username', 'vanthu');
    await page.fill('#password', 'mat-khau-van-thu-2026');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#report-view:not([hidden])');
    expect(await page.textContent('#report-status')).toBe('Đã ký');
  });
});
