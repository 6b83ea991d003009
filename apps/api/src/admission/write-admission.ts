import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '../common/api-exception.filter';

/**
 * Admission control of writes (issue #16: "the board while 8 clients submit"). One API process serves every request
 * on one event loop and one pool of database connections: without a bound, eight clients submitting keep eight
 * commands in flight (each a few milliseconds of CPU between its round trips), and a read such as the board waits
 * its turn behind all of them at every step. So writes are admitted through a bulkhead: at most WRITE_CONCURRENCY in
 * progress at once; the others wait in arrival order BEFORE any work is done on them (their body is not read, parsed
 * nor validated, no statement is sent), so a read is behind at most that many writes. Reads are never queued here. A
 * write that cannot get in within WRITE_QUEUE_WAIT_MS, or finds WRITE_QUEUE writes already waiting, is answered 503
 * SERVER_BUSY with Retry-After: nothing was done, the client sends it again (with the same Idempotency-Key).
 *
 * The price: a write spends most of its time waiting for PostgreSQL (its commit included), and fewer commits in flight
 * share fewer WAL flushes. Measured on 2 shared cores (interleaved A/B, REPORT s7-board): 2 writes at once halved the
 * board's median under 8 submitting clients and cost 11–28 % of submissions/s. Limiting writes only while a read was
 * in progress cost as much and did not help the board (a read still found the writes already admitted), so there is
 * one limit.
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
 * The defaults: 2 writes at once (each holds at most 2 of the process's 10 database connections, so reads and the read
 * models keep at least 6), 1,000 waiting, 30 s. The wait is a bound, not an expected delay: some writes are slow by
 * nature (an account's argon2 hash, an import of 20,000 rows, a national draft), and a burst of them queues here
 * instead of further in; 30 s stays under the usual 60 s of a reverse proxy, so the client gets this 503, not a 504.
 */
export const WRITE_ADMISSION_DEFAULTS: WriteAdmissionSettings = { concurrency: 2, queue: 1000, waitMs: 30_000 };

/** The WRITE_* settings: whole numbers, refused at start with the setting's name. */
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
export type Refusal = 'queue-full' | 'timeout';

interface Waiter {
  admit(release: () => void): void;
  refuse(reason: Refusal): void;
  timer: NodeJS.Timeout;
}

/**
 * The bulkhead. `request` admits a write at once when there is room (no timer, no promise), else queues it: FIFO, a
 * Set keeps insertion order and lets a waiter that gave up (timed out, client gone) leave at once, which p-limit's
 * queue cannot (a waiter that gave up would still count against WRITE_QUEUE until its turn).
 */
export class WriteBulkhead {
  private inProgress = 0;
  private readonly waiters = new Set<Waiter>();

  constructor(readonly settings: WriteAdmissionSettings) {}

  /** Writes in progress. */
  get running(): number {
    return this.inProgress;
  }

  /** Writes waiting for a place. */
  get waiting(): number {
    return this.waiters.size;
  }

  private get room(): number {
    return this.settings.concurrency - this.inProgress;
  }

  /**
   * Asks for a place: `admit(release)` is called once it has one (at once when there is room), or `refuse(reason)`
   * when the queue is full or the wait passed `waitMs`. Returns `cancel`, for a client that went away while it waited
   * (no-op once admitted or refused). `release` is idempotent.
   */
  request(admit: (release: () => void) => void, refuse: (reason: Refusal) => void): () => void {
    if (this.waiters.size === 0 && this.room > 0) {
      admit(this.hold());
      return () => undefined;
    }
    if (this.waiters.size >= this.settings.queue) {
      refuse('queue-full');
      return () => undefined;
    }
    const waiter: Waiter = {
      admit,
      refuse,
      timer: setTimeout(() => {
        if (this.waiters.delete(waiter)) refuse('timeout');
      }, this.settings.waitMs),
    };
    this.waiters.add(waiter);
    return () => {
      if (this.waiters.delete(waiter)) clearTimeout(waiter.timer);
    };
  }

  private hold(): () => void {
    this.inProgress++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.inProgress--;
      this.drain();
    };
  }

  /** Admits waiters, oldest first, while there is room. */
  private drain(): void {
    while (this.room > 0 && this.waiters.size > 0) {
      const next = this.waiters.values().next().value as Waiter;
      this.waiters.delete(next);
      clearTimeout(next.timer);
      next.admit(this.hold());
    }
  }
}

/** Seconds a refused write is told to wait before it tries again. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The answer to a write not admitted (declared for every write in the OpenAPI document, common/openapi-errors.ts). */
export const BUSY: ApiError = {
  statusCode: 503,
  error: 'SERVER_BUSY',
  message: 'too many changes are in progress; nothing was done, retry shortly',
  messageVi: 'Hệ thống đang bận xử lý nhiều yêu cầu; thao tác chưa được thực hiện, vui lòng thử lại sau ít giây.',
};

/** Express name under which the middleware keeps its bulkhead (for the specs and diagnostics). */
export const WRITE_ADMISSION_SETTING = 'kybaocao.writeAdmission';

/**
 * The middleware: a read passes straight on; a write waits for a place in
 * `bulkhead` before anything else is done on it and holds the place until its response is finished or its connection
 * closed ('close' comes after 'finish', and also when the client goes away mid-way).
 */
export function writeAdmission(bulkhead: WriteBulkhead) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isWrite(req)) return next();
    let waiting = true;
    const cancel = bulkhead.request(
      (release) => {
        waiting = false;
        if (res.writableEnded || res.destroyed) return release(); // the client went away just as its turn came
        res.once('close', release);
        next();
      },
      () => {
        waiting = false;
        res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        res.setHeader('Cache-Control', 'no-store');
        res.status(503).json(BUSY);
      },
    );
    if (waiting) res.once('close', () => waiting && cancel());
  };
}
