import type { Locator } from 'playwright-core';
import { atRest } from './support/browser';

/** Web-first assertions (playwright-core has no `expect`): poll until the locator matches, 20 s at most (the machine is shared). */
export function see(locator: Locator, timeoutMs = 20_000) {
  const poll = async (what: string, check: () => Promise<boolean>, describe: () => Promise<string>) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`expected ${what}; got ${await describe().catch((e) => String(e))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const matches = (value: string | null, expected: string | RegExp) =>
    value !== null && (typeof expected === 'string' ? norm(value) === expected : expected.test(norm(value)));
  return {
    toHaveCount: (n: number) =>
      poll(
        `${n} elements`,
        async () => (await locator.count()) === n,
        async () => `${await locator.count()}`,
      ),
    toHaveText: (expected: string | RegExp) =>
      poll(
        `text ${expected}`,
        async () => matches(await locator.textContent({ timeout: 1000 }), expected),
        async () => JSON.stringify(await locator.textContent({ timeout: 1000 })),
      ),
    toHaveValue: (expected: string) =>
      poll(
        `value ${JSON.stringify(expected)}`,
        async () => (await locator.inputValue({ timeout: 1000 })) === expected,
        async () => JSON.stringify(await locator.inputValue({ timeout: 1000 })),
      ),
    toHaveAttribute: (name: string, expected: string | RegExp) =>
      poll(
        `${name}=${expected}`,
        async () => matches(await locator.getAttribute(name, { timeout: 1000 }), expected),
        async () => JSON.stringify(await locator.getAttribute(name, { timeout: 1000 })),
      ),
    toBeVisible: () =>
      poll(
        'visible',
        () => locator.isVisible(),
        async () => 'hidden or absent',
      ),
    toBeHidden: () =>
      poll(
        'hidden',
        async () => (await locator.count()) === 0 || !(await locator.first().isVisible()),
        async () => 'visible',
      ),
    toBeEnabled: () =>
      poll(
        'enabled',
        () => locator.isEnabled({ timeout: 1000 }),
        async () => 'disabled',
      ),
    toBeDisabled: () =>
      poll(
        'disabled',
        () => locator.isDisabled({ timeout: 1000 }),
        async () => 'enabled',
      ),
  };
}

/** Waits until the page is at rest (`atRest`): no fade or zoom still running. */
export async function settled(page: import('playwright-core').Page): Promise<void> {
  await atRest(page, 10_000);
}
