import type { Role } from '../permissions';

/**
 * The rules of account administration, as a pure decider: given the account as stored and what an
 * administrator asks, the event to record and the columns to change — or a refusal. No Nest, no database:
 * the caller passes the acting user and `now` in.
 */

export interface AccountState {
  id: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  unitIds: string[];
  officeUnitId: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  /** Set while the account is disabled: it cannot log in. */
  disabledAt: Date | null;
  /** Set by an administrator's password reset: every route but /auth/me, /auth/password and /auth/logout answers 403 until changed. */
  mustChangePassword: boolean;
  /** Incremented by every recorded change of the account; the ETag of GET /users/{id}. */
  version: number;
}

export interface AccountChanges {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  unitIds?: string[];
  officeUnitId?: string | null;
}

export type AccountCommand =
  | { type: 'ChangeAccount'; data: AccountChanges }
  | { type: 'DisableAccount'; data: { reason: string | null } }
  | { type: 'EnableAccount' }
  | { type: 'ResetPassword'; data: { mustChangePassword: boolean } }
  | { type: 'UnlockAccount' };

type FromTo<T> = { from: T; to: T };

/** Events of the stream `user-<id>`. No password (nor its hash) and no e-mail address ever enters the log. */
export type AccountEvent =
  | {
      type: 'UserAccountChanged';
      data: {
        userId: string;
        changes: {
          displayName?: FromTo<string>;
          roles?: FromTo<Role[]>;
          unitIds?: FromTo<string[]>;
          officeUnitId?: FromTo<string | null>;
          emailChanged?: true;
        };
      };
    }
  | { type: 'UserDisabled'; data: { userId: string; reason: string | null; sessionsRevoked: true } }
  | { type: 'UserEnabled'; data: { userId: string } }
  | { type: 'UserPasswordReset'; data: { userId: string; mustChangePassword: boolean; sessionsRevoked: true } }
  | { type: 'UserUnlocked'; data: { userId: string; failedLogins: number; lockedUntil: string } };

/** Columns to write (the password hash of a reset is added by the caller, who hashes outside the lock). */
export type AccountPatch = Partial<
  Pick<
    AccountState,
    'displayName' | 'email' | 'roles' | 'unitIds' | 'officeUnitId' | 'disabledAt' | 'mustChangePassword' | 'failedLogins' | 'lockedUntil'
  >
>;

export interface AccountDecision {
  event: AccountEvent;
  patch: AccountPatch;
  /** Every open session of the account ends at once. */
  revokeSessions: boolean;
}

/** A refusal with a stable code, an HTTP status and a Vietnamese message (mapped by the API's exception filter). */
export class AccountRuleError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

export const CHANGEABLE_FIELDS = ['displayName', 'email', 'roles', 'unitIds', 'officeUnitId'] as const;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * `null` means: nothing to record (a change to the values the account already has). Throws AccountRuleError.
 */
export function decideAccount(command: AccountCommand, state: AccountState, ctx: { actorId: string; now: Date }): AccountDecision | null {
  const self = state.id === ctx.actorId;
  const userId = state.id;
  switch (command.type) {
    case 'ChangeAccount': {
      const c = command.data;
      if (CHANGEABLE_FIELDS.every((f) => c[f] === undefined)) {
        throw new AccountRuleError(
          'NOTHING_TO_CHANGE',
          400,
          `the body must set at least one of: ${CHANGEABLE_FIELDS.join(', ')}`,
          'Cần nêu ít nhất một thông tin cần thay đổi.',
        );
      }
      const roles = c.roles === undefined ? undefined : [...new Set(c.roles)];
      const unitIds = c.unitIds === undefined ? undefined : [...new Set(c.unitIds)];
      if (self && roles && state.roles.includes('admin') && !roles.includes('admin')) {
        throw new AccountRuleError(
          'CANNOT_REMOVE_OWN_ADMIN',
          409,
          'an administrator cannot remove their own admin role',
          'Quản trị viên không thể tự gỡ vai trò quản trị của chính mình.',
        );
      }
      const changes: Extract<AccountEvent, { type: 'UserAccountChanged' }>['data']['changes'] = {};
      const patch: AccountPatch = {};
      if (c.displayName !== undefined && c.displayName !== state.displayName) {
        changes.displayName = { from: state.displayName, to: c.displayName };
        patch.displayName = c.displayName;
      }
      if (c.email !== undefined && c.email !== state.email) {
        changes.emailChanged = true;
        patch.email = c.email;
      }
      if (roles && !sameList(roles, state.roles)) {
        changes.roles = { from: state.roles, to: roles };
        patch.roles = roles;
      }
      if (unitIds && !sameList(unitIds, state.unitIds)) {
        changes.unitIds = { from: state.unitIds, to: unitIds };
        patch.unitIds = unitIds;
      }
      if (c.officeUnitId !== undefined && c.officeUnitId !== state.officeUnitId) {
        changes.officeUnitId = { from: state.officeUnitId, to: c.officeUnitId };
        patch.officeUnitId = c.officeUnitId;
      }
      if (Object.keys(patch).length === 0) return null;
      return { event: { type: 'UserAccountChanged', data: { userId, changes } }, patch, revokeSessions: false };
    }
    case 'DisableAccount':
      if (self) {
        throw new AccountRuleError(
          'CANNOT_DISABLE_SELF',
          409,
          'an administrator cannot disable their own account',
          'Quản trị viên không thể tự vô hiệu hóa tài khoản của chính mình.',
        );
      }
      if (state.disabledAt) {
        throw new AccountRuleError(
          'USER_ALREADY_DISABLED',
          409,
          `user ${userId} is already disabled since ${state.disabledAt.toISOString()}`,
          'Tài khoản này đã bị vô hiệu hóa từ trước.',
        );
      }
      return {
        event: { type: 'UserDisabled', data: { userId, reason: command.data.reason, sessionsRevoked: true } },
        patch: { disabledAt: ctx.now },
        revokeSessions: true,
      };
    case 'EnableAccount':
      if (!state.disabledAt) {
        throw new AccountRuleError(
          'USER_NOT_DISABLED',
          409,
          `user ${userId} is not disabled`,
          'Tài khoản này đang hoạt động, không cần kích hoạt lại.',
        );
      }
      return { event: { type: 'UserEnabled', data: { userId } }, patch: { disabledAt: null }, revokeSessions: false };
    case 'ResetPassword':
      if (self) {
        throw new AccountRuleError(
          'CANNOT_RESET_OWN_PASSWORD',
          409,
          'change your own password with POST /auth/password',
          'Hãy đổi mật khẩu của chính mình bằng chức năng Đổi mật khẩu.',
        );
      }
      return {
        event: { type: 'UserPasswordReset', data: { userId, mustChangePassword: command.data.mustChangePassword, sessionsRevoked: true } },
        // A reset also lifts a lock-out: the administrator has just handed out a password that works.
        patch: { mustChangePassword: command.data.mustChangePassword, failedLogins: 0, lockedUntil: null },
        revokeSessions: true,
      };
    case 'UnlockAccount':
      if (!state.lockedUntil || state.lockedUntil <= ctx.now) {
        throw new AccountRuleError('USER_NOT_LOCKED', 409, `user ${userId} is not locked out`, 'Tài khoản này không bị tạm khóa.');
      }
      return {
        event: { type: 'UserUnlocked', data: { userId, failedLogins: state.failedLogins, lockedUntil: state.lockedUntil.toISOString() } },
        patch: { failedLogins: 0, lockedUntil: null },
        revokeSessions: false,
      };
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
