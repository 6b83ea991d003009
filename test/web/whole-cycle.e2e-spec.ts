import JSZip from 'jszip';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, streamEvents, waitForPhase } from '../support/api-stack';
import { readModelsCurrent } from '../support/read-models';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';
import { fillAndSubmit, logIn, openCycleInWizard } from './support/whole-cycle-steps';

const WOMEN = { id: 'hlhpn-tam-duong', name: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' };
const COMMUNE = { id: 'du-xa-ban-hon', name: 'Đảng ủy xã Bản Hon' };
const FARMERS = { id: 'hnd-tam-duong', name: 'Hội Nông dân huyện Tam Đường' };
const REASON = 'Đề nghị ghi rõ số buổi tuyên truyền ở cấp cơ sở.';
const COMMENT = 'Đề nghị nêu rõ sự chủ động của các đoàn thể.';
/** Totals of the three approved submissions: 15 + 20 + 30 buổi, 1.250 + 800 + 900 lượt người. */
const FIGURE_PASSAGE = /tổ chức 65 buổi tuyên truyền/;

/**
 * Issue #15's must-show: a whole cycle run ONLY through the browser (the built API and worker, a fresh database
 * with the demo's units and accounts, real Chromium). The coordinator opens a cycle for three units with the
 * suggested dates; two reporters submit; the coordinator reminds the late unit (its inbox shows the reminder
 * once, even after a second click), which then submits; the reviewer returns one with reasons and approves
 * after the resubmission; the coordinator closes the window and builds the draft; Thường trực comment on a
 * passage by clicking it; the office resolves it and saves revisions (a figure edited wrong is flagged beside
 * its passage, then put right), opens a figure's sources and compares versions; BTV signs as "T/M BAN THƯỜNG VỤ
 * / PHÓ BÍ THƯ"; văn thư numbers and distributes; a unit acknowledges receipt on "Văn bản đến"; the DOCX holds
 * the number, the date line and the signature block. The API is used only to read results for assertions.
 * axe on every page; the board and the report on a phone.
 */
describe('a whole cycle through the browser', () => {
  let stack: ApiStack;
  let browser: Browser;
  let reader: ApiSession;
  let cycleId: string;
  const audit = new A11yAudit();
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  const ui = (path: string) => `${stack.api.url}/ui${path}`;

  /** One browser per person, logged in through the login page, kept for the whole journey. */
  async function as(username: string, path: string, viewport = DESKTOP): Promise<Page> {
    let page = pages[username];
    if (page) {
      await page.goto(ui(path)); // afresh: what the others did meanwhile shows
    } else {
      const opened = await newPage(browser, viewport);
      contexts.push(opened.context);
      page = opened.page;
      audit.track(page);
      pages[username] = page;
      await page.goto(ui(path));
      await page.waitForURL(/\/ui\/login/);
      if (!audit.checked.has('/ui/login')) {
        await settled(page);
        await audit.check(page, 'Đăng nhập');
      }
      await logIn(page, username);
      await page.waitForURL((url) => !url.pathname.startsWith('/ui/login'));
    }
    return page;
  }
  const check = async (page: Page, name: string) => {
    await settled(page);
    await audit.check(page, name);
  };
  const submission = async (unitId: string) => (await reader.call('GET', `/cycles/${cycleId}/units/${unitId}/submission`)).body;
  const reportEvents = async (type: string) => (await streamEvents(stack.db, `report-${cycleId}`)).filter((e) => e.event_type === type);

  beforeAll(async () => {
    stack = await startStack();
    reader = await login(stack.api.url, 'chuyenvien.bdv');
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  // WHOLE_CYCLE_SHOTS=<dir>: every person's screen after each step (to see where a failing run stood).
  let stepNo = 0;
  afterEach(async () => {
    stepNo += 1;
    const dir = process.env.WHOLE_CYCLE_SHOTS;
    if (!dir) return;
    for (const [who, p] of Object.entries(pages))
      await p.screenshot({ path: `${dir}/${stepNo}-${who}.png`, fullPage: true }).catch(() => undefined);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('the coordinator opens a cycle for three units with the suggested dates', async () => {
    const page = await as('chuyenvien.bdv', '/cycles');
    cycleId = await openCycleInWizard(page, audit, [COMMUNE.name, WOMEN.name, FARMERS.name]);
    const cycle = (await reader.call('GET', `/cycles/${cycleId}`)).body;
    expect(cycle.period).toMatchObject({ kind: 'annual', year: 2027, dataFrom: '2026-12-15', dataTo: '2027-12-14' });
    expect(cycle.expectedCount).toBe(3);
    await waitForPhase(reader, cycleId, 'collecting');
  }, 300_000);

  it('two reporters submit; the late unit is reminded once, even after a second click, and then submits', async () => {
    await readModelsCurrent(stack.api.url); // the coordinator's new cycle: the reporter, who wrote nothing yet, waits for nobody's writes
    const women = await as(`canbo.${WOMEN.id}`, '/assignments');
    const row = women.getByRole('row').filter({ hasText: '2027' });
    await see(row).toHaveCount(1);
    await check(women, 'Việc của tôi');
    await row.getByRole('link', { name: 'Làm báo cáo' }).click();
    await fillAndSubmit(women, audit, { buoi: '12', luot: '1.250', ketNap: '35', narrative: 'Hội tổ chức 12 buổi tuyên truyền.' });
    const commune = await as(`canbo.${COMMUNE.id}`, `/cycles/${cycleId}/units/${COMMUNE.id}`);
    await fillAndSubmit(commune, audit, { buoi: '20', luot: '800', ketNap: '10', narrative: 'Đảng ủy xã tổ chức 20 buổi tuyên truyền.' });
    expect([(await submission(WOMEN.id)).status, (await submission(COMMUNE.id)).status]).toEqual(['submitted', 'submitted']);

    const board = await as('chuyenvien.bdv', `/cycles/${cycleId}`);
    const remind = board.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa nộp' });
    await remind.click();
    const outcome = board.getByRole('status').filter({ hasText: 'nhắc' });
    await see(outcome).toHaveText(`Đã nhắc 1 đơn vị chưa nộp báo cáo.Đơn vị được nhắc: ${FARMERS.name}.`);
    await remind.click();
    await see(outcome).toHaveText('Các đơn vị chưa nộp (1) đã được nhắc trong hôm nay; không gửi lại.');
    await check(board, 'Bảng theo dõi (sau khi nhắc)');

    const farmers = await as(`canbo.${FARMERS.id}`, '/inbox');
    await see(farmers.getByRole('heading', { level: 1, name: 'Thông báo' })).toHaveCount(1);
    await see(farmers.getByRole('heading', { level: 2, name: /^\[Nhắc nộp\]/ })).toHaveCount(1);
    await check(farmers, 'Thông báo (nhắc nộp)');
    await farmers.goto(ui(`/cycles/${cycleId}/units/${FARMERS.id}`));
    await fillAndSubmit(farmers, audit, { buoi: '30', luot: '900', ketNap: '12', narrative: 'Hội tổ chức 30 buổi tuyên truyền.' });
    expect((await submission(FARMERS.id)).status).toBe('submitted');
  }, 600_000);

  it('the reviewer returns one with a reason, approves the others, and approves it after the resubmission', async () => {
    // The queue waits for the reviewer's own writes only: the units' submissions are on it once the read models have
    // them (the background loop, a fraction of a second).
    await readModelsCurrent(stack.api.url);
    const rv = await as('lanhdao.bdv', '/reviews');
    await see(rv.getByRole('heading', { level: 1, name: 'Chờ duyệt' })).toHaveCount(1);
    await check(rv, 'Chờ duyệt');
    await rv.getByRole('link', { name: WOMEN.name }).first().click();
    await rv.getByRole('button', { name: 'Trả lại' }).click();
    const giveBack = rv.getByRole('dialog', { name: 'Trả lại báo cáo' });
    const box = giveBack.getByRole('combobox', { name: 'Mục của lý do 1' });
    await box.click();
    await box.fill('Công tác tuyên truyền');
    await box.press('Enter');
    await giveBack.getByRole('textbox', { name: 'Lý do 1' }).fill(REASON);
    await check(rv, 'Trả lại báo cáo');
    await giveBack.getByRole('button', { name: 'Gửi trả lại' }).click();
    // The next waiting submissions open one after another: approve both.
    for (let i = 0; i < 2; i++) {
      await rv.waitForURL((url) => /\/units\/(du-xa-ban-hon|hnd-tam-duong)$/.test(url.pathname));
      const approve = rv.getByRole('button', { name: 'Duyệt báo cáo' });
      await see(approve).toBeVisible();
      if (i === 0) await check(rv, 'Thẩm định báo cáo');
      const before = rv.url();
      await approve.click();
      await rv.getByRole('dialog', { name: 'Duyệt báo cáo' }).getByRole('button', { name: 'Duyệt', exact: true }).click();
      await rv.waitForURL((url) => url.href !== before);
    }
    expect((await submission(WOMEN.id)).returns[0].reasons).toEqual([{ sectionCode: 'II.1', reason: REASON }]);

    const women = await as(`canbo.${WOMEN.id}`, `/cycles/${cycleId}/units/${WOMEN.id}`);
    await see(women.getByText(REASON).first()).toBeVisible(); // at the top and in its section
    await check(women, 'Báo cáo bị trả lại');
    await fillAndSubmit(women, audit, { buoi: '15', narrative: 'Hội tổ chức 15 buổi tuyên truyền, trong đó 8 buổi ở cơ sở.' }, true);
    expect((await submission(WOMEN.id)).status).toBe('resubmitted');

    await readModelsCurrent(stack.api.url); // the unit's resubmission, another user's write
    await rv.goto(ui('/reviews'));
    await rv.getByRole('link', { name: WOMEN.name }).first().click();
    await see(rv.getByText('Đơn vị đã nộp lại sau khi bị trả lại')).toHaveCount(1);
    await check(rv, 'Thẩm định báo cáo nộp lại');
    await rv.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await rv.getByRole('dialog', { name: 'Duyệt báo cáo' }).getByRole('button', { name: 'Duyệt', exact: true }).click();
    await see(rv.getByRole('dialog', { name: 'Duyệt báo cáo' })).toHaveCount(0);
    const statuses = await Promise.all(
      [WOMEN, COMMUNE, FARMERS].map(async (u) => [(await submission(u.id)).status, (await submission(u.id)).approvedVersion]),
    );
    expect(statuses).toEqual([
      ['approved', 2],
      ['approved', 1],
      ['approved', 1],
    ]);
  }, 600_000);

  it('the coordinator closes the window and builds the draft; the reviewer hands it to Thường trực', async () => {
    const board = await as('chuyenvien.bdv', `/cycles/${cycleId}`);
    await board.getByRole('button', { name: 'Khóa nhận báo cáo' }).click();
    await settled(board); // the confirmation at rest: a click during its fade-in may reach nothing
    await board.getByRole('button', { name: 'Khóa nhận báo cáo' }).last().click();
    await see(board.getByRole('button', { name: 'Lập dự thảo báo cáo' })).toBeVisible();
    await board.getByRole('button', { name: 'Lập dự thảo báo cáo' }).click();
    await see(board.getByText('Đã lập dự thảo báo cáo.')).toBeVisible();
    await check(board, 'Bảng theo dõi (đã lập dự thảo)');
    expect((await reportEvents('ReportDrafted')).length).toBe(1);

    const rv = await as('lanhdao.bdv', `/cycles/${cycleId}`);
    await rv.getByRole('button', { name: 'Chuyển sang: Thường trực cho ý kiến' }).click();
    await settled(rv);
    await rv.getByRole('button', { name: 'Chuyển giai đoạn' }).click();
    await waitForPhase(reader, cycleId, 'commenting');
  }, 300_000);

  it('Thường trực comment on a passage by clicking it', async () => {
    const st = await as('thuongtruc', `/cycles/${cycleId}/report`);
    const passage = st.getByRole('button', { name: FIGURE_PASSAGE });
    await see(passage).toHaveCount(1);
    await check(st, 'Báo cáo (Thường trực)');
    await passage.click();
    await st.getByLabel('Ý kiến về đoạn đã chọn').fill(COMMENT);
    await st.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await see(st.getByRole('note', { name: /^Ý kiến của Lò Văn Minh/ })).toHaveText(/Chưa giải quyết/);
    expect((await reportEvents('ReportCommentAdded')).map((e) => e.data.text)).toEqual([COMMENT]);
  }, 300_000);

  it("the office resolves it, opens a figure's sources, revises (a wrong figure is flagged, then put right) and compares versions", async () => {
    const office = await as('chuyenvien.bdv', `/cycles/${cycleId}/report`);
    await office.getByRole('button', { name: 'Đánh dấu đã giải quyết' }).click();
    await see(office.getByRole('note', { name: /^Ý kiến của Lò Văn Minh/ })).toHaveText(/Đã giải quyết bởi/);

    // A marked figure opens where it came from: the three units, which report version, approved when and by whom.
    await office.getByRole('button', { name: '65: xem nguồn số liệu' }).click();
    const sources = office.getByRole('dialog', { name: 'Nguồn số liệu: 65' });
    const buoi = sources.getByRole('region', { name: 'Số buổi tuyên truyền' });
    // Units by the short names the report uses ('Hội LHPN').
    await see(buoi.getByRole('row', { name: /^Hội LHPN/ })).toHaveText(
      /^Hội LHPN15 buổiLần nộp thứ 2\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, Tẩn Văn Sơn/,
    );
    await see(buoi.getByRole('row')).toHaveCount(4);
    await check(office, 'Nguồn số liệu');
    await office.keyboard.press('Escape');
    await see(sources).toHaveCount(0);

    // Revise in place: a figure typed wrong is saved, and the checks flag it beside its passage.
    await office.getByRole('button', { name: 'Sửa dự thảo' }).click();
    const editor = office.getByRole('textbox', { name: /^Sửa đoạn văn bắt đầu “MTTQ/ }).first();
    const original = await editor.inputValue();
    expect(original).toMatch(FIGURE_PASSAGE);
    await editor.fill(original.replace('65 buổi', '60 buổi').replace('đã phối hợp', 'đã chủ động phối hợp'));
    await check(office, 'Sửa dự thảo');
    await office.getByLabel('Ghi chú cho phiên bản mới (không bắt buộc)').fill('Sửa theo ý kiến của Thường trực');
    await office.getByRole('button', { name: /^Lưu phiên bản mới \(1 đoạn đã sửa\)$/ }).click();
    const warning = office.getByRole('note', { name: 'Cảnh báo số liệu' });
    await see(warning).toHaveText('Số liệu "Số buổi tuyên truyền" trong dự thảo không khớp tổng hợp từ báo cáo của các đơn vị (65 buổi).');
    await check(office, 'Báo cáo (cảnh báo số liệu)');
    // Put right: version 3 states the total again; the warning is gone.
    await office.getByRole('button', { name: 'Sửa dự thảo' }).click();
    const again = office.getByRole('textbox', { name: /^Sửa đoạn văn bắt đầu “MTTQ/ }).first();
    await again.fill((await again.inputValue()).replace('60 buổi', '65 buổi'));
    await office.getByRole('button', { name: /^Lưu phiên bản mới/ }).click();
    await see(office.getByText(/^Phiên bản 3 · đã chỉnh sửa/)).toHaveCount(1);
    await see(warning).toHaveCount(0);
    await see(office.getByRole('status').filter({ hasText: 'Kiểm tra số liệu' })).toHaveText(/khớp tổng hợp/);
    const revisions = await reportEvents('ReportRevised');
    expect(revisions).toHaveLength(2);
    // The figures kept their sources through the edits.
    const v3 = (await reader.call('GET', `/cycles/${cycleId}/report/versions/3/figure-sources?passageId=${encodeURIComponent('s2.1/p1')}`))
      .body;
    expect(v3.indicators.find((i: { code: string }) => i.code === 'TT_BUOI')?.sourceCount).toBe(3);

    // Compare versions 1 and 3: the added words marked.
    await office.getByRole('button', { name: 'So sánh phiên bản' }).click();
    const compare = office.getByRole('list', { name: 'Các thay đổi' });
    await office.getByRole('combobox', { name: 'Từ' }).click();
    await office.getByRole('option', { name: /^Phiên bản 1 / }).click();
    await see(compare.getByRole('insertion').first()).toHaveText(/chủ động/);
    await check(office, 'So sánh phiên bản');

    await office.goto(ui(`/cycles/${cycleId}`));
    await office.getByRole('button', { name: 'Chuyển sang: Ký ban hành' }).click();
    await settled(office);
    await office.getByRole('button', { name: 'Chuyển giai đoạn' }).click();
    await waitForPhase(reader, cycleId, 'signing');
  }, 300_000);

  it('BTV signs as "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ"', async () => {
    const btv = await as('btv.pbt', `/cycles/${cycleId}/report`);
    const sign = btv.getByRole('button', { name: 'Ký ban hành' });
    await see(sign).toBeEnabled();
    await check(btv, 'Báo cáo (người ký)');
    await sign.click();
    const dialog = btv.getByRole('dialog', { name: 'Ký ban hành phiên bản 3' });
    await dialog.getByRole('combobox', { name: 'Thẩm quyền ký' }).click();
    await btv.locator('.ant-select-item-option[title="T/M (thay mặt tập thể)"]').click();
    await dialog.getByLabel('Thay mặt (tập thể hoặc người đứng đầu)').fill('BAN THƯỜNG VỤ');
    await dialog.getByLabel('Chức vụ người ký').fill('PHÓ BÍ THƯ');
    await see(dialog.getByLabel('Khối chữ ký sẽ in')).toHaveText('T/M BAN THƯỜNG VỤPHÓ BÍ THƯ');
    await check(btv, 'Ký ban hành');
    await dialog.getByRole('button', { name: 'Ký ban hành' }).click();
    await see(btv.getByText('Đã ký', { exact: true })).toHaveCount(1);
    const signed = await reportEvents('ReportSigned');
    expect(signed.map((e) => [e.data.version, e.data.signature.authority, e.data.signature.onBehalfOf, e.data.signature.title])).toEqual([
      [3, 'T/M', 'BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
    ]);
  }, 300_000);

  it('văn thư numbers and distributes; the unit acknowledges receipt on "Văn bản đến"; the DOCX holds the number, date line and signature', async () => {
    const clerk = await as('vanthu', `/cycles/${cycleId}/report`);
    await see(clerk.getByText('Văn bản đã ký, chưa lấy số.')).toBeVisible();
    await check(clerk, 'Văn thư');
    await clerk.getByRole('button', { name: 'Lấy số và ghi ngày' }).click();
    await see(clerk.getByText(/^Số 0?1-BC\/HU, ngày ban hành \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
    await clerk.getByRole('button', { name: 'Phát hành' }).click();
    await clerk.getByRole('button', { name: 'Phát hành' }).last().click();
    await see(clerk.getByRole('region', { name: /Nơi nhận và xác nhận đã nhận/ })).toBeVisible();
    const report = (await reader.call('GET', `/cycles/${cycleId}/report`)).body;
    expect(report.status).toBe('distributed');
    const { numberText, date } = report.numbered as { numberText: string; date: string };

    await readModelsCurrent(stack.api.url); // the clerk's distribution, on "Văn bản đến" once the read models have it
    const women = await as(`canbo.${WOMEN.id}`, '/assignments');
    await women.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Văn bản đến' }).click();
    await see(women.getByRole('heading', { level: 1, name: 'Văn bản đến' })).toHaveCount(1);
    const card = women.getByRole('listitem').filter({ hasText: numberText });
    await see(card).toHaveCount(1);
    await check(women, 'Văn bản đến');
    // The page asks for no report back (Prefer: return=minimal): 204, nothing but the new version.
    const [receipt] = await Promise.all([
      women.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/report/receipts')),
      card.getByRole('button', { name: `Xác nhận đã nhận (${WOMEN.name})` }).click(),
    ]);
    expect([receipt.status(), receipt.headers()['preference-applied']]).toEqual([204, 'return=minimal']);
    await see(card.getByText(/Đã xác nhận đã nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(Cán bộ/)).toHaveCount(1);
    await check(women, 'Văn bản đến (đã xác nhận)');
    expect((await reportEvents('ReportReceiptAcknowledged')).map((e) => e.data.unitId)).toEqual([WOMEN.id]);

    const [download] = await Promise.all([women.waitForEvent('download'), card.getByRole('link', { name: 'Tải DOCX' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const [y, m, d] = date.split('-');
    expect(text).toContain(numberText);
    expect(text).toContain(`Tam Đường, ngày ${d} tháng ${m} năm ${y}`);
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    expect(text).toContain('PHÓ BÍ THƯ');
    expect(text).toContain('chủ động phối hợp');

    // The clerk's receipts table shows who acknowledged.
    await clerk.reload();
    await see(
      clerk.getByRole('region', { name: /Nơi nhận và xác nhận đã nhận/ }).getByRole('cell', { name: /^Cán bộ Hội LHPN/ }),
    ).toHaveCount(1);
  }, 300_000);

  it('the board and the report fit a phone (390×844) without sideways scrolling', async () => {
    const { context, page } = await newPage(browser, PHONE);
    contexts.push(context);
    pages.phone = page;
    await context.addCookies(await pages['chuyenvien.bdv'].context().cookies());
    audit.track(page);
    await page.goto(ui(`/cycles/${cycleId}`));
    await see(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await see(page.getByText(WOMEN.name).first()).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await check(page, 'Bảng theo dõi (điện thoại)');
    await page.goto(ui(`/cycles/${cycleId}/report`));
    await see(page.getByRole('article', { name: 'Nội dung văn bản' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await check(page, 'Báo cáo (điện thoại)');
  }, 300_000);

  it('checked every page it visited with axe-core', () => {
    expect(audit.unchecked()).toEqual([]);
    expect([...audit.checked].sort()).toEqual(
      expect.arrayContaining([
        '/ui/assignments',
        '/ui/cycles',
        '/ui/cycles/:id',
        '/ui/cycles/:id/report',
        '/ui/cycles/:id/units/:id',
        '/ui/inbox',
        '/ui/login',
        '/ui/received',
        '/ui/reviews',
      ]),
    );
  });
});
