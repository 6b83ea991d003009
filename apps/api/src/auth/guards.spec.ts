import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from './auth-user';
import { RolesGuard } from './guards';
import { Allow, AllowedWithPendingPasswordChange, Roles } from './roles';

class Routes {
  @Roles('admin') adminOnly() {}
  @Allow('submission.approve') approve() {}
  open() {}
  @AllowedWithPendingPasswordChange() me() {}
}

const user = (over: Partial<AuthUser> = {}): AuthUser => ({
  id: 'u1',
  username: 'canbo.thu',
  displayName: 'Cán bộ thử',
  roles: ['clerk'],
  unitIds: [],
  officeUnitId: null,
  mustChangePassword: false,
  sessionId: 's1',
  ...over,
});
const context = (handler: keyof Routes, caller?: AuthUser) =>
  ({
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user: caller }) }),
  }) as unknown as ExecutionContext;

/** The 403 body thrown (fails when the guard lets the call through). */
function refusal(run: () => boolean) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ForbiddenException);
    return (err as ForbiddenException).getResponse();
  }
  throw new Error('expected 403, the guard let the call through');
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  describe('given a user in good standing', () => {
    it('passes a route without @Roles and one of their roles; refuses another role with FORBIDDEN', () => {
      expect(guard.canActivate(context('open', user()))).toBe(true);
      expect(guard.canActivate(context('adminOnly', user({ roles: ['clerk', 'admin'] })))).toBe(true);
      expect(refusal(() => guard.canActivate(context('adminOnly', user())))).toMatchObject({
        error: 'FORBIDDEN',
        message: 'requires one of the roles: admin',
      });
    });
  });

  describe('a route marked @Allow(action)', () => {
    it('passes the roles the permission rules give the action, refuses the others with the same FORBIDDEN body', () => {
      expect(guard.canActivate(context('approve', user({ roles: ['reviewer'] })))).toBe(true);
      expect(refusal(() => guard.canActivate(context('approve', user({ roles: ['reporter', 'coordinator'] }))))).toEqual({
        statusCode: 403,
        error: 'FORBIDDEN',
        message: 'requires one of the roles: reviewer',
        messageVi: 'Bạn không có quyền thực hiện thao tác này.',
      });
    });
  });

  describe('given a user who must change their password', () => {
    const pending = user({ roles: ['admin'], mustChangePassword: true });
    it('refuses every route not marked @AllowedWithPendingPasswordChange with PASSWORD_CHANGE_REQUIRED, whatever the roles', () => {
      for (const route of ['open', 'adminOnly'] as const) {
        expect(refusal(() => guard.canActivate(context(route, pending)))).toEqual({
          statusCode: 403,
          error: 'PASSWORD_CHANGE_REQUIRED',
          message: 'change your password first (POST /auth/password)',
          messageVi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
        });
      }
    });
    it('passes the routes marked @AllowedWithPendingPasswordChange', () => {
      expect(guard.canActivate(context('me', pending))).toBe(true);
    });
  });
});
