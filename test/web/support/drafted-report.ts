import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiSession } from '../../../apps/api/src/demo/seed-demo';
import { login, openCycle, waitForPhase } from '../../support/api-stack';
import { DESKTOP, newPage } from './browser';
import { loginAs } from './login';

/** A POST that must answer 200 (a setup step of a browser spec): anything else fails with the answer. */
export async function ok(session: ApiSession, path: string, body?: unknown): Promise<any> {
  const res = await session.call('POST', path, body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A demo cycle whose report page has a draft: the office opens a cycle for `openFor`, each of `approve` submits the
 * figures `figuresOf` gives it (by its place in the list) and is approved, submissions close and the office drafts the
 * report; answers once the cycle is in review. Used by the report page's screenshot specs.
 */
export async function draftedReportCycle(
  url: string,
  openFor: string[],
  approve: string[],
  figuresOf: (index: number) => Record<string, { value: number; qualifier?: string }>,
): Promise<string> {
  const coordinator = await login(url, 'chuyenvien.bdv');
  const reviewer = await login(url, 'lanhdao.bdv');
  const cycleId = await openCycle(coordinator, openFor);
  for (const [i, unit] of approve.entries()) {
    const reporter = await login(url, `canbo.${unit}`);
    await ok(reporter, `/cycles/${cycleId}/units/${unit}/submission/submit`, { content: { figures: figuresOf(i), narrative: {} } });
    await ok(reviewer, `/cycles/${cycleId}/units/${unit}/submission/approve`, { version: 1 });
  }
  await ok(coordinator, `/cycles/${cycleId}/close-submissions`);
  await ok(coordinator, `/cycles/${cycleId}/report/draft`, { title: 'tổng kết công tác dân vận năm 2027' });
  await waitForPhase(coordinator, cycleId, 'reviewing');
  return cycleId;
}

/** The report page of `cycleId` as the office's coordinator sees it, in a new context (closed by the spec: `open`). */
export async function coordinatorReportPage(
  browser: Browser,
  url: string,
  cycleId: string,
  viewport: typeof DESKTOP,
  open: BrowserContext[],
): Promise<Page> {
  const { context, page } = await newPage(browser, viewport);
  open.push(context);
  await loginAs(page, url, 'chuyenvien.bdv', `/ui/cycles/${cycleId}/report`);
  await page.waitForURL((u) => !u.pathname.startsWith('/ui/login'));
  return page;
}

/** Shows the line (scrolled into view) that opens a paged list. */
export async function showLine(page: Page, text: string): Promise<void> {
  const line = page.getByText(text, { exact: false });
  await line.waitFor();
  await line.scrollIntoViewIfNeeded();
}

/** Clicks `button` and answers the texts of the items of the list it opens (named `listName`). */
export async function openedList(page: Page, button: string, listName: string): Promise<string[]> {
  await page.getByRole('button', { name: button }).click();
  const list = page.getByRole('list', { name: listName });
  await list.getByRole('listitem').first().waitFor();
  return list.getByRole('listitem').allInnerTexts();
}
