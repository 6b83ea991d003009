import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS, waitForPhase } from '../support/api-stack';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { loginAs } from './support/login';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`, the report page's count of units whose reports are not in the figures and their names on
 * request, a page at a time (#16: the checks answer names none of them). Desktop and phone.
 */
const APPROVED = ['hlhpn-tam-duong', 'hnd-tam-duong'];
const MISSING = 'dtn-tam-duong';

describe('screenshots of the units missing from the figures', () => {
  let stack: ApiStack;
  let browser: Browser;
  let cycleId: string;
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
    const coordinator = await login(url, 'chuyenvien.bdv');
    const reviewer = await login(url, 'lanhdao.bdv');
    cycleId = await openCycle(coordinator, [...APPROVED, MISSING]);
    for (const [i, unit] of APPROVED.entries()) {
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
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';
    it(`shows how many units are not in the figures and names them on request (${label})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      open.push(context);
      await loginAs(page, stack.api.url, 'chuyenvien.bdv', `/ui/cycles/${cycleId}/report`);
      await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
      const line = page.getByText('Còn 1 đơn vị chưa có báo cáo được duyệt', { exact: false });
      await line.waitFor();
      await line.scrollIntoViewIfNeeded();
      await shot(page, 'report-missing-units', viewport);

      await page.getByRole('button', { name: 'Xem danh sách' }).click();
      const list = page.getByRole('list', { name: 'Đơn vị chưa có báo cáo được duyệt' });
      await list.getByRole('listitem').first().waitFor();
      const names = await list.getByRole('listitem').allInnerTexts();
      expect(names).toEqual(['Huyện đoàn']);
      await shot(page, 'report-missing-units-list', viewport);
    });
  }

  it('took every screenshot', () => expect(shots).toHaveLength(4));
});
