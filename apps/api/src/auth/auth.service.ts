import { ForbiddenException, HttpException, Injectable, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src/config';
import { AccountEvents } from '../users/account-events';
import { UsersRepository, UserRecord } from '../users/users.repository';
import { hashPassword } from '../users/passwords';
import type { AuthUser } from './auth-user';
import { LoginResultDto, MeDto } from './auth.dto';

export const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;
const SESSION_HOURS = 12;
/** Verified when the username is unknown, so that the answer takes as long as for a wrong password. */
let dummyHash: Promise<string> | null = null;

const BAD_CREDENTIALS = () => new UnauthorizedException({
  statusCode: 401, error: 'INVALID_CREDENTIALS', message: 'wrong username or password', messageVi: 'Sai tên đăng nhập hoặc mật khẩu.',
});

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository, private readonly jwt: JwtService, private readonly config: AppConfig,
    private readonly db: DataSource, private readonly events: AccountEvents,
  ) {}

  hashPassword(password: string): Promise<string> {
    return hashPassword(password);
  }

  /** Password login with lock-out after MAX_FAILED_LOGINS failures in a row (LOCK_MINUTES). */
  async login(username: string, password: string, now = new Date()): Promise<LoginResultDto> {
    const user = await this.users.byUsername(username.trim().toLowerCase());
    if (!user) {
      dummyHash ??= this.hashPassword(randomUUID());
      await argon2.verify(await dummyHash, password);
      throw BAD_CREDENTIALS();
    }
    // A locked account costs the same argon2 work as any other attempt (the time taken tells nothing).
    const passwordOk = await argon2.verify(user.passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil);
    if (!passwordOk) {
      const after = await this.users.recordFailedLogin(user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MINUTES * 60_000));
      if (after.lockedUntil && after.lockedUntil > now) throw locked(after.lockedUntil);
      throw BAD_CREDENTIALS();
    }
    // Only after the password is verified: whether an account exists, or is disabled, is nobody else's business.
    if (user.disabledAt) {
      throw new ForbiddenException({
        statusCode: 403, error: 'ACCOUNT_DISABLED', message: 'the account is disabled by an administrator',
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
    if (!record || !(await argon2.verify(record.passwordHash, currentPassword))) {
      throw new UnauthorizedException({ statusCode: 401, error: 'INVALID_CREDENTIALS', message: 'currentPassword is wrong', messageVi: 'Mật khẩu hiện tại không đúng.' });
    }
    if (record.mustChangePassword && newPassword === currentPassword) {
      throw new UnprocessableEntityException({
        statusCode: 422, error: 'PASSWORD_NOT_CHANGED', message: 'newPassword must differ from the password set by the administrator',
        messageVi: 'Mật khẩu mới phải khác mật khẩu do quản trị viên cấp.',
      });
    }
    const passwordHash = await this.hashPassword(newPassword);
    const now = new Date();
    await this.db.transaction(async (m) => {
      const updated = await this.users.applyAccountChange(user.id, { passwordHash, passwordChangedAt: now, mustChangePassword: false }, m);
      await this.users.revokeOtherSessions(user.id, user.sessionId, now, m);
      await this.events.record(m, user.id, {
        type: 'UserPasswordChanged', data: { userId: user.id, mustChangePasswordCleared: record.mustChangePassword, version: updated.version },
      }, { actor: { userId: user.id, role: user.roles.join(',') }, username: user.username, correlationId: randomUUID() }, now);
    });
  }

  /** Called by the JWT strategy for every request: the session must still be open and the user unlocked. */
  async resolve(userId: string, sessionId: string): Promise<AuthUser | null> {
    const now = new Date();
    const session = await this.users.activeSession(sessionId, now);
    if (!session || session.userId !== userId) return null;
    const user = await this.users.byId(userId);
    if (!user || user.disabledAt) return null;
    return {
      id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitIds: user.unitIds, officeUnitId: user.officeUnitId,
      mustChangePassword: user.mustChangePassword, sessionId,
    };
  }
}

export function toMe(u: UserRecord | AuthUser): MeDto {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, unitIds: u.unitIds, officeUnitId: u.officeUnitId, mustChangePassword: u.mustChangePassword };
}

function locked(until: Date): HttpException {
  return new HttpException({
    statusCode: 423, error: 'ACCOUNT_LOCKED', message: `account locked after ${MAX_FAILED_LOGINS} failed logins until ${until.toISOString()}`,
    messageVi: `Tài khoản tạm khóa do đăng nhập sai ${MAX_FAILED_LOGINS} lần; thử lại sau ${LOCK_MINUTES} phút.`, lockedUntil: until.toISOString(),
  }, 423);
}
