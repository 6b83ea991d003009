/**
 * The DOCX rendering thread (docx-render-thread.ts): the document's JSON in `workerData`, its rendered file posted
 * back (its memory transferred, not copied), then the thread ends and its heap is freed.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { renderDocx } from './docx-renderer';

renderDocx(JSON.parse(workerData as string))
  .then((file) => {
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength).slice();
    parentPort!.postMessage({ bytes, threadId }, [bytes.buffer]);
  })
  .catch((error: unknown) => {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
