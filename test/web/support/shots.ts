import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { settled } from '../office-helpers';
import { DESKTOP, PHONE } from './browser';

/** Where `npm run screenshots` writes its pictures (committed: the README links them). */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '../../../docs/screenshots');

export interface ShotOptions {
  /** The whole page, not only the viewport. */
  fullPage?: boolean;
  /** Take the picture even if the page is not at rest (a spinner still turning); it is taken with animations disabled. */
  evenIfBusy?: boolean;
}

/**
 * The screenshots of one spec: `shot(page, name, viewport)` waits for the page to settle and writes
 * `<name>-desktop.png` or `<name>-phone.png`; `picture(page, file)` writes a picture under its own name as it is
 * (for a state that must not wait, such as an open dialog); `taken` lists what was written (specs check their count).
 */
export function screenshots() {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const taken: string[] = [];
  async function picture(page: Page, fileName: string, fullPage = false): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, fileName), animations: 'disabled', fullPage });
    taken.push(fileName);
  }
  async function shot(
    page: Page,
    name: string,
    viewport: typeof DESKTOP,
    { fullPage = false, evenIfBusy = false }: ShotOptions = {},
  ): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    if (evenIfBusy) await settled(page).catch(() => undefined);
    else await settled(page);
    await picture(page, `${name}-${viewport === PHONE ? 'phone' : 'desktop'}.png`, fullPage);
  }
  return { shot, picture, taken };
}
