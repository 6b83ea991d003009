import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@kybaocao/config/config';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { officeAskOf, preloadPaths } from './office-scope';

export const SESSION_COOKIE = 'kybaocao_session';

/** Bearer token (API clients) or the httpOnly session cookie (the web UI); the session must not be revoked. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        ExtractJwt.fromAuthHeaderAsBearerToken(),
        (req: Request) => (req?.cookies?.[SESSION_COOKIE] as string | undefined) ?? null,
      ]),
      // A KeyObject, made once: given the secret as a string, jsonwebtoken tries it as a PEM public key on every
      // request (an exception thrown and caught) before making the same secret key, ~15 % of the API's CPU (#16).
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  /** The session, and with it (same statement) the office scope the OfficeScopeGuard will check: handed over on the request. */
  async validate(req: Request, payload: { sub: string; sid: string }): Promise<AuthUser> {
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
