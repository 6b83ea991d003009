import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/api-stack';

/** Opens `next` (an app path), is sent to the login page, and signs in as `username`. */
export async function loginAs(page: Page, baseUrl: string, username: string, next: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}${next}`);
  await page.waitForURL(/\/ui\/login\?next=/);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
