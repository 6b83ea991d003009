import { ForbiddenException, Injectable, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@kybaocao/config/config';
import { AccountEvents } from '../users/account-events';
import { UsersRepository, UserRecord } from '../users/users.repository';
import type { AuthUser } from './auth-user';
import { LoginResultDto, MeDto } from './auth.dto';
import { LOCK_MINUTES, LoginLockouts, MAX_FAILED_LOGINS } from '../users/login-lockout';
import { PasswordHasher } from '../users/password-hasher';
import type { OfficeAsk } from './office-scope';
import { sessionAndScope } from './session-scope';

export { MAX_FAILED_LOGINS };
const SESSION_HOURS = 12;
/** Verified when the username is unknown, so that the answer takes as long as for a wrong password. */
let dummyHash: Promise<string> | null = null;

const BAD_CREDENTIALS = () =>
  new UnauthorizedException({
    statusCode: 401,
    error: 'INVALID_CREDENTIALS',
    message: 'wrong username or password',
    messageVi: 'Sai tên đăng nhập hoặc mật khẩu.',
  });

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly events: AccountEvents,
    private readonly hasher: PasswordHasher,
    private readonly lockouts: LoginLockouts,
  ) {}

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  /**
   * Password login. A wrong password, an unknown username and a username locked out from this address get the
   * same answer (401 INVALID_CREDENTIALS) after the same argon2 work; the lock-out is against the address only
   * (login-lockout.ts). The account's own counters (failedLogins, lockedUntil) are kept for the administrator.
   */
  async login(username: string, password: string, address = '', now = new Date()): Promise<LoginResultDto> {
    const name = username.trim().toLowerCase();
    const [lockedHere, user] = await Promise.all([this.lockouts.isLocked(name, address, now), this.users.byUsername(name)]);
    if (!user) {
      dummyHash ??= this.hasher.hash(randomUUID());
      await this.hasher.verify(await dummyHash, password);
      await this.lockouts.recordFailure(name, address, now);
      throw BAD_CREDENTIALS();
    }
    const passwordOk = await this.hasher.verify(user.passwordHash, password);
    if (lockedHere) throw BAD_CREDENTIALS();
    if (!passwordOk) {
      await this.lockouts.recordFailure(name, address, now);
      await this.users.recordFailedLogin(user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MINUTES * 60_000));
      throw BAD_CREDENTIALS();
    }
    await this.lockouts.recordSuccess(name, address);
    // Only after the password is verified: whether an account exists, or is disabled, is nobody else's business.
    if (user.disabledAt) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'ACCOUNT_DISABLED',
        message: 'the account is disabled by an administrator',
        messageVi: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.',
      });
    }
    await this.users.recordSuccessfulLogin(user.id);
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await this.users.openSession(sessionId, user.id, now, expiresAt);
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: sessionId }, { expiresIn: SESSION_HOURS * 3600 });
    return { accessToken, expiresAt: expiresAt.toISOString(), user: toMe(user) };
  }

  logout(user: AuthUser): Promise<void> {
    return this.users.revokeSession(user.sessionId, new Date());
  }

  /**
   * The user's own change: clears mustChangePassword, ends every other session, and records UserPasswordChanged
   * (without the password) in the account's stream. After an administrator's reset, the new password must differ.
   */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const record = await this.users.byId(user.id);
    if (!record || !(await this.hasher.verify(record.passwordHash, currentPassword))) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'INVALID_CREDENTIALS',
        message: 'currentPassword is wrong',
        messageVi: 'Mật khẩu hiện tại không đúng.',
      });
    }
    if (record.mustChangePassword && newPassword === currentPassword) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'PASSWORD_NOT_CHANGED',
        message: 'newPassword must differ from the password set by the administrator',
        messageVi: 'Mật khẩu mới phải khác mật khẩu do quản trị viên cấp.',
      });
    }
    const passwordHash = await this.hashPassword(newPassword);
    const now = new Date();
    await this.db.transaction(async (m) => {
      const updated = await this.users.applyAccountChange(user.id, { passwordHash, passwordChangedAt: now, mustChangePassword: false }, m);
      await this.users.revokeOtherSessions(user.id, user.sessionId, now, m);
      await this.events.record(
        m,
        user.id,
        {
          type: 'UserPasswordChanged',
          data: { userId: user.id, mustChangePasswordCleared: record.mustChangePassword, version: updated.version },
        },
        { actor: { userId: user.id, role: user.roles.join(',') }, username: user.username, correlationId: randomUUID() },
        now,
      );
    });
  }

  /**
   * Called by the session guard (session-token.ts) for every request: the session must still be open and the user unlocked. One
   * statement (the session joined to its user, and the office scope the route asks for: session-scope.ts), and only
   * the columns the request needs (#16).
   */
  async resolve(userId: string, sessionId: string, ask: OfficeAsk = { cycleId: null, issuerUnitId: null }) {
    const found = await sessionAndScope(this.db, sessionId, userId, new Date(), ask);
    return found ? { user: { ...found.user, sessionId } as AuthUser, paths: found.paths } : null;
  }
}

export function toMe(u: UserRecord | AuthUser): MeDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    unitIds: u.unitIds,
    officeUnitId: u.officeUnitId,
    mustChangePassword: u.mustChangePassword,
  };
}
