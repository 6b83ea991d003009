import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS } from '../support/api-stack';
import { settled } from './office-helpers';
import { DESKTOP, launchBrowser, newPage, PHONE } from './support/browser';
import { screenshots } from './support/shots';

/**
 * `npm run screenshots`, the template pages (#14): the list of templates, the editor with a section that only
 * communes answer (a yes/no and a table indicator) opened, and the preview of the commune's form.
 * docs/screenshots/<page>-desktop.png and -phone.png, like screenshots.shots.ts.
 */
const ID = 'dan-van-quy-cua-co-quan';

describe('screenshots of the template pages', () => {
  let stack: ApiStack;
  let browser: Browser;
  const open: BrowserContext[] = [];
  const { shot, taken: shots } = screenshots();

  beforeAll(async () => {
    stack = await startStack();
    const coordinator = await login(stack.api.url, 'chuyenvien.bdv');
    const copy = await coordinator.call('POST', '/templates', {
      id: ID,
      copyOf: 'dan-van-annual',
      title: 'Báo cáo công tác dân vận quý (mẫu của cơ quan)',
    });
    if (copy.status !== 201) throw new Error(`POST /templates: ${copy.status} ${JSON.stringify(copy.body)}`);
    const t = copy.body;
    const edited = await coordinator.call(
      'PUT',
      `/templates/${ID}`,
      {
        sections: [...t.sections, { code: 'VI', title: 'Hoạt động của Mặt trận và các đoàn thể ở xã', unitKinds: ['DANG_UY_XA'] }],
        indicators: [
          ...t.indicators,
          {
            code: 'XA_PBXH',
            name: 'Tổ chức hội nghị phản biện xã hội',
            unit: 'đơn vị',
            sectionCode: 'VI',
            aggregation: 'ratio',
            valueType: 'boolean',
            allowedQualifiers: [],
            coverage: { noun: 'xã, thị trấn', activity: 'tổ chức hội nghị phản biện xã hội' },
          },
          {
            code: 'XA_HOI_VIEN',
            name: 'Đoàn viên, hội viên ở xã',
            unit: '',
            sectionCode: 'VI',
            aggregation: 'sum',
            valueType: 'table',
            allowedQualifiers: [],
            table: {
              rowSource: 'units',
              rowHeader: 'Đơn vị',
              totalLabel: 'Tổng cộng',
              columns: [
                { code: 'C1', label: 'Số hội viên', valueType: 'integer', aggregation: 'sum' },
                { code: 'C2', label: 'Tỷ lệ tập hợp', valueType: 'percent', aggregation: 'none', total: { kind: 'weighted', by: 'C1' } },
              ],
            },
          },
        ],
      },
      { 'if-match': '"1"' },
    );
    if (edited.status !== 200) throw new Error(`PUT /templates: ${edited.status} ${JSON.stringify(edited.body)}`);
    browser = await launchBrowser();
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const c of open) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const ui = (p: string) => `${stack.api.url}/ui${p}`;

  async function session(viewport: typeof DESKTOP): Promise<Page> {
    const { context, page } = await newPage(browser, viewport);
    open.push(context);
    await page.goto(ui('/login'));
    await page.getByLabel('Tên đăng nhập').fill('chuyenvien.bdv', { timeout: 60000 });
    await page.getByLabel('Mật khẩu').fill('kybaocao-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
    return page;
  }

  for (const viewport of [DESKTOP, PHONE]) {
    const label = viewport === PHONE ? 'phone' : 'desktop';
    it(`shoots the list, the editor and the preview (${label})`, async () => {
      const page = await session(viewport);
      await page.goto(ui('/templates'));
      await page.getByRole('heading', { level: 1, name: 'Mẫu báo cáo' }).waitFor();
      await shot(page, 'templates', viewport);
      await page.goto(ui(`/templates/${ID}`));
      await page.getByText('Phiên bản 2', { exact: true }).waitFor();
      await page.getByRole('button', { name: /^VI\. Hoạt động của Mặt trận/ }).click();
      await page.getByLabel('Tiêu đề mục VI').waitFor();
      await settled(page);
      await page.getByRole('group', { name: 'Chỉ tiêu: Tổ chức hội nghị phản biện xã hội' }).scrollIntoViewIfNeeded();
      await shot(page, 'template-editor', viewport);
      await page.getByRole('group', { name: 'Chỉ tiêu: Đoàn viên, hội viên ở xã' }).getByText('Dòng của bảng').scrollIntoViewIfNeeded();
      await shot(page, 'template-editor-table', viewport);
      await page.getByRole('tab', { name: /^Xem trước/ }).click();
      const heading = page.getByRole('heading', { name: 'VI. Hoạt động của Mặt trận và các đoàn thể ở xã' });
      await heading.waitFor();
      await heading.scrollIntoViewIfNeeded();
      await shot(page, 'template-preview', viewport);
    });
  }

  it('wrote every picture', () => {
    expect(shots).toHaveLength(8);
  });
});
