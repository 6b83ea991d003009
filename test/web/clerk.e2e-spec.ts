import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  DEMO_PASSWORD,
  login,
  openCycle,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  VALID_CONTENT,
} from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see } from './office-helpers';
import { A11yAudit, DESKTOP, launchBrowser, newPage } from './support/browser';

const UNIT = 'hlhpn-tam-duong';

/**
 * Văn thư on the report page (#15) in Chromium against the built API: finalise Nơi nhận (a free line with its
 * purpose, a registry unit found by name), the register's last numbers, take the number and date the document, distribute, the receipts table per recipient (a unit's acknowledgement shows
 * who and when), recall with a reason. The report is brought to "signed, distributing" through the API.
 */
describe('the clerk on the report page', () => {
  let stack: ApiStack;
  let cycleId: string;
  let reporter: ApiSession;
  let browser: Browser;
  let page: Page;
  const audit = new A11yAudit();

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    const coordinator = await login(url, 'chuyenvien.bdv');
    const [reviewer, signer] = await Promise.all([login(url, 'lanhdao.bdv'), login(url, 'btv.pbt')]);
    reporter = await login(url, `canbo.${UNIT}`);
    cycleId = await openCycle(coordinator, [UNIT]);
    const steps: [ApiSession, string, unknown][] = [
      [reporter, `/cycles/${cycleId}/units/${UNIT}/submission/submit`, { content: VALID_CONTENT }],
      [reviewer, `/cycles/${cycleId}/units/${UNIT}/submission/approve`, { version: 1 }],
      [coordinator, `/cycles/${cycleId}/close-submissions`, undefined],
      [coordinator, `/cycles/${cycleId}/report/draft`, {}],
      [reviewer, `/cycles/${cycleId}/advance`, { to: 'commenting' }],
      [coordinator, `/cycles/${cycleId}/advance`, { to: 'signing' }],
      [signer, `/cycles/${cycleId}/report/sign`, { version: 1 }],
    ];
    for (const [s, p, body] of steps) {
      const res = await s.call('POST', p, body);
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    browser = await launchBrowser();
    ({ page } = await newPage(browser, DESKTOP));
    audit.track(page);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("numbers, dates and distributes the signed report; the receipts table shows the unit's acknowledgement; recall with a reason", async () => {
    await page.goto(`${stack.api.url}/ui/cycles/${cycleId}/report`);
    await page.waitForURL(/\/ui\/login\?next=/);
    await page.getByLabel('Tên đăng nhập').fill('vanthu');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    const panel = page.getByRole('heading', { name: 'Văn thư: số, ngày, phát hành' });
    await see(panel).toHaveCount(1);
    await see(page.getByText('Văn bản đã ký, chưa lấy số.')).toBeVisible();
    await see(page.getByText('Sổ đăng ký văn bản đi chưa cấp số nào.')).toBeVisible();
    await see(page.getByLabel('Ngày ban hành')).toHaveAttribute('value', /^\d{2}\/\d{2}\/\d{4}$/);
    await audit.check(page, 'Văn thư: lấy số');

    // Nơi nhận, finalised at issuance: a body outside the registry as a free line (b/c); a registry unit found by name, then removed.
    await page.getByRole('button', { name: 'Sửa nơi nhận' }).click();
    const editor = page.getByRole('region', { name: 'Nơi nhận', exact: true });
    const linesBefore = await editor.getByRole('listitem').count();
    await editor.getByLabel('Thêm đơn vị trong danh mục').fill('Nông dân');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Hội Nông dân huyện Tam Đường' }).first().click();
    await see(editor.getByRole('listitem')).toHaveCount(linesBefore + 1);
    await see(editor.getByLabel(`Nơi nhận dòng ${linesBefore + 1}`)).toHaveAttribute('value', /Hội Nông dân/);
    await editor.getByRole('button', { name: `Bỏ dòng ${linesBefore + 1}` }).click();
    await editor.getByLabel('Nơi nhận ngoài danh mục').fill('Sở Nội vụ');
    await editor.getByRole('button', { name: 'Thêm dòng' }).click();
    const added = `Mục đích gửi dòng ${linesBefore + 1}`;
    await editor.getByLabel(added).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'b/c – báo cáo' }).first().click();
    await see(editor.getByRole('group', { name: 'Nơi nhận như in trên văn bản' })).toHaveText(/- Sở Nội vụ \(b\/c\),/);
    await audit.check(page, 'Văn thư: sửa nơi nhận');
    await editor.getByRole('button', { name: 'Lưu nơi nhận' }).click();
    await see(page.getByText('Đã lưu nơi nhận.')).toBeVisible();
    await see(editor).toHaveCount(0);
    await see(page.getByText(/^Nơi nhận do Vàng Thị Mai \(văn thư\) hoàn thiện lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/)).toBeVisible();
    // The document preview of the report page shows the amended Nơi nhận.
    await see(page.getByText('- Sở Nội vụ (b/c),', { exact: true })).toHaveCount(1);

    await page.getByRole('button', { name: 'Lấy số và ghi ngày' }).click();
    await see(page.getByText(/^Số 0?1-BC\/HU, ngày ban hành \d{2}\/\d{2}\/\d{4} \(lấy số bởi Vàng Thị Mai/)).toBeVisible();

    await page.getByRole('button', { name: 'Phát hành' }).click();
    await page.getByRole('button', { name: 'Phát hành' }).last().click(); // the confirmation's own button
    const receipts = page.getByRole('region', { name: /Nơi nhận và xác nhận đã nhận/ });
    // Nơi nhận: the issuer's superior (b/c, from the registry) and the unit.
    await see(receipts.getByRole('cell', { name: 'Chưa xác nhận' })).toHaveCount(2);
    const clerk = await login(stack.api.url, 'vanthu');
    // The counts come with the report; the list is paged by the server (GET …/report/deliveries).
    await see(receipts.getByText('Đã gửi tới 2 đơn vị; 0 đơn vị đã xác nhận đã nhận, 2 chưa xác nhận.')).toBeVisible();
    const deliveries: { unitId: string; line: string }[] = (await clerk.call('GET', `/cycles/${cycleId}/report/deliveries`)).body.items;
    expect(deliveries.map((d) => d.unitId)).toHaveLength(2);
    const delivery = deliveries.find((d) => d.unitId === UNIT)!;
    expect(delivery).toBeDefined();
    const row = receipts.getByRole('row').filter({ hasText: delivery.line });
    await see(row).toHaveText(/Chưa xác nhận/);
    await audit.check(page, 'Văn thư: đã phát hành');

    // The issued DOCX carries the amended Nơi nhận (a Party document: lines end with ','); the amendment is an event of the report's stream.
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải DOCX', exact: true }).click()]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await docx.path())!))).file('word/document.xml')!.async('string');
    const paragraphs = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    expect(paragraphs).toContain('- Sở Nội vụ (b/c),');
    const amended = (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === 'ReportRecipientsAmended');
    expect(amended).toHaveLength(1);
    expect(amended[0].data.recipients.at(-1)).toEqual({ name: 'Sở Nội vụ', purpose: 'b/c' });
    expect(amended[0].data.by.name).toMatch(/Vàng Thị Mai/);
    // The audit timeline tells it in Vietnamese, under "Cấp số và phát hành".
    const timeline = (await clerk.call('GET', `/cycles/${cycleId}/audit/timeline?kind=distribution`)).body.items as {
      what: string;
      kindLabel: string;
      who: string;
    }[];
    expect(timeline.find((e) => e.what.startsWith('Hoàn thiện nơi nhận'))).toMatchObject({
      what: `Hoàn thiện nơi nhận của văn bản (${amended[0].data.recipients.length} nơi nhận)`,
      kindLabel: 'Cấp số và phát hành',
      who: expect.stringMatching(/^Vàng Thị Mai/),
    });

    // The unit acknowledges (its own page is not part of this spec); the clerk sees who and when.
    expect((await reporter.call('POST', `/cycles/${cycleId}/report/receipts`, { unitId: UNIT })).status).toBe(200);
    await readModelsCurrent(stack.api.url); // the unit's receipt: another user's write, which the clerk's page does not wait for
    await page.reload();
    const acknowledgedBy = (await reporter.call('GET', '/auth/me')).body.displayName as string;
    await see(row.getByRole('cell', { name: acknowledgedBy })).toHaveCount(1);
    await see(row).toHaveText(/đã nhận|\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}.*\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await see(receipts.getByText('Đã gửi tới 2 đơn vị; 1 đơn vị đã xác nhận đã nhận, 1 chưa xác nhận.')).toBeVisible();
    // "Chưa xác nhận": the server's filter leaves the unit that has not acknowledged.
    await receipts.getByTitle('Chưa xác nhận', { exact: true }).click(); // the segment's visible label (its radio input is hidden)
    await see(row).toHaveCount(0);
    await see(receipts.getByRole('cell', { name: 'Chưa xác nhận' })).toHaveCount(1);

    await page.getByRole('button', { name: 'Thu hồi văn bản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi văn bản' });
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await see(dialog.getByText('Nhập lý do thu hồi.')).toBeVisible();
    await dialog.getByLabel('Lý do thu hồi').fill('Sai số liệu mục II.1; sẽ ban hành văn bản thay thế.');
    await audit.check(page, 'Văn thư: thu hồi');
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await see(page.getByText('Lý do: Sai số liệu mục II.1; sẽ ban hành văn bản thay thế.')).toBeVisible();
    expect((await clerk.call('GET', `/cycles/${cycleId}/report`)).body).toMatchObject({
      status: 'recalled',
      recall: { reason: 'Sai số liệu mục II.1; sẽ ban hành văn bản thay thế.' },
    });
  });
});
