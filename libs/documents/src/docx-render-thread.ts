import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderDocx } from './docx-renderer';

/** A rendered DOCX, and the thread that rendered it (0: the caller's, the main thread). */
export interface RenderedDocx {
  file: Buffer;
  threadId: number;
}

/** The compiled worker script beside this module (dist/…/docx-render.worker.js); absent when run from the TypeScript sources. */
const WORKER_SCRIPT = join(__dirname, 'docx-render.worker.js');

/**
 * Renders a document (given as its JSON) on a thread of its own, so the API keeps answering meanwhile: the `docx`
 * library renders synchronously, 6–11 s of CPU for a national report's document at 20,000 units, during which the
 * process's event loop would answer no one. One thread per rendering, ended after it: renderings are rare (DocxFiles
 * keeps their files) and the thread's heap, about 1.2 GB for such a document, is freed with it. Run from the
 * TypeScript sources (unit tests), where no compiled script exists, it renders in the caller's thread.
 */
export function renderDocxInThread(json: string): Promise<RenderedDocx> {
  if (!existsSync(WORKER_SCRIPT)) return renderDocx(JSON.parse(json)).then((file) => ({ file, threadId: 0 }));
  return new Promise<RenderedDocx>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: json });
    let answered = false;
    worker.once('message', (m: { bytes?: Uint8Array; threadId?: number; error?: string }) => {
      answered = true;
      if (m.error !== undefined || !m.bytes) reject(new Error(`DOCX rendering failed: ${m.error ?? 'no file'}`));
      else resolve({ file: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), threadId: m.threadId ?? -1 });
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`DOCX rendering thread ended (exit code ${code}) without a file`));
    });
  });
}
