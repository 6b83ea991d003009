import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { renderDocxInThread } from './docx-render-thread';

/** A document as it prints: its JSON, and the key that names it (DocxFiles.printed). */
export interface PrintedDocument {
  json: string;
  key: string;
}

export interface DocxFilesOptions {
  /** Bytes of rendered files kept (least recently used dropped first). */
  maxBytes?: number;
}

/**
 * Rendered DOCX files, by what they print (#16: a national report's document, with an annex row per unit, takes the
 * `docx` library about 11 s of CPU to render at 20,000 units, and every unit it was sent to downloads it). A second
 * download of the same document renders nothing, and concurrent downloads of it share one rendering (lru-cache's
 * fetch: one fetchMethod call per key in flight; a failed one is not remembered), on a thread of its own so the API
 * answers meanwhile, and one at a time (a 20,000-unit document's rendering takes about 1.2 GB while it runs). The
 * files it keeps are bounded by `maxBytes`, whatever the number of units or reports.
 */
export class DocxFiles {
  private readonly cache: LRUCache<string, Buffer, string>;
  /** One rendering at a time: a 20,000-unit document takes the `docx` library about 1.2 GB while it renders. */
  private readonly oneAtATime = pLimit(1);

  constructor(options: DocxFilesOptions = {}) {
    this.cache = new LRUCache<string, Buffer, string>({
      maxSize: Math.max(1, options.maxBytes ?? 64 * 1024 * 1024),
      sizeCalculation: (file) => Math.max(1, file.length),
      fetchMethod: (_key, _stale, { context }) => this.oneAtATime(() => this.render(context)),
    });
  }

  /**
   * A document as it prints: its JSON (what a rendering thread is given) and the SHA-256 of it, which names it (the
   * same version, numbered later, is another).
   */
  static printed(document: OfficialDocument): PrintedDocument {
    const json = JSON.stringify(document);
    return { json, key: createHash('sha256').update(json).digest('hex') };
  }

  /** The DOCX of a printed document; rendered (on a thread of its own: renderDocxInThread) when not kept. */
  async of(printed: PrintedDocument): Promise<Buffer> {
    const file = await this.cache.fetch(printed.key, { context: printed.json });
    if (!file) throw new Error(`DOCX of ${printed.key} was not rendered`);
    return file;
  }

  /** The renderings made, and the last one's thread (tests). */
  renders = 0;
  lastThreadId: number | undefined;

  private async render(json: string): Promise<Buffer> {
    this.renders++;
    const { file, threadId } = await renderDocxInThread(json);
    this.lastThreadId = threadId;
    return file;
  }
}
