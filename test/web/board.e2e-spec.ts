import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiSession, seedDemo } from '../../apps/api/src/demo/seed-demo';
import { DEMO_PASSWORD, DEMO_REPORTING_UNIT_IDS } from '../../apps/api/src/demo/demo-data';
import { createTestDatabase, TestDatabase } from '../infra/db';
import { eventually, RunningProcess, startApi, startWorker, TEST_ADMIN_PASSWORD } from '../infra/processes';
import { see, settled } from './office-helpers';
import { A11yAudit, DESKTOP, horizontalOverflow, launchBrowser, newPage, PHONE } from './support/browser';
import { readModelsCurrent } from '../support/read-models';

const SUBMITTERS = ['hlhpn-tam-duong', 'hnd-tam-duong'];
// Written only when asked for (SCREENSHOT_DIR): a test run must leave the clone's tracked files (docs/board.png) untouched.
const SCREENSHOT = process.env.SCREENSHOT_DIR ? path.join(process.env.SCREENSHOT_DIR, 'board.png') : undefined;
/** Size of the board's full-page screenshot (taken in memory on every run; written only with SCREENSHOT_DIR). */
let screenshotBytes = 0;

/**
 * Issue #6's board (GET /cycles/:id/board, .csv, .xlsx) against the built API and worker processes, and the
 * board page of the web app (/ui/cycles/:id, issue #13/#15) in a real Chromium: phase, cards, the pending
 * line, filter, sort, downloads; axe on every page; the phone layout.
 */
describe('coordinator board: API and web page', () => {
  let db: TestDatabase;
  let api: RunningProcess & { url: string };
  let worker: RunningProcess;
  let coordinator: ApiSession;
  let cycleId: string;
  let browser: Browser;
  let page: Page;
  const audit = new A11yAudit();
  const raw = (p: string, token?: string) => fetch(`${api.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `e2e-board-${randomUUID()}`, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! };
    worker = startWorker(env);
    api = await startApi(env);
    expect((await seedDemo(api.url, TEST_ADMIN_PASSWORD)).created).toBe(true);
    coordinator = await ApiSession.login(api.url, 'chuyenvien.bdv', DEMO_PASSWORD);
    cycleId = (await db.owner.query(`SELECT id FROM cycles`))[0].id;
    await eventually(
      async () => (await coordinator.call('GET', `/cycles/${cycleId}`)).body.status === 'collecting',
      20000,
      'the cycle to be collecting',
    );
    for (const unitId of SUBMITTERS) {
      const reporter = await ApiSession.login(api.url, `canbo.${unitId}`, DEMO_PASSWORD);
      const res = await reporter.call('POST', `/cycles/${cycleId}/units/${unitId}/submission/submit`, {
        content: {
          figures: { TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 640 } },
          narrative: { 'II.1': 'Tổ chức 12 buổi tuyên truyền cho 640 lượt người.' },
        },
      });
      expect(res.status).toBe(200);
    }
    await readModelsCurrent(api.url); // the reporters' submissions, which the coordinator's board does not wait for
    browser = await launchBrowser();
    page = (await newPage(browser, DESKTOP)).page;
    audit.track(page);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await worker?.stop();
    await db?.drop();
  });

  it('serves the board as JSON: statuses, rates overall, by kind and by level, and the pending line', async () => {
    const res = await coordinator.call('GET', `/cycles/${cycleId}/board`);
    expect(res.status).toBe(200);
    const board = res.body;
    expect(board.totalUnits).toBe(DEMO_REPORTING_UNIT_IDS.length);
    expect(board.units).toHaveLength(19);
    for (const unitId of SUBMITTERS) {
      expect(board.units.find((u: any) => u.unitId === unitId)).toMatchObject({
        status: 'submitted',
        statusLabel: 'Đã nộp',
        timeliness: 'on_time',
        daysLate: 0,
        effectiveDeadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        lastActivityAt: expect.any(String),
      });
    }
    expect(board.overall).toMatchObject({ expected: 19, submitted: 2, pending: 17, completeness: { count: 2, of: 19, percent: '10,5%' } });
    expect(board.byLevel.map((g: any) => [g.key, g.label, g.expected, g.submitted])).toEqual([
      ['huyen', 'Cấp huyện', 6, 2],
      ['xa', 'Cấp xã', 13, 0],
    ]);
    expect(board.byKind.find((g: any) => g.key === 'HLHPN')).toMatchObject({ label: 'Hội Liên hiệp Phụ nữ', expected: 1, submitted: 1 });
    expect(board.pendingLine).toMatch(/^còn 17\/19 đơn vị chưa nộp báo cáo \(.*Hội Cựu chiến binh huyện Tam Đường.*\)$/);
    expect(board.pendingLine).not.toContain('Hội Nông dân');
    expect(board.pendingLine).toBe(board.pendingLine.normalize('NFC'));
  });

  it('filters and sorts with query parameters, and names a bad one in a 400', async () => {
    const submitted = await coordinator.call('GET', `/cycles/${cycleId}/board?status=submitted`);
    expect(submitted.body.units.map((u: any) => u.unitId).sort()).toEqual([...SUBMITTERS].sort());
    expect(submitted.body.overall.expected).toBe(19); // the statistics stay over the whole board
    const xa = await coordinator.call('GET', `/cycles/${cycleId}/board?level=xa&kind=DANG_UY_XA`);
    expect(xa.body.units).toHaveLength(13);
    const byStatus = await coordinator.call('GET', `/cycles/${cycleId}/board?sort=status&order=desc`);
    expect(byStatus.body.units.slice(0, 2).map((u: any) => u.status)).toEqual(['submitted', 'submitted']);
    for (const [param, value] of [
      ['status', 'sent'],
      ['sort', 'date'],
      ['order', 'up'],
      ['level', 'x y'],
    ]) {
      const bad = await coordinator.call('GET', `/cycles/${cycleId}/board?${param}=${encodeURIComponent(value)}`);
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f: any) => f.field)).toEqual([param]);
    }
    expect((await coordinator.call('GET', `/cycles/${randomUUID()}/board`)).status).toBe(404);
  });

  it('exports CSV (UTF-8 with BOM, Vietnamese header) and Excel', async () => {
    const csv = await raw(`/cycles/${cycleId}/board.csv`, coordinator.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="bang-theo-doi-[0-9a-f]{8}\.csv"/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('STT,Đơn vị,Loại,Cấp,Trạng thái,Hạn nộp,Ngày nộp,Số ngày trễ,Tiến độ,Hoạt động gần nhất');
    expect(lines).toHaveLength(20);
    expect(lines.find((l) => l.includes('Hội Liên hiệp Phụ nữ huyện Tam Đường'))).toMatch(
      /,Đã nộp,\d{2}\/\d{2}\/\d{4},\d{2}\/\d{2}\/\d{4},0,Đúng hạn,/,
    );

    const xlsx = await raw(`/cycles/${cycleId}/board.xlsx?status=submitted`, coordinator.token);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="bang-theo-doi-[0-9a-f]{8}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Theo dõi nộp báo cáo');
    expect(sheet.getCell('A3').value).toMatch(/^còn 17\/19 đơn vị chưa nộp báo cáo/);
    expect(sheet.getRow(4).getCell(2).value).toBe('Đơn vị');
    expect([sheet.getCell('B5').value, sheet.getCell('B6').value].sort()).toEqual([
      'Hội Liên hiệp Phụ nữ huyện Tam Đường',
      'Hội Nông dân huyện Tam Đường',
    ]);
    expect(sheet.getCell('E5').value).toBe('Đã nộp');
    expect(sheet.rowCount).toBe(6);
  });

  it('refuses reporters (403) and anonymous callers (401); serves the web app without login', async () => {
    const reporter = await ApiSession.login(api.url, 'canbo.hlhpn-tam-duong', DEMO_PASSWORD);
    expect((await reporter.call('GET', `/cycles/${cycleId}/board`)).status).toBe(403);
    expect((await raw(`/cycles/${cycleId}/board.csv`, reporter.token)).status).toBe(403);
    expect((await raw(`/cycles/${cycleId}/board`)).status).toBe(401);
    expect((await raw(`/cycles/${cycleId}/board.xlsx`)).status).toBe(401);
    expect((await raw('/cycles')).status).toBe(401);
    // The app's page and its files are public (no data in them); a route of the app answers the same page.
    const html = await raw('/ui/');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await html.text();
    const script = /<script[^>]+src="(\/ui\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(script).toBeDefined();
    expect((await raw(script!)).status).toBe(200);
    expect((await raw(`/ui/cycles/${cycleId}`)).headers.get('content-type')).toMatch(/^text\/html/);
    expect((await raw('/ui/assets/secret.txt')).status).toBe(404);
    const listed = await coordinator.call('GET', '/cycles');
    expect(listed.body.map((c: any) => c.id)).toEqual([cycleId]);
  });

  it('shows the board in Vietnamese in a browser: login, phase, statuses, pending line, filter, sort, CSV download', async () => {
    await page.goto(`${api.url}/ui/login`);
    await settled(page);
    await audit.check(page, 'Đăng nhập');
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien.bdv');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // The coordinator's home: the cycles, each with its phase.
    await page.waitForURL('**/ui/cycles');
    await see(page.getByRole('heading', { level: 1, name: 'Các kỳ báo cáo' })).toHaveCount(1);
    await see(page.getByRole('row', { name: /Báo cáo năm 2026/ })).toHaveText(/Tiếp nhận báo cáo/);
    await settled(page);
    await audit.check(page, 'Các kỳ báo cáo');
    await page.getByRole('link', { name: /Báo cáo năm 2026/ }).click();
    await page.waitForURL(`**/ui/cycles/${cycleId}`);

    const rows = page
      .getByRole('region', { name: 'Các đơn vị' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await see(rows).toHaveCount(19);
    // The phase, in words: the cycle is taking submissions.
    await see(page.getByRole('navigation', { name: 'Các giai đoạn của kỳ báo cáo' })).toHaveText(/Tiếp nhận báo cáo\s*Hiện tại/);
    const statusCell = (name: string) => rows.filter({ hasText: name }).getByRole('cell').nth(3);
    for (const name of ['Hội Liên hiệp Phụ nữ huyện Tam Đường', 'Hội Nông dân huyện Tam Đường'])
      await see(statusCell(name)).toHaveText('Đã nộp');
    await see(statusCell('Hội Cựu chiến binh huyện Tam Đường')).toHaveText('Chưa nộp');
    await see(page.getByLabel('Đơn vị chưa nộp')).toHaveText(/^còn 17\/19 đơn vị chưa nộp báo cáo \(.*Hội Cựu chiến binh huyện Tam Đường/);
    await see(page.getByRole('group', { name: 'Tỷ lệ nộp' })).toHaveText(/2\/19 \(10,5%\)$/);
    await see(rows.first().getByRole('cell').nth(4)).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    // The unit's row opens its submission.
    await see(
      rows.filter({ hasText: 'Hội Nông dân huyện Tam Đường' }).getByRole('link', { name: 'Hội Nông dân huyện Tam Đường' }),
    ).toHaveAttribute('href', `/ui/cycles/${cycleId}/units/hnd-tam-duong`);
    await settled(page);
    await audit.check(page, 'Bảng theo dõi');
    const shot = await page.screenshot({ fullPage: true, type: 'png' });
    screenshotBytes = shot.length;
    if (SCREENSHOT) fs.writeFileSync(SCREENSHOT, shot);

    // Sorting by clicking the header: status descending puts the two submitted units first.
    const statusHeader = page.getByRole('columnheader', { name: /Trạng thái/ });
    await statusHeader.click();
    await see(statusHeader).toHaveAttribute('aria-sort', 'ascending');
    await statusHeader.click();
    await see(statusHeader).toHaveAttribute('aria-sort', 'descending');
    await see(rows.nth(0).getByRole('cell').nth(3)).toHaveText('Đã nộp');
    await see(rows.nth(1).getByRole('cell').nth(3)).toHaveText('Đã nộp');
    await see(rows.nth(2).getByRole('cell').nth(3)).toHaveText('Chưa nộp');

    // Filter: the status filter counts like the cards ("Đã nộp (2)", as "Tỷ lệ nộp" says 2/19).
    await page.getByRole('combobox', { name: 'Trạng thái' }).click();
    await page.getByRole('option', { name: 'Đã nộp (2)' }).click();
    await see(rows).toHaveCount(2);
    await see(page.getByText('2/19 đơn vị', { exact: true })).toHaveCount(1);

    // The CSV link downloads what the table shows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bang-theo-doi-[0-9a-f]{8}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes(',Đã nộp,'))).toBe(true);
    await see(page.getByRole('link', { name: 'Tải Excel', exact: true })).toHaveAttribute(
      'href',
      new RegExp(`/cycles/${cycleId}/board\\.xlsx\\?status=submitted%2Cresubmitted%2Capproved&sort=status&order=desc$`),
    );

    const size = screenshotBytes;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(600_000);
  });

  it('on a phone (390×844) lists the units as cards without sideways scrolling', async () => {
    const { context: phone, page: p } = await newPage(browser, PHONE);
    try {
      await phone.addCookies(await page.context().cookies());
      audit.track(p);
      await p.goto(`${api.url}/ui/cycles/${cycleId}`);
      await see(
        p.getByRole('region', { name: 'Các đơn vị' }).getByRole('listitem').filter({ hasText: 'Hội Liên hiệp Phụ nữ huyện Tam Đường' }),
      ).toHaveText(/Đã nộp/);
      await see(p.getByRole('group', { name: 'Tỷ lệ nộp' })).toHaveText(/2\/19 \(10,5%\)$/);
      await see(p.getByRole('table')).toHaveCount(2); // only the two small tables by kind and by level
      expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
      await settled(p);
      await audit.check(p, 'Bảng theo dõi (điện thoại)');
    } finally {
      await phone.close();
    }
  });

  it('checked every page it visited with axe-core', () => {
    expect([...audit.checked].sort()).toEqual(['/ui/cycles', '/ui/cycles/:id', '/ui/login']);
    expect(audit.unchecked()).toEqual([]);
  });
});
