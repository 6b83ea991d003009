import type { Browser, BrowserContext } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, openCycle, startStack, STARTUP_TIMEOUT_MS, waitForPhase } from '../support/api-stack';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { loginAs } from './support/login';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`, the report page's count of the errors and warnings in the units' figures and every one of
 * them on request, a page at a time (#16: the checks answer lists the first ones and counts them). Five units leave
 * out the members admitted (a warning each) and mix "trên" and "gần" (one warning naming them). Desktop and phone.
 */
const UNITS = ['mttq-tam-duong', 'hlhpn-tam-duong', 'hnd-tam-duong', 'dtn-tam-duong', 'hccb-tam-duong'];

describe('screenshots of the findings of the checks', () => {
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
    cycleId = await openCycle(coordinator, UNITS);
    for (const [i, unit] of UNITS.entries()) {
      const reporter = await login(url, `canbo.${unit}`);
      await ok(reporter, `/cycles/${cycleId}/units/${unit}/submission/submit`, {
        content: {
          figures: { TT_BUOI: { value: 20 + i * 5 }, TT_LUOT_NGUOI: { value: 900 + i * 100, qualifier: i % 2 === 0 ? 'tren' : 'gan' } },
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
    it(`counts the errors and warnings of the units' figures and lists them all on request (${label})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      open.push(context);
      await loginAs(page, stack.api.url, 'chuyenvien.bdv', `/ui/cycles/${cycleId}/report`);
      await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
      const line = page.getByText('Số liệu của các đơn vị: 0 lỗi, 6 cảnh báo.', { exact: false });
      await line.waitFor();
      await line.scrollIntoViewIfNeeded();
      await shot(page, 'report-check-findings', viewport);

      await page.getByRole('button', { name: 'Xem tất cả' }).click();
      const list = page.getByRole('list', { name: 'Lỗi và cảnh báo trong số liệu của các đơn vị' });
      await list.getByRole('listitem').first().waitFor();
      const items = await list.getByRole('listitem').allInnerTexts();
      expect(items).toHaveLength(6);
      // The qualifier mix (about a total) first, naming its units; then each unit's, in the cycle's order.
      expect(items[0]).toMatch(/^Cảnh báo\s*Chỉ tiêu ".*Đơn vị: .+\.$/);
      expect(items.slice(1).every((t) => /^Cảnh báo\s*\S.*: /.test(t))).toBe(true);
      expect(items.join('\n')).not.toMatch(/tam-duong|R_HV|QUALIFIER/); // names and Vietnamese, never ids or codes
      await shot(page, 'report-check-findings-list', viewport);
    });
  }

  it('took every screenshot', () => expect(shots).toHaveLength(4));
});
