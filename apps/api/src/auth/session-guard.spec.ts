import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@kybaocao/config/config';
import type { AuthUser } from './auth-user';
import type { AuthService } from './auth.service';
import { SessionGuard } from './guards';
import { Public } from './roles';
import { SESSION_COOKIE, SessionTokens } from './session-token';

const SECRET = 'session-guard-spec-secret-0123456789abcdef';
const CYCLE = '0b7c2f4e-5a6d-4e8f-9a1b-2c3d4e5f6a7b';

class Routes {
  @Public() login() {}
  board() {}
}

const user: AuthUser = {
  id: 'u1',
  username: 'chuyenvien.thu',
  displayName: 'Chuyên viên thử',
  roles: ['coordinator'],
  unitIds: [],
  officeUnitId: 'ban-dan-van',
  mustChangePassword: false,
  sessionId: 's1',
};
const paths = {
  office: [{ id: 'ban-dan-van', level: 'tinh' }],
  issuer: null,
  unknown: false,
};

/** The guard as the AuthModule builds it, over a session store the test controls (open or ended) and counts. */
function setup() {
  const signer = new JwtService({
    secret: SECRET,
    signOptions: { algorithm: 'HS256' },
  });
  const resolved: unknown[][] = [];
  let open = true;
  const auth = {
    resolve: async (...args: unknown[]) => {
      resolved.push(args);
      return open ? { user, paths } : null;
    },
  } as unknown as AuthService;
  const tokens = new SessionTokens({ jwtSecret: SECRET } as AppConfig, signer, auth);
  const guard = new SessionGuard(new Reflector(), tokens);
  const request = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
    ({ headers, cookies, params: { cycleId: CYCLE }, method: 'GET' }) as Record<string, any>;
  const run = (req: Record<string, any>, handler: keyof Routes = 'board') =>
    guard.canActivate({
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => req }),
    } as unknown as ExecutionContext);
  const token = (payload = { sub: 'u1', sid: 's1' }, options = {}) => signer.sign(payload, options);
  return {
    run,
    request,
    token,
    resolved,
    signer,
    endSession: () => (open = false),
  };
}

/** The 401 body the guard refused with (fails when it let the request through). */
async function refusal(pending: Promise<boolean>) {
  try {
    await pending;
  } catch (err) {
    expect(err).toBeInstanceOf(UnauthorizedException);
    return (err as UnauthorizedException).getResponse() as {
      error: string;
      messageVi: string;
    };
  }
  throw new Error('expected 401, the guard let the request through');
}

describe('SessionGuard', () => {
  describe('given a valid token of an open session', () => {
    it('puts the session’s user on the request, the session read with the route’s cycle', async () => {
      const s = setup();
      const req = s.request({ authorization: `Bearer ${s.token()}` });
      await expect(s.run(req)).resolves.toBe(true);
      expect(req.user).toEqual(user);
      expect(s.resolved).toEqual([['u1', 's1', { cycleId: CYCLE, issuerUnitId: null }]]);
    });

    it('reads the cookie when there is no Bearer token, also beside an Authorization of another scheme', async () => {
      const s = setup();
      const viaCookie = s.request({}, { [SESSION_COOKIE]: s.token() });
      const otherScheme = s.request({ authorization: 'Basic dXNlcjpwYXNz' }, { [SESSION_COOKIE]: s.token() });
      await expect(s.run(viaCookie)).resolves.toBe(true);
      await expect(s.run(otherScheme)).resolves.toBe(true);
      expect([viaCookie.user, otherScheme.user]).toEqual([user, user]);
    });

    it('reads the session at every request: once it has ended, the same token is refused with SESSION_ENDED', async () => {
      const s = setup();
      const token = s.token();
      await s.run(s.request({ authorization: `Bearer ${token}` }));
      s.endSession();
      const body = await refusal(s.run(s.request({ authorization: `Bearer ${token}` })));
      expect(body).toMatchObject({
        error: 'SESSION_ENDED',
        messageVi: 'Phiên làm việc đã kết thúc; hãy đăng nhập lại.',
      });
      expect(s.resolved).toHaveLength(2);
    });
  });

  describe('given the same token again', () => {
    afterEach(() => jest.restoreAllMocks());

    it('verifies its signature once, and still reads the session at every request', async () => {
      const s = setup();
      const verify = jest.spyOn(s.signer, 'verify');
      const token = s.token();
      for (let i = 0; i < 3; i++) await s.run(s.request({ authorization: `Bearer ${token}` }));
      expect(verify).toHaveBeenCalledTimes(1);
      expect(s.resolved).toHaveLength(3);
    });

    it('refuses it once expired with AUTHENTICATION_REQUIRED, though its signature was found valid before', async () => {
      const s = setup();
      const token = s.token({ sub: 'u1', sid: 's1' }, { expiresIn: 60 });
      await expect(s.run(s.request({ authorization: `Bearer ${token}` }))).resolves.toBe(true);
      const issued = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(issued + 59_000);
      await expect(s.run(s.request({ authorization: `Bearer ${token}` }))).resolves.toBe(true);
      jest.spyOn(Date, 'now').mockReturnValue(issued + 61_000);
      const body = await refusal(s.run(s.request({ authorization: `Bearer ${token}` })));
      expect(body).toMatchObject({ error: 'AUTHENTICATION_REQUIRED' });
      expect(s.resolved).toHaveLength(2);
    });
  });

  describe('given no valid token', () => {
    it.each([
      ['no token', () => ({})],
      [
        'a token signed with another secret',
        () => ({
          authorization: `Bearer ${new JwtService({ secret: 'another-secret' }).sign({ sub: 'u1', sid: 's1' })}`,
        }),
      ],
      [
        'an expired token',
        (s: ReturnType<typeof setup>) => ({
          authorization: `Bearer ${s.token({ sub: 'u1', sid: 's1' }, { expiresIn: -10 })}`,
        }),
      ],
      [
        'an unsigned token (alg none)',
        (s: ReturnType<typeof setup>) => ({
          authorization: `Bearer ${s.token().split('.').slice(0, 2).join('.')}.`,
        }),
      ],
      ['a token that is not a JWT', () => ({ authorization: 'Bearer not-a-jwt' })],
    ])('refuses %s with AUTHENTICATION_REQUIRED without reading any session', async (_, headers) => {
      const s = setup();
      const body = await refusal(s.run(s.request(headers(s))));
      expect(body).toMatchObject({
        error: 'AUTHENTICATION_REQUIRED',
        messageVi: 'Cần đăng nhập.',
      });
      expect(s.resolved).toEqual([]);
    });

    it('lets a @Public() route through without reading any session', async () => {
      const s = setup();
      await expect(s.run(s.request(), 'login')).resolves.toBe(true);
      expect(s.resolved).toEqual([]);
    });
  });
});
