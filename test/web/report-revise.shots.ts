import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS, waitForPhase } from '../support/api-stack';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { screenshots } from './support/shots';
import { logIn } from './support/whole-cycle-steps';

/**
 * `npm run screenshots`, the report page's revision tools and the receiving units' page (#15): the office
 * editing a passage in place, a wrong figure flagged beside its passage, a marked figure's sources, two
 * versions compared, the signature dialog, the clerk's Nơi nhận editor, and "Văn bản đến" with a receipt to confirm. Desktop and phone.
 * The states are set up through the API (the whole journey through the browser is whole-cycle.e2e-spec.ts).
 */
const UNITS = ['hlhpn-tam-duong', 'hnd-tam-duong'];

describe('screenshots of the report revision and the receiving page', () => {
  let stack: ApiStack;
  let browser: Browser;
  let cycleId: string;
  let coordinator: ApiSession;
  const open: BrowserContext[] = [];
  const { shot, taken: shots } = screenshots();
  const ok = async (s: ApiSession, p: string, body?: unknown) => {
    const res = await s.call('POST', p, body);
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    coordinator = await login(url, 'chuyenvien.bdv');
    const [reviewer, standing] = await Promise.all([login(url, 'lanhdao.bdv'), login(url, 'thuongtruc')]);
    cycleId = await openCycle(coordinator, UNITS);
    for (const [i, unit] of UNITS.entries()) {
      const reporter = await login(url, `canbo.${unit}`);
      await ok(reporter, `/cycles/${cycleId}/units/${unit}/submission/submit`, {
        content: {
          figures: { TT_BUOI: { value: 120 + i * 25 }, TT_LUOT_NGUOI: { value: 5400 + i * 1000 }, HV_KET_NAP: { value: 35 } },
          narrative: {},
        },
      });
      await ok(reviewer, `/cycles/${cycleId}/units/${unit}/submission/approve`, { version: 1 });
    }
    await ok(coordinator, `/cycles/${cycleId}/close-submissions`);
    await ok(coordinator, `/cycles/${cycleId}/report/draft`, { title: 'tổng kết công tác dân vận năm 2027' });
    await waitForPhase(coordinator, cycleId, 'reviewing');
    await ok(reviewer, `/cycles/${cycleId}/advance`, { to: 'commenting' });
    const draft = await ok(standing, `/cycles/${cycleId}/report/comments`, {
      version: 1,
      passageId: 's2.1/p1',
      text: 'Đề nghị nêu rõ sự chủ động của các đoàn thể.',
    });
    await ok(coordinator, `/cycles/${cycleId}/report/comments/${draft.comments[0].commentId}/resolve`, { note: 'Đã sửa ở phiên bản 2.' });
    // Version 2: the office's edit typed a figure wrong (the checks flag it).
    const v1 = (await coordinator.call('GET', `/cycles/${cycleId}/report/versions/1`)).body;
    const body = JSON.parse(
      JSON.stringify(v1.document.body).replace('đã phối hợp tổ chức 265 buổi', 'đã chủ động phối hợp tổ chức 260 buổi'),
    );
    await ok(coordinator, `/cycles/${cycleId}/report/revisions`, { baseVersion: 1, body, note: 'Sửa theo ý kiến của Thường trực' });
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const ui = (p: string) => `${stack.api.url}/ui${p}`;

  async function session(username: string, viewport: typeof DESKTOP, next: string): Promise<Page> {
    const { context, page } = await newPage(browser, viewport);
    open.push(context);
    await page.goto(ui(next));
    await page.waitForURL(/\/ui\/login/);
    await logIn(page, username);
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
    return page;
  }

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';

    it(`shoots the office's revision tools (${label})`, async () => {
      const page = await session('chuyenvien.bdv', viewport, `/cycles/${cycleId}/report`);
      const warning = page.getByRole('note', { name: 'Cảnh báo số liệu' });
      await warning.waitFor();
      await warning.scrollIntoViewIfNeeded();
      await shot(page, 'report-checks-warning', viewport);

      await page.getByRole('button', { name: '260: xem nguồn số liệu' }).click();
      await page.getByRole('dialog', { name: 'Nguồn số liệu: 260' }).getByRole('row').nth(2).waitFor();
      await shot(page, 'report-figure-source', viewport);
      await page.keyboard.press('Escape');
      await page
        .getByRole('dialog')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);

      await page.getByRole('button', { name: 'Sửa dự thảo' }).click();
      const editor = page.getByRole('textbox', { name: /^Sửa đoạn văn bắt đầu “MTTQ/ }).first();
      await editor.fill((await editor.inputValue()).replace('260 buổi', '265 buổi'));
      await page.getByRole('button', { name: /^Lưu phiên bản mới \(1 đoạn/ }).waitFor();
      await editor.scrollIntoViewIfNeeded();
      await page.evaluate(() => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, -160));
      await shot(page, 'report-revise', viewport);
      await page.getByRole('button', { name: 'Hủy sửa' }).click();

      await page.getByRole('button', { name: 'So sánh phiên bản' }).click();
      const changes = page.getByRole('list', { name: 'Các thay đổi' });
      await changes.getByRole('insertion').first().waitFor();
      await page.getByRole('heading', { name: 'So sánh hai phiên bản' }).scrollIntoViewIfNeeded();
      await shot(page, 'report-compare', viewport);
    });
  }

  it('shoots the signature dialog and "Văn bản đến" (desktop and phone)', async () => {
    // Version 3 puts the figure right; the cycle moves on to signing.
    const v2 = (await coordinator.call('GET', `/cycles/${cycleId}/report/versions/2`)).body;
    const body = JSON.parse(JSON.stringify(v2.document.body).replace('260 buổi', '265 buổi'));
    await ok(coordinator, `/cycles/${cycleId}/report/revisions`, { baseVersion: 2, body });
    await ok(coordinator, `/cycles/${cycleId}/advance`, { to: 'signing' });
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await session('btv.pbt', viewport, `/cycles/${cycleId}/report`);
      await page.getByRole('button', { name: 'Ký ban hành' }).click();
      await page.getByLabel('Khối chữ ký sẽ in').waitFor();
      await shot(page, 'report-sign-dialog', viewport);
    }
    const signer = await login(stack.api.url, 'btv.pbt');
    await ok(signer, `/cycles/${cycleId}/report/sign`, {
      version: 3,
      authority: 'T/M',
      onBehalfOf: 'BAN THƯỜNG VỤ',
      title: 'PHÓ BÍ THƯ',
      name: 'Nguyễn Văn A',
    });
    const clerk = await login(stack.api.url, 'vanthu');
    await ok(clerk, `/cycles/${cycleId}/report/number`, {});
    // Văn thư finalises Nơi nhận before distributing: a free line for a body outside the registry.
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await session('vanthu', viewport, `/cycles/${cycleId}/report`);
      await page.getByRole('button', { name: 'Sửa nơi nhận' }).click();
      const editor = page.getByRole('region', { name: 'Nơi nhận', exact: true });
      await editor.getByLabel('Nơi nhận ngoài danh mục').fill('Sở Nội vụ');
      await editor.getByRole('button', { name: 'Thêm dòng' }).click();
      await editor.getByRole('heading', { name: 'Nơi nhận' }).scrollIntoViewIfNeeded();
      await shot(page, 'clerk-recipients-editor', viewport);
    }
    await ok(clerk, `/cycles/${cycleId}/report/distribute`);
    await ok(await login(stack.api.url, `canbo.${UNITS[1]}`), `/cycles/${cycleId}/report/receipts`, { unitId: UNITS[1] });
    for (const [i, viewport] of [DESKTOP, PHONE].entries()) {
      const page = await session(`canbo.${UNITS[i]}`, viewport, '/received');
      await page.getByRole('heading', { level: 2, name: /Báo cáo tổng kết/ }).waitFor();
      await shot(page, 'received-reports', viewport);
    }
    expect(shots).toHaveLength(14);
  });
});
