import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { renderDocxInThread } from './docx-render-thread';

/** A document as it prints: the key that names it (the same key, the same file), and its JSON, read only when needed. */
export interface PrintedDocument {
  key: string;
  json: () => Promise<string> | string;
}

export interface DocxFilesOptions {
  /** Bytes of rendered files kept (least recently used dropped first). */
  maxBytes?: number;
}

/**
 * Rendered DOCX files, by what they print (#16: a national report's document, with an annex row per unit, takes the
 * `docx` library 6–11 s of CPU to render at 20,000 units, and every unit it was sent to downloads it). A second
 * download of the same document renders nothing, and concurrent downloads of it share one rendering (lru-cache's
 * fetch: one fetchMethod call per key in flight; a failed one is not remembered), on a thread of its own so the API
 * answers meanwhile, and one at a time (a 20,000-unit document's rendering takes about 1.2 GB while it runs). The
 * files it keeps are bounded by `maxBytes`, whatever the number of units or reports.
 */
export class DocxFiles {
  private readonly cache: LRUCache<string, Buffer, PrintedDocument['json']>;
  /** One rendering at a time: a 20,000-unit document takes the `docx` library about 1.2 GB while it renders. */
  private readonly oneAtATime = pLimit(1);

  constructor(options: DocxFilesOptions = {}) {
    this.cache = new LRUCache<string, Buffer, PrintedDocument['json']>({
      maxSize: Math.max(1, options.maxBytes ?? 64 * 1024 * 1024),
      sizeCalculation: (file) => Math.max(1, file.length),
      fetchMethod: (_key, _stale, { context }) => this.oneAtATime(async () => this.render(await context())),
    });
  }

  /**
   * A document named by its content: the SHA-256 of its JSON (what a rendering thread is given). A caller that can name
   * what it prints without reading it (the report's export) names it so instead, and reads it only when not kept.
   */
  static printed(document: OfficialDocument): PrintedDocument {
    const json = JSON.stringify(document);
    return { key: createHash('sha256').update(json).digest('hex'), json: () => json };
  }

  /** The DOCX of a printed document; its JSON read and rendered (on a thread of its own) when not kept. */
  async of(printed: PrintedDocument): Promise<Buffer> {
    const file = await this.cache.fetch(printed.key, { context: printed.json });
    // A kept file is answered without its document being read.
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
