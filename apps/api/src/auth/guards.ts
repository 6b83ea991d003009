import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';
import { rolesFor, type Action } from '@kybaocao/domain/permissions';
import { SessionTokens } from './session-token';
import { ACTION_KEY, PENDING_PASSWORD_KEY, PUBLIC_KEY, Role, ROLES_KEY } from './roles';

/** Global: every route needs a valid session (session-token.ts) unless marked @Public(); the request then carries its user. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SessionTokens,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = await this.tokens.userOf(req);
    if (!user)
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'AUTHENTICATION_REQUIRED',
        message: 'log in first (Bearer token or session cookie)',
        messageVi: 'Cần đăng nhập.',
      });
    req.user = user;
    return true;
  }
}

/**
 * Global: a route marked @Allow(action) needs one of the roles the permission rules give that action (one marked
 * @Roles(...) one of those roles); a user whose password was reset by an
 * administrator reaches only the routes marked @AllowedWithPendingPasswordChange() until they change it.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const user = ctx.switchToHttp().getRequest().user as AuthUser | undefined;
    if (user?.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, targets)) {
      throw forbidden(
        'change your password first (POST /auth/password)',
        'Bạn cần đổi mật khẩu trước khi tiếp tục.',
        'PASSWORD_CHANGE_REQUIRED',
      );
    }
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION_KEY, targets);
    const roles = action ? rolesFor(action) : this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) return true;
    if (user && user.roles.some((r) => roles.includes(r))) return true;
    throw forbidden(`requires one of the roles: ${roles.join(', ')}`);
  }
}

export function forbidden(
  message: string,
  messageVi = 'Bạn không có quyền thực hiện thao tác này.',
  error = 'FORBIDDEN',
): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error, message, messageVi });
}
