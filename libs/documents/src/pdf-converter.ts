import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';

const run = promisify(execFile);

/** LibreOffice is not installed where the server runs: the caller offers the DOCX instead. */
export class PdfUnavailableError extends Error {
  readonly code = 'PDF_UNAVAILABLE';
  constructor() {
    super('LibreOffice (soffice) is not installed on the server; download the DOCX instead');
  }
}

export interface PdfConverterOptions {
  /** Conversions run at once (each LibreOffice process takes a core and ~200 MB); the others wait their turn. */
  concurrency?: number;
  /** Converted documents kept (least recently used dropped first). */
  cacheEntries?: number;
  timeoutMs?: number;
  /** Programs looked up on PATH, in order. */
  programs?: string[];
}

/**
 * DOCX → PDF through LibreOffice (headless, one private profile per conversion). Conversions are queued
 * (p-limit: at most `concurrency` at once) and cached by key — the caller names the document's content
 * (a report version as it prints), so a second download of the same version converts nothing, and two
 * concurrent downloads of it share one conversion.
 */
export class PdfConverter {
  private readonly limit: pLimit.Limit;
  private readonly cache = new Map<string, Promise<Buffer>>();
  private program?: Promise<string | undefined>;

  constructor(private readonly options: PdfConverterOptions = {}) {
    this.limit = pLimit(Math.max(1, options.concurrency ?? 2));
  }

  /** Conversions waiting for their turn (not counting those running). */
  get waiting(): number {
    return this.limit.pendingCount;
  }

  /** The PDF of the document `key` names; `docx` renders it when it is not cached. */
  async convert(key: string, docx: () => Promise<Buffer>): Promise<Buffer> {
    const soffice = await this.soffice();
    if (!soffice) throw new PdfUnavailableError();
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached); // most recently used last
      return cached;
    }
    const pdf = this.limit(async () => this.run(soffice, await docx()));
    this.cache.set(key, pdf);
    pdf.catch(() => this.cache.delete(key)); // a failure is not remembered
    while (this.cache.size > (this.options.cacheEntries ?? 50)) this.cache.delete(this.cache.keys().next().value!);
    return pdf;
  }

  private async run(soffice: string, docx: Buffer): Promise<Buffer> {
    const work = await mkdtemp(join(tmpdir(), 'kybaocao-pdf-'));
    try {
      await writeFile(join(work, 'report.docx'), docx);
      await run(
        soffice,
        [
          `-env:UserInstallation=file://${join(work, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          join(work, 'report.docx'),
        ],
        { timeout: this.options.timeoutMs ?? 120_000 },
      );
      return await readFile(join(work, 'report.pdf'));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Found once; not found is looked up again next time (LibreOffice installed while the server runs). */
  private async soffice(): Promise<string | undefined> {
    this.program ??= findOnPath(this.options.programs ?? ['soffice', 'libreoffice']);
    const found = await this.program;
    if (!found) this.program = undefined;
    return found;
  }
}

async function findOnPath(programs: string[]): Promise<string | undefined> {
  for (const p of programs) {
    try {
      const { stdout } = await run('which', [p]);
      if (stdout.trim()) return stdout.trim();
    } catch {
      // not installed
    }
  }
  return undefined;
}
