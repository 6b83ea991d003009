import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthUser } from './auth-user';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';

/** Global: every route needs a valid session unless marked @Public(). */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(ctx: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    return super.canActivate(ctx);
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthorizedException({ statusCode: 401, error: 'AUTHENTICATION_REQUIRED', message: 'log in first (Bearer token or session cookie)', messageVi: 'Cần đăng nhập.' });
    return user;
  }
}

/** Global: a route marked @Roles(...) needs one of those roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!roles) return true;
    const user = ctx.switchToHttp().getRequest().user as AuthUser | undefined;
    if (user && user.roles.some((r) => roles.includes(r))) return true;
    throw forbidden(`requires one of the roles: ${roles.join(', ')}`);
  }
}

export function forbidden(message: string, messageVi = 'Bạn không có quyền thực hiện thao tác này.'): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'FORBIDDEN', message, messageVi });
}
