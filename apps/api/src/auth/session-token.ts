import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { ExtractJwt } from 'passport-jwt';
import { AppConfig } from '@kybaocao/config/config';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { officeAskOf, preloadPaths } from './office-scope';

export const SESSION_COOKIE = 'kybaocao_session';

/** Bearer token (API clients) or, without one, the httpOnly session cookie (the web UI). */
const tokenOf = ExtractJwt.fromExtractors([
  ExtractJwt.fromAuthHeaderAsBearerToken(),
  (req: Request) => (req?.cookies?.[SESSION_COOKIE] as string | undefined) ?? null,
]);

/**
 * The caller of a request: a JWT signed by this API (HS256) naming a server-side session that must not be revoked.
 * The SessionGuard asks it on every request that is not @Public(). Verified directly (jsonwebtoken through
 * JwtService), not through a Passport strategy: Passport's per-request machinery (a strategy object made per
 * request, its success/fail/error callbacks, @nestjs/passport's promise around them) was ~7 % of the CPU of the
 * cheapest logged-in request, GET /auth/me, for the same verification and the same session statement (#16).
 */
@Injectable()
export class SessionTokens {
  /**
   * A KeyObject, made once: given the secret as a string, jsonwebtoken tries it as a PEM public key on every request
   * (an exception thrown and caught) before making the same secret key, ~15 % of the API's CPU (#16).
   */
  private readonly key: KeyObject;

  constructor(
    config: AppConfig,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  /**
   * The request's user, or null without a token or with one this API did not sign (or expired); a valid token whose
   * session has ended (logout, revocation, disabled account) is refused with 401 SESSION_ENDED. The session is read
   * at every request, never cached, with the office scope the OfficeScopeGuard will check (same statement:
   * session-scope.ts), handed over on the request.
   */
  async userOf(req: Request): Promise<AuthUser | null> {
    const token = tokenOf(req);
    if (!token) return null;
    let payload: { sub: string; sid: string };
    try {
      payload = this.jwt.verify(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    const found = await this.auth.resolve(payload.sub, payload.sid, officeAskOf(req));
    if (!found)
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'SESSION_ENDED',
        message: 'the session has ended; log in again',
        messageVi: 'Phiên làm việc đã kết thúc; hãy đăng nhập lại.',
      });
    preloadPaths(req, found.paths);
    return found.user;
  }
}
