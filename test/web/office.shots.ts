import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { settled } from './office-helpers';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`, the office's pages in the states the demo alone does not reach: a resubmission on
 * the reviewer's page (the previous version beside it, changes marked), and a drafted report with Thường
 * trực's comment beside its passage, then the signer's button with the reason it is disabled.
 * docs/screenshots/<page>-desktop.png and -phone.png, like screenshots.shots.ts.
 */
const UNIT = 'hlhpn-tam-duong';
const PASSAGE = 'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 245 buổi tuyên truyền cho 9.800 lượt người.';

describe('screenshots of the office pages', () => {
  let stack: ApiStack;
  let browser: Browser;
  let reportCycle: string;
  let coordinator: ApiSession;
  const open: BrowserContext[] = [];
  const { shot, taken: shots } = screenshots();

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    coordinator = await login(url, 'chuyenvien.bdv');
    const [reporter, reviewer, standing] = await Promise.all([
      login(url, `canbo.${UNIT}`),
      login(url, 'lanhdao.bdv'),
      login(url, 'thuongtruc'),
    ]);
    const ok = async (s: ApiSession, p: string, body?: unknown) => {
      const res = await s.call('POST', p, body);
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    // The demo cycle: the unit sends, the reviewer returns it with two reasons, the unit sends it again.
    const demo = `/cycles/${stack.demoCycleId}/units/${UNIT}/submission`;
    await ok(reporter, `${demo}/submit`, {
      content: {
        figures: { TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 1250, qualifier: 'tren' }, NDDK_GIA_TRI: { value: 1234.5 } },
        narrative: { 'II.1': 'Hội tổ chức 12 buổi tuyên truyền.\nTrên 1.250 lượt hội viên tham gia.' },
      },
    });
    await ok(reviewer, `${demo}/return`, {
      version: 1,
      reasons: [
        { sectionCode: 'II.1', reason: 'Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.' },
        { sectionCode: 'I.2', reason: 'Bổ sung những khó khăn trong năm.' },
      ],
    });
    await ok(reporter, `${demo}/submit`, {
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
    // A second cycle with its report drafted and commented on.
    reportCycle = await openCycle(coordinator, [UNIT]);
    await ok(reporter, `/cycles/${reportCycle}/units/${UNIT}/submission/submit`, {
      content: {
        figures: { TT_BUOI: { value: 245 }, TT_LUOT_NGUOI: { value: 9800 } },
        narrative: { 'II.1': 'Hội LHPN các cấp tổ chức 245 buổi tuyên truyền.' },
      },
    });
    await ok(reviewer, `/cycles/${reportCycle}/units/${UNIT}/submission/approve`, { version: 1 });
    await ok(coordinator, `/cycles/${reportCycle}/close-submissions`);
    await ok(coordinator, `/cycles/${reportCycle}/report/draft`, { title: 'tổng kết công tác dân vận năm 2027' });
    await ok(reviewer, `/cycles/${reportCycle}/advance`, { to: 'commenting' });
    await ok(standing, `/cycles/${reportCycle}/report/comments`, {
      version: 1,
      passageId: 's2.1/p1',
      text: 'Đề nghị bổ sung số liệu của cấp xã.',
    });
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const ui = (p: string) => `${stack.api.url}/ui${p}`;

  async function session(username: string, viewport: typeof DESKTOP): Promise<Page> {
    const { context, page } = await newPage(browser, viewport);
    open.push(context);
    await page.goto(ui('/login'));
    await page.getByLabel('Tên đăng nhập').fill(username, { timeout: 60000 });
    await page.getByLabel('Mật khẩu').fill('kybaocao-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
    return page;
  }

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';

    it(`shoots a resubmission on the reviewer's page (${label})`, async () => {
      const page = await session('lanhdao.bdv', viewport);
      await page.goto(ui(`/cycles/${stack.demoCycleId}/units/${UNIT}`));
      await page.getByText('Đơn vị đã nộp lại sau khi bị trả lại').waitFor();
      await page.getByRole('heading', { name: 'II.1. Công tác tuyên truyền, vận động' }).scrollIntoViewIfNeeded();
      await shot(page, 'review-resubmission', viewport);
    });

    it(`shoots the report with a comment beside its passage (${label})`, async () => {
      const page = await session('thuongtruc', viewport);
      await page.goto(ui(`/cycles/${reportCycle}/report`));
      const passage = page.getByRole('button', { name: PASSAGE, exact: true });
      await passage.waitFor();
      await page.getByRole('heading', { name: /KẾT QUẢ THỰC HIỆN/ }).scrollIntoViewIfNeeded();
      await shot(page, 'report-comments', viewport);
    });
  }

  it("shoots the signer's button with the reason it is disabled (desktop and phone)", async () => {
    const res = await coordinator.call('POST', `/cycles/${reportCycle}/advance`, { to: 'signing' });
    expect(res.status).toBe(200);
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await session('btv.pbt', viewport);
      await page.goto(ui(`/cycles/${reportCycle}/report`));
      await page.getByText('Chưa ký được:').waitFor();
      await shot(page, 'report-sign-blocked', viewport);
    }
    expect(shots).toHaveLength(6);
  });
});
