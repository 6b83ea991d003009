import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** Chromium on a closed network: no sandbox (root), no GPU, none of its background traffic. */
export const BROWSER_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** Web-first assertions (playwright-core has no `expect`): poll until the locator matches, 10 s at most. */
export function see(locator: Locator, timeoutMs = 10_000) {
  const poll = async (what: string, check: () => Promise<boolean>, describe: () => Promise<string>) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`expected ${what}; got ${await describe().catch((e) => String(e))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const matches = (value: string | null, expected: string | RegExp) => (value !== null && (typeof expected === 'string' ? norm(value) === expected : expected.test(norm(value))));
  return {
    toHaveCount: (n: number) => poll(`${n} elements`, async () => (await locator.count()) === n, async () => `${await locator.count()}`),
    toHaveText: (expected: string | RegExp) => poll(`text ${expected}`, async () => matches(await locator.textContent({ timeout: 1000 }), expected),
      async () => JSON.stringify(await locator.textContent({ timeout: 1000 }))),
    toHaveAttribute: (name: string, expected: string | RegExp) => poll(`${name}=${expected}`, async () => matches(await locator.getAttribute(name, { timeout: 1000 }), expected),
      async () => JSON.stringify(await locator.getAttribute(name, { timeout: 1000 }))),
    toBeVisible: () => poll('visible', () => locator.isVisible(), async () => 'hidden or absent'),
    toBeHidden: () => poll('hidden', async () => (await locator.count()) === 0 || !(await locator.first().isVisible()), async () => 'visible'),
    toBeEnabled: () => poll('enabled', () => locator.isEnabled({ timeout: 1000 }), async () => 'disabled'),
    toBeDisabled: () => poll('disabled', () => locator.isDisabled({ timeout: 1000 }), async () => 'enabled'),
  };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now: fails on any serious or critical violation, naming rule and elements. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as any[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
  if (violations.length > 0) throw new Error(`axe on ${where}: ${violations.length} serious/critical violation(s)\n${violations.join('\n')}`);
}

/** Nothing wider than the viewport (a phone must not scroll sideways). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  if (scroll > width) throw new Error(`the page is ${scroll}px wide in a ${width}px viewport`);
}
