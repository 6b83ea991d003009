import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiStack, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { DESKTOP, launchBrowser, PHONE } from './support/browser';
import { coordinatorReportPage, draftedReportCycle, openedList, showLine } from './support/drafted-report';
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

  beforeAll(async () => {
    stack = await startStack();
    cycleId = await draftedReportCycle(stack.api.url, [...APPROVED, MISSING], APPROVED, (i) => ({
      TT_BUOI: { value: 120 + i * 25 },
      TT_LUOT_NGUOI: { value: 5400 + i * 1000 },
      HV_KET_NAP: { value: 35 },
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
    it(`shows how many units are not in the figures and names them on request (${label})`, async () => {
      const page = await coordinatorReportPage(browser, stack.api.url, cycleId, viewport, open);
      await showLine(page, 'Còn 1 đơn vị chưa có báo cáo được duyệt');
      await shot(page, 'report-missing-units', viewport);

      const names = await openedList(page, 'Xem danh sách', 'Đơn vị chưa có báo cáo được duyệt');
      expect(names).toEqual(['Huyện đoàn']);
      await shot(page, 'report-missing-units-list', viewport);
    });
  }

  it('took every screenshot', () => expect(shots).toHaveLength(4));
});
