import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { OfficialDocument } from '@kybaocao/domain/document/document.model';
import { renderDocx } from './docx-renderer';

export interface DocxFilesOptions {
  /** Bytes of rendered files kept (least recently used dropped first). */
  maxBytes?: number;
}

/**
 * Rendered DOCX files, by what they print (#16: a national report's document, with an annex row per unit, takes the
 * `docx` library about 11 s of CPU to render at 20,000 units, and every unit it was sent to downloads it). A second
 * download of the same document renders nothing, and concurrent downloads of it share one rendering (lru-cache's
 * fetch: one fetchMethod call per key in flight; a failed one is not remembered). The memory it holds is bounded by
 * `maxBytes`, whatever the number of units or reports.
 */
export class DocxFiles {
  private readonly cache: LRUCache<string, Buffer, OfficialDocument>;

  constructor(options: DocxFilesOptions = {}) {
    this.cache = new LRUCache<string, Buffer, OfficialDocument>({
      maxSize: Math.max(1, options.maxBytes ?? 64 * 1024 * 1024),
      sizeCalculation: (file) => Math.max(1, file.length),
      fetchMethod: (_key, _stale, { context }) => this.render(context),
    });
  }

  /** What names a document as it prints: the SHA-256 of its content (the same version, numbered later, is another). */
  static keyOf(document: OfficialDocument): string {
    return createHash('sha256').update(JSON.stringify(document)).digest('hex');
  }

  /** The DOCX of `document`, which `key` (keyOf) names; rendered when not kept. */
  async of(key: string, document: OfficialDocument): Promise<Buffer> {
    const file = await this.cache.fetch(key, { context: document });
    if (!file) throw new Error(`DOCX of ${key} was not rendered`);
    return file;
  }

  /** How many renderings were made (tests). */
  renders = 0;

  private render(document: OfficialDocument): Promise<Buffer> {
    this.renders++;
    return renderDocx(document);
  }
}
