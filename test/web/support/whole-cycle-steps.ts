import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/api-stack';
import { see, settled } from '../office-helpers';
import { atRest, type A11yAudit } from './browser';

/** Steps of the browser journeys that several specs take the same way. */

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Date pickers closed (their pop-ups animate out): axe judges the page as it stands. A function: the CSP refuses strings. */
async function pickersClosed(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
    return !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  });
}

/**
 * The coordinator opens an annual 2027 cycle through "Mở kỳ báo cáo" with the dates the ND 09/2019 rules suggest,
 * for the units named (found by the search box), signed by "Nguyễn Văn A"; axe on every step. Returns its id.
 */
export async function openCycleInWizard(page: Page, audit: A11yAudit, unitNames: string[]): Promise<string> {
  const next = () => page.getByRole('button', { name: 'Tiếp tục' }).click();
  const step = (name: string) => page.getByRole('region', { name });
  await see(page.getByRole('heading', { level: 1, name: 'Các kỳ báo cáo' })).toHaveCount(1);
  await settled(page);
  await audit.check(page, 'Các kỳ báo cáo');
  await page.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
  await page.waitForURL(/\/ui\/cycles\/new$/);

  const first = step('Mẫu và kỳ báo cáo');
  await first.getByLabel('Năm').fill('2027');
  await see(first.getByLabel('Số liệu từ ngày')).toHaveAttribute('value', '15/12/2026');
  await see(first.getByLabel('Đến ngày (chốt số liệu)')).toHaveAttribute('value', '14/12/2027');
  await settled(page);
  await audit.check(page, 'Mở kỳ báo cáo: mẫu và kỳ');
  await next();
  await see(step('Văn bản yêu cầu')).toBeVisible();
  await next();

  const third = step('Đơn vị báo cáo');
  const search = third.getByLabel('Tìm đơn vị theo tên hoặc tên gọi khác');
  for (const name of unitNames) {
    await search.fill(name);
    await third.getByRole('checkbox', { name }).check();
  }
  await search.fill('');
  await see(third.getByText(new RegExp(`Đã chọn ${unitNames.length} đơn vị`))).toBeVisible();
  await settled(page);
  await audit.check(page, 'Mở kỳ báo cáo: đơn vị');
  await next();

  const fourth = step('Mốc thời gian');
  await see(fourth.getByLabel('Hạn nộp báo cáo')).toHaveAttribute('value', '15/12/2027');
  await pickersClosed(page);
  await next();

  const fifth = step('Ký ban hành');
  await see(fifth.getByLabel('Chức vụ người ký')).toHaveAttribute('value', 'PHÓ BÍ THƯ');
  await fifth.getByLabel('Họ và tên người ký').fill('Nguyễn Văn A');
  await settled(page);
  await audit.check(page, 'Mở kỳ báo cáo: ký ban hành');
  await page.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
  await page.waitForURL(/\/ui\/cycles\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/**
 * A reporter fills the unit's form (only the fields given), waits for the autosave, submits (or resubmits) and
 * confirms; axe on the form and the confirmation.
 */
export async function fillAndSubmit(
  page: Page,
  audit: A11yAudit,
  f: { buoi?: string; luot?: string; ketNap?: string; narrative?: string },
  resubmit = false,
): Promise<void> {
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  await see(field('Số buổi tuyên truyền')).toBeVisible();
  if (f.buoi) await field('Số buổi tuyên truyền').fill(f.buoi);
  if (f.luot) await field('Số lượt người tham gia tuyên truyền').fill(f.luot);
  if (f.ketNap) await field('Số hội viên, đoàn viên kết nạp mới').fill(f.ketNap);
  if (f.narrative) await page.getByRole('textbox', { name: 'Nội dung mục II.1' }).fill(f.narrative);
  await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor({ timeout: 30_000 });
  await settled(page);
  await audit.check(page, resubmit ? 'Sửa báo cáo bị trả lại' : 'Báo cáo của đơn vị (soạn)');
  const verb = resubmit ? 'Nộp lại báo cáo' : 'Nộp báo cáo';
  await page.getByRole('button', { name: verb }).click();
  const dialog = page.getByRole('dialog');
  // Confirmed once the dialog is at rest, as reporter-journey does: a click during its zoom-in can reach nothing (CI
  // saw a resubmission never sent in whole-cycle).
  await dialog.waitFor();
  await atRest(page, 10_000);
  await dialog.getByRole('button', { name: new RegExp(`^(Vẫn )?${verb}$`, 'i') }).click();
  await page.getByText(/Báo cáo lần \d+ đã được gửi lúc .* và đang chờ thẩm định/).waitFor({ timeout: 60_000 });
}
