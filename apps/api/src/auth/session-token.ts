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

/** What the API signs into a session token (auth.service.ts login): the user, the session, and when the token expires. */
interface SessionClaims {
  sub: string;
  sid: string;
  exp?: number;
}

/** Tokens whose signature was found valid that a process keeps at most (then it starts again): its memory stays bounded. */
export const VERIFIED_TOKENS_KEPT = 10_000;

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
  /**
   * Tokens already verified, with their claims: a token is an immutable string whose signature, once found valid with
   * this process's key, stays valid; the HMAC, the base64 and the JSON of jws/jsonwebtoken were ~9 % of the CPU of
   * GET /auth/me for the same answer at every request of a session (#16). Only the signature is remembered: the expiry
   * is checked at every use, and the session itself (logout, revocation, a disabled account) is read at every request.
   */
  private readonly verified = new Map<string, SessionClaims>();

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
    const payload = this.claimsOf(token);
    if (!payload) return null;
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

  /** The token's claims when this API signed it and it has not expired; null otherwise. */
  private claimsOf(token: string): SessionClaims | null {
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = this.jwt.verify<SessionClaims>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
      } catch {
        return null; // not signed by this API (or not a JWT at all), or expired: never kept
      }
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, claims);
    }
    // As jsonwebtoken decides it (no clock tolerance): expired from the second `exp` names on.
    if (typeof claims.exp === 'number' && Math.floor(Date.now() / 1000) >= claims.exp) {
      this.verified.delete(token);
      return null;
    }
    return claims;
  }
}
