import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_REPORTING_UNIT_IDS } from '../../apps/api/src/demo/demo-data';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, waitForPhase } from '../support/api-stack';
import { see } from './office-helpers';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { draftedReportCycle, ok, showLine } from './support/drafted-report';
import { loginAs } from './support/login';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`, văn thư's Nơi nhận and receipts of a distributed report (#16): the counts from the report, the
 * deliveries a page at a time from the server, and the "Chưa xác nhận" filter. Desktop and phone.
 */
const UNITS = DEMO_REPORTING_UNIT_IDS.slice(0, 5);
const ACKNOWLEDGING = UNITS[1];

describe('screenshots of the clerk’s deliveries and receipts', () => {
  let stack: ApiStack;
  let browser: Browser;
  let cycleId: string;
  const open: BrowserContext[] = [];
  const { shot, taken: shots } = screenshots();

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    cycleId = await draftedReportCycle(url, UNITS, UNITS, (i) => ({
      TT_BUOI: { value: 100 + i * 10 },
      TT_LUOT_NGUOI: { value: 4000 + i * 500 },
    }));
    const [coordinator, reviewer, signer, clerk] = await Promise.all(
      ['chuyenvien.bdv', 'lanhdao.bdv', 'btv.pbt', 'vanthu'].map((u) => login(url, u)),
    );
    await ok(reviewer, `/cycles/${cycleId}/advance`, { to: 'commenting' });
    await ok(coordinator, `/cycles/${cycleId}/advance`, { to: 'signing' });
    await ok(signer, `/cycles/${cycleId}/report/sign`, { version: 1 });
    await waitForPhase(clerk, cycleId, 'distributing');
    await ok(clerk, `/cycles/${cycleId}/report/number`, {});
    await ok(clerk, `/cycles/${cycleId}/report/distribute`);
    await ok(await login(url, `canbo.${ACKNOWLEDGING}`), `/cycles/${cycleId}/report/receipts`, { unitId: ACKNOWLEDGING });
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';
    it(`shows the counts, a page of deliveries and the unacknowledged ones (${label})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      open.push(context);
      await loginAs(page, stack.api.url, 'vanthu', `/ui/cycles/${cycleId}/report`);
      const receipts = page.getByRole('region', { name: /Nơi nhận và xác nhận đã nhận/ });
      // A table on a desktop (a header row, then one per delivery), a card per delivery on a phone.
      const list = viewport === PHONE ? receipts.getByRole('list', { name: 'Nơi nhận' }) : receipts.getByRole('table');
      const entries = viewport === PHONE ? list.getByRole('listitem') : list.getByRole('row');
      const header = viewport === PHONE ? 0 : 1;
      await showLine(page, 'Đã gửi tới');
      const sent = await receipts.getByText(/^Đã gửi tới \d+ đơn vị; 1 đơn vị đã xác nhận đã nhận, \d+ chưa xác nhận\.$/).innerText();
      const total = Number(/^Đã gửi tới (\d+)/.exec(sent)![1]);
      await see(entries).toHaveCount(total + header);
      await see(list.getByText('Chưa xác nhận', { exact: true })).toHaveCount(total - 1);
      await shot(page, 'clerk-deliveries', viewport);

      await receipts.getByTitle('Chưa xác nhận', { exact: true }).click();
      await see(entries).toHaveCount(total - 1 + header);
      await see(list.getByText('Chưa xác nhận', { exact: true })).toHaveCount(total - 1);
      await shot(page, 'clerk-deliveries-pending', viewport);
    });
  }

  it('took every screenshot', () => expect(shots).toHaveLength(4));
});
