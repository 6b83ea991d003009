import compression from 'compression';
import type { Request, Response } from 'express';

/** JSON answers from this size on are compressed for a client that accepts it; smaller ones are sent as they are. */
export const COMPRESSED_FROM_BYTES = 32 * 1024;

/**
 * Large JSON answers compressed (brotli at quality 4, else gzip; compression, the expressjs middleware, on zlib's thread
 * pool, not the event loop) for a client that accepts it: a national report's answer is 2.5 MB of Vietnamese text, opened by each
 * unit it was sent to, often on a phone. The frequent small answers (a submission, a page of a list) stay as they are,
 * at no cost. Never `/auth/*`: an answer carrying a session token is not compressed (BREACH); nothing else answers a
 * secret. Files (DOCX, XLSX, PDF are compressed already; CSV) and the web app's assets (compressed at build time) are
 * left alone.
 */
export function compressedAnswers() {
  return compression({
    threshold: COMPRESSED_FROM_BYTES,
    filter: (req: Request, res: Response) =>
      !req.path.startsWith('/auth') &&
      /^application\/json\b/.test(String(res.getHeader('Content-Type') ?? '')) &&
      compression.filter(req, res),
  });
}
