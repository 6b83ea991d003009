import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { settled } from '../office-helpers';
import { DESKTOP, PHONE } from './browser';

/** Where `npm run screenshots` writes its pictures (committed: the README links them). */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * The screenshots of one spec: `shot(page, name, viewport)` waits for the page to settle and writes
 * `<name>-desktop.png` or `<name>-phone.png`; `taken` lists what was written (specs check their count).
 */
export function screenshots() {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const taken: string[] = [];
  async function shot(page: Page, name: string, viewport: typeof DESKTOP, fullPage = false): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await settled(page);
    const file = path.join(SCREENSHOTS_DIR, `${name}-${viewport === PHONE ? 'phone' : 'desktop'}.png`);
    await page.screenshot({ path: file, animations: 'disabled', fullPage });
    taken.push(path.basename(file));
  }
  return { shot, taken };
}
