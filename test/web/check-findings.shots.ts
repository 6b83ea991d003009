import type { Browser, BrowserContext } from 'playwright-core';
import { ApiStack, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { DESKTOP, launchBrowser, PHONE } from './support/browser';
import { coordinatorReportPage, draftedReportCycle, openedList, showLine } from './support/drafted-report';
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

  beforeAll(async () => {
    stack = await startStack();
    cycleId = await draftedReportCycle(stack.api.url, UNITS, UNITS, (i) => ({
      TT_BUOI: { value: 20 + i * 5 },
      TT_LUOT_NGUOI: { value: 900 + i * 100, qualifier: i % 2 === 0 ? 'tren' : 'gan' },
    }));
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
      const page = await coordinatorReportPage(browser, stack.api.url, cycleId, viewport, open);
      await showLine(page, 'Số liệu của các đơn vị: 0 lỗi, 6 cảnh báo.');
      await shot(page, 'report-check-findings', viewport);

      const items = await openedList(page, 'Xem tất cả', 'Lỗi và cảnh báo trong số liệu của các đơn vị');
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
