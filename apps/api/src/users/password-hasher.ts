import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import * as argon2 from 'argon2';
import pLimit from 'p-limit';
import { AppConfig } from '@kybaocao/config/config';

/**
 * argon2 is slow and memory-hungry on purpose: a burst of logins must not run hundreds of hashes at once.
 * At most `concurrency` hash or verify at a time (p-limit); up to `queue` more wait their turn; beyond that
 * a password check is refused at once with 503 SERVER_BUSY and Retry-After, before any work.
 */
@Injectable()
export class PasswordHasher {
  private readonly limit: ReturnType<typeof pLimit>;
  /** Running plus waiting at most (the concurrency plus the queue). */
  private readonly bound: number;

  constructor(config: AppConfig) {
    this.limit = pLimit(config.passwordHashing.concurrency);
    this.bound = config.passwordHashing.concurrency + config.passwordHashing.queue;
  }

  /** Setting a password (an administrator's or the user's own change): waits its turn, never refused. */
  hash(password: string): Promise<string> {
    return this.limit(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  /** Checking a password (login, password change): refused with 503 beyond the queue. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.bounded(() => argon2.verify(hash, password));
  }

  private bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount + this.limit.pendingCount >= this.bound) {
      throw Object.assign(
        new ServiceUnavailableException({
          statusCode: 503,
          error: 'SERVER_BUSY',
          message: 'too many password checks in progress; retry shortly',
          messageVi: 'Hệ thống đang bận; vui lòng thử lại sau ít giây.',
        }),
        { retryAfterSeconds: 1 },
      );
    }
    return this.limit(work);
  }
}
