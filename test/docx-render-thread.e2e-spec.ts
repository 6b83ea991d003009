import { join } from 'node:path';
import JSZip from 'jszip';
import { consolidate } from '@kybaocao/domain/consolidation/consolidate';
import { draftReport } from '@kybaocao/domain/report';
import { fortyConsolidationInput, fortyCycle } from '@kybaocao/domain/report/forty-indicators.fixture';
import { renderDocx } from '@kybaocao/documents/docx-renderer';
import type * as DocxFilesModule from '@kybaocao/documents/docx-files';

/**
 * Issue #16: the built API renders a report's DOCX on a thread of its own (the `docx` library renders synchronously,
 * ~11 s of CPU for a 20,000-unit document), so its event loop keeps answering meanwhile. Loads the compiled module from
 * dist, as the API runs it; the same document rendered in the caller's thread is the yardstick.
 */
describe('the built DOCX rendering runs off the event loop', () => {
  const { DocxFiles } = require(join(__dirname, '../dist/libs/documents/src/docx-files')) as typeof DocxFilesModule;
  const f = fortyCycle(3000);
  const document = draftReport({ ...f, consolidation: consolidate(fortyConsolidationInput(f)), choices: {} });
  const xml = async (file: Buffer) => (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string');

  /** The longest the event loop went without running a 5 ms timer while `work` ran, and work's result. */
  async function longestStall<T>(work: () => Promise<T>): Promise<{ stall: number; result: T }> {
    let last = performance.now();
    let stall = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      stall = Math.max(stall, t - last);
      last = t;
    }, 5);
    try {
      const result = await work();
      stall = Math.max(stall, performance.now() - last);
      return { stall, result };
    } finally {
      clearInterval(timer);
    }
  }

  it('renders on another thread the file the caller’s thread would, and the event loop runs meanwhile', async () => {
    const inThread = await longestStall(() => renderDocx(document));
    const files = new DocxFiles();
    const threaded = await longestStall(() => files.of(DocxFiles.printed(document)));
    expect([files.renders, (files.lastThreadId ?? 0) > 0]).toEqual([1, true]);
    expect(await xml(threaded.result)).toBe(await xml(inThread.result));
    // In the caller's thread the loop stalls for the whole rendering; with the thread, for far less of it.
    const stalls = `stalls: ${Math.round(inThread.stall)} ms in the caller's thread, ${Math.round(threaded.stall)} ms with its own`;
    expect({ stalls, shorter: threaded.stall * 3 < inThread.stall }).toEqual({ stalls, shorter: true });
  }, 120_000);
});
