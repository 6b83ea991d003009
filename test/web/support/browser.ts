import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const { ensureChromium } = require('../../../scripts/lib/tools');

/** The system's Chromium (scripts/lib/tools.js), with the flags that keep it quiet on a closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Waits until no animation that ends is running (Ant Design's dialogs, drop-downs and messages fade and zoom in;
 * a click on a control still moving can reach nothing, and axe reads half-faded text as low contrast). Endless
 * animations (a spinner while something loads) never end and are not waited for. Past `timeoutMs` it fails
 * naming the animations still running.
 */
export async function atRest(page: Page, timeoutMs: number): Promise<void> {
  // Runs in the page: with `settledOnly`, whether nothing that ends is running; without, what still runs.
  const ending = (settledOnly: boolean): boolean | string[] => {
    interface Anim {
      playState: string;
      effect: { getComputedTiming(): { endTime?: number | string }; target?: { className?: unknown; tagName?: string } } | null;
      animationName?: string;
      transitionProperty?: string;
    }
    const { document } = globalThis as unknown as { document: { getAnimations(): Anim[] } };
    const running = document
      .getAnimations()
      .filter((a) => a.playState === 'running' && Number(a.effect?.getComputedTiming().endTime) !== Infinity);
    if (settledOnly) return running.length === 0;
    return running.map((a) => {
      const t = a.effect?.target;
      const cls = typeof t?.className === 'string' ? t.className.trim().split(/\s+/).join('.') : '';
      return `${a.animationName ?? a.transitionProperty ?? 'animation'} on ${t?.tagName ?? '?'}${cls ? `.${cls}` : ''}`;
    });
  };
  try {
    await page.waitForFunction(ending, true, { timeout: timeoutMs });
  } catch (err) {
    const still = await page.evaluate(ending, false).catch(() => ['(the page is gone)']);
    throw new Error(`the page did not come to rest in ${timeoutMs} ms; still running: ${JSON.stringify(still)}\n${String(err)}`);
  }
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core on the pages a spec visits: `check(page, name)` runs the WCAG 2.1 A/AA rules on what is on
 * screen and fails on any serious or critical violation. `pathsSeen` (every app route the page navigated
 * to, ids collapsed) lets a spec assert that each of them was checked.
 */
export class A11yAudit {
  readonly checked = new Set<string>();
  readonly seen = new Set<string>();

  track(page: Page): void {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.seen.add(routeOf(frame.url()));
    });
  }

  async check(page: Page, name: string): Promise<AxeViolation[]> {
    await page.waitForLoadState('domcontentloaded');
    // A dialog or a message still fading in has colours between its start and end: judge the page at rest.
    await atRest(page, 20_000);
    // Injected through the DevTools protocol, not as an inline <script>: the app's Content-Security-Policy
    // (script-src 'self') stays in force for everything the app itself loads.
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async () => {
      // Runs in the page (the test's tsconfig has no DOM types: the globals are reached through globalThis).
      const { axe, document } = globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
        document: unknown;
      };
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    });
    this.checked.add(routeOf(page.url()));
    const blocking = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (blocking.length > 0) {
      const lines = blocking.map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
            .slice(0, 5)
            .map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
            .join('\n')}`,
      );
      throw new Error(`axe-core: ${blocking.length} serious/critical violation(s) on "${name}" (${page.url()}):\n${lines.join('\n')}`);
    }
    return result;
  }

  /** App routes visited but never checked ('/ui' itself only redirects to the role's home page). */
  unchecked(): string[] {
    return [...this.seen].filter((r) => r.startsWith('/ui/') && !this.checked.has(r));
  }
}

/** '/ui/cycles/3f…/units/hlhpn-tam-duong?x' → '/ui/cycles/:id/units/:id' */
export function routeOf(url: string): string {
  const { pathname } = new URL(url);
  return (
    pathname
      .split('/')
      .map((part, i, all) => (i >= 3 && (all[i - 1] === 'cycles' || all[i - 1] === 'units') ? ':id' : part))
      .join('/')
      .replace(/\/$/, '') || '/'
  );
}

/** The page does not scroll sideways (phone layouts). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { documentElement: el } = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document;
    return el.scrollWidth - el.clientWidth;
  });
}
