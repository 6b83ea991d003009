import type { NextFunction, Request, Response } from 'express';
import pLimit from 'p-limit';
import type { ApiError } from '../common/api-exception.filter';

/**
 * Admission control of writes (issue #16: "the board while 8 clients submit"). One API process serves every request
 * on one event loop and one pool of database connections: without a bound, eight clients submitting keep eight
 * commands in flight (each a few milliseconds of CPU between its round trips), and a read such as the board waits
 * its turn behind all of them at every step. A bulkhead admits at most WRITE_CONCURRENCY writes at once; the rest
 * wait in arrival order BEFORE any work is done on them (their body is not read, parsed nor validated, no statement
 * is sent), so a read is behind at most that many writes. Reads are never queued here. A write that cannot get in
 * within WRITE_QUEUE_WAIT_MS, or finds WRITE_QUEUE writes already waiting, is answered 503 SERVER_BUSY with
 * Retry-After: nothing was done, the client sends it again (with the same Idempotency-Key).
 *
 * The one home of this rule: `writeAdmission` is an Express middleware that configureApp puts in front of the body
 * parsers, so it covers every route without a word in any controller.
 */
export interface WriteAdmissionSettings {
  /** Writes in progress at once (WRITE_CONCURRENCY). */
  concurrency: number;
  /** Writes that may wait for a place (WRITE_QUEUE); beyond, 503 at once. */
  queue: number;
  /** How long a write may wait for a place (WRITE_QUEUE_WAIT_MS); beyond, 503. */
  waitMs: number;
}

/**
 * The defaults. 3 writes at once: a submission holds at most 2 of the process's 10 database connections (its two reads
 * run together), so 3 leave at least 4 to reads and the read models; on 2 cores 3 kept submissions/s at 8 clients
 * (measured in REPORT s7-board) while the board stopped waiting behind all 8.
 */
export const WRITE_ADMISSION_DEFAULTS: WriteAdmissionSettings = { concurrency: 3, queue: 1000, waitMs: 10_000 };

/** WRITE_CONCURRENCY, WRITE_QUEUE and WRITE_QUEUE_WAIT_MS: whole numbers, refused at start with the setting's name. */
export function writeAdmissionSettings(env: NodeJS.ProcessEnv = process.env): WriteAdmissionSettings {
  return {
    concurrency: wholeNumber(env, 'WRITE_CONCURRENCY', WRITE_ADMISSION_DEFAULTS.concurrency, 1, 10_000),
    queue: wholeNumber(env, 'WRITE_QUEUE', WRITE_ADMISSION_DEFAULTS.queue, 0, 1_000_000),
    waitMs: wholeNumber(env, 'WRITE_QUEUE_WAIT_MS', WRITE_ADMISSION_DEFAULTS.waitMs, 1, 3_600_000),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw} is not a whole number from ${min} to ${max}`);
  return n;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which requests are writes: every unsafe method, except the session's own routes (/auth/…: login, logout, password
 * change), which hold their own bound (the password checks' queue, PASSWORD_HASH_CONCURRENCY) and must let a user in
 * or out while commands queue.
 */
export const isWrite = (req: Pick<Request, 'method' | 'path'>): boolean => !SAFE_METHODS.has(req.method) && !req.path.startsWith('/auth/');

/** Why a write was not admitted. */
export type Refusal = 'queue-full' | 'timeout' | 'gone';

export class WriteRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(`write not admitted: ${reason}`);
  }
}

/**
 * At most `concurrency` holders at once, the others served in arrival order (p-limit's FIFO queue). `enter` resolves
 * with the holder's `release` (idempotent) once it is admitted, or rejects with WriteRefused: the queue is full, the
 * wait passed `waitMs`, or `gone` aborted (the client went away). A waiter that gave up keeps its place in p-limit's
 * queue until its turn, and then passes the place on at once without doing anything.
 */
export class WriteBulkhead {
  private readonly limit: ReturnType<typeof pLimit>;
  private waiters = 0;

  constructor(readonly settings: WriteAdmissionSettings) {
    this.limit = pLimit(settings.concurrency);
  }

  /** Writes in progress. */
  get running(): number {
    return this.limit.activeCount;
  }

  /** Writes waiting for a place (not those that gave up). */
  get waiting(): number {
    return this.waiters;
  }

  enter(gone?: AbortSignal): Promise<() => void> {
    if (this.limit.activeCount + this.limit.pendingCount >= this.settings.concurrency + this.settings.queue)
      return Promise.reject(new WriteRefused('queue-full'));
    return new Promise((resolve, reject) => {
      let waiting = true;
      this.waiters++;
      const giveUp = (reason: Refusal) => {
        if (!waiting) return;
        waiting = false;
        this.waiters--;
        clearTimeout(timer);
        gone?.removeEventListener('abort', onGone);
        reject(new WriteRefused(reason));
      };
      const onGone = () => giveUp('gone');
      const timer = setTimeout(() => giveUp('timeout'), this.settings.waitMs);
      gone?.addEventListener('abort', onGone, { once: true });
      void this.limit(() => {
        if (!waiting) return undefined; // it gave up before its turn: the place goes to the next one
        waiting = false;
        this.waiters--;
        clearTimeout(timer);
        gone?.removeEventListener('abort', onGone);
        return new Promise<void>((done) => {
          let held = true;
          resolve(() => {
            if (!held) return;
            held = false;
            done();
          });
        });
      });
    });
  }
}

/** Seconds a refused write is told to wait before it tries again. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

const BUSY: ApiError = {
  statusCode: 503,
  error: 'SERVER_BUSY',
  message: 'too many changes are in progress; nothing was done, retry shortly',
  messageVi: 'Hệ thống đang bận xử lý nhiều yêu cầu; thao tác chưa được thực hiện, vui lòng thử lại sau ít giây.',
};

/** Express name under which the middleware keeps its bulkhead (for the specs and diagnostics). */
export const WRITE_ADMISSION_SETTING = 'kybaocao.writeAdmission';

/**
 * The middleware: reads pass straight on; a write waits for a place in `bulkhead` before anything else is done on it
 * and holds the place until its response is finished or its connection closed.
 */
export function writeAdmission(bulkhead: WriteBulkhead) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isWrite(req)) return next();
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.once('close', onClose);
    bulkhead.enter(gone.signal).then(
      (release) => {
        res.off('close', onClose);
        if (gone.signal.aborted) return release(); // the client went away just as its turn came
        res.once('close', release); // 'close' follows 'finish', and also comes when the client goes away mid-way
        next();
      },
      (err: unknown) => {
        res.off('close', onClose);
        if (err instanceof WriteRefused && err.reason === 'gone') return;
        res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        res.setHeader('Cache-Control', 'no-store');
        res.status(503).json(BUSY);
      },
    );
  };
}
