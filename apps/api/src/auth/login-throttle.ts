import { ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '@kybaocao/config/config';

/**
 * Login attempts are limited per address and per username (whether the account exists or not), in windows of
 * `windowMs`. Beyond either limit every attempt gets the same 429 with Retry-After, before any password is
 * hashed, so it neither tells which usernames exist nor costs the server argon2 work.
 */
export function loginThrottlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const { perAddress, perUsername, windowMs } = config.loginRateLimit;
  return {
    throttlers: [
      { name: 'address', ttl: windowMs, limit: perAddress, getTracker: (req) => String(req.ip ?? req.socket?.remoteAddress ?? '') },
      {
        name: 'username',
        ttl: windowMs,
        limit: perUsername,
        getTracker: (req) => (typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().normalize('NFC') : ''),
      },
    ],
  };
}

@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The throttler names its header after the throttler (Retry-After-username); clients know Retry-After.
    context
      .switchToHttp()
      .getResponse()
      .setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    throw new HttpException(
      {
        statusCode: 429,
        error: 'TOO_MANY_LOGIN_ATTEMPTS',
        message: 'too many login attempts from this address or for this username; retry later',
        messageVi: 'Đăng nhập quá nhiều lần; vui lòng thử lại sau ít phút.',
      },
      429,
    );
  }
}
