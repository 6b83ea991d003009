import { AccountRuleError, AccountState, decideAccount } from './account.decider';

const ADMIN_ID = 'a0000000-0000-4000-8000-000000000001';
const USER_ID = 'b0000000-0000-4000-8000-000000000002';
const now = new Date('2026-03-02T02:00:00.000Z');

const account = (over: Partial<AccountState> = {}): AccountState => ({
  id: USER_ID,
  displayName: 'Lò Thị Hoa',
  email: 'hoa.lt@example.vn',
  roles: ['reporter'],
  unitIds: ['hlhpn-tam-duong'],
  officeUnitId: null,
  failedLogins: 0,
  lockedUntil: null,
  disabledAt: null,
  mustChangePassword: false,
  version: 3,
  ...over,
});
const byAdmin = { actorId: ADMIN_ID, now };

/** The refusal thrown, as { code, httpStatus, message, messageVi } (fails when nothing is thrown). */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AccountRuleError);
    const e = err as AccountRuleError;
    expect(e.messageVi).toBe(e.messageVi.normalize('NFC'));
    return { code: e.code, httpStatus: e.httpStatus, message: e.message };
  }
  throw new Error('expected a refusal, nothing was thrown');
}

describe('account decider', () => {
  describe('ChangeAccount', () => {
    it('given a reporter, when given roles and units, then records from/to of what changed and patches only that', () => {
      const d = decideAccount(
        { type: 'ChangeAccount', data: { roles: ['reporter', 'reviewer', 'reporter'], unitIds: ['hlhpn-tam-duong'] } },
        account(),
        byAdmin,
      );
      expect(d).toEqual({
        event: {
          type: 'UserAccountChanged',
          data: { userId: USER_ID, changes: { roles: { from: ['reporter'], to: ['reporter', 'reviewer'] } } },
        },
        patch: { roles: ['reporter', 'reviewer'] },
        revokeSessions: false,
      });
    });

    it('records that the e-mail changed, never the address', () => {
      const d = decideAccount(
        { type: 'ChangeAccount', data: { email: null, officeUnitId: 'bdv-tam-duong', displayName: 'Lò Thị Hoa (Chủ tịch)' } },
        account(),
        byAdmin,
      );
      expect(d?.event.data).toEqual({
        userId: USER_ID,
        changes: {
          emailChanged: true,
          officeUnitId: { from: null, to: 'bdv-tam-duong' },
          displayName: { from: 'Lò Thị Hoa', to: 'Lò Thị Hoa (Chủ tịch)' },
        },
      });
      expect(JSON.stringify(d?.event)).not.toContain('hoa.lt@example.vn');
      expect(d?.patch).toEqual({ email: null, officeUnitId: 'bdv-tam-duong', displayName: 'Lò Thị Hoa (Chủ tịch)' });
    });

    it('given the values the account already has (roles in another order), then nothing to record', () => {
      const state = account({ roles: ['reporter', 'clerk'] });
      expect(
        decideAccount(
          { type: 'ChangeAccount', data: { roles: ['clerk', 'reporter'], unitIds: ['hlhpn-tam-duong'], officeUnitId: null } },
          state,
          byAdmin,
        ),
      ).toBeNull();
    });

    it('given no field at all, then 400 NOTHING_TO_CHANGE', () => {
      expect(refusal(() => decideAccount({ type: 'ChangeAccount', data: {} }, account(), byAdmin))).toEqual({
        code: 'NOTHING_TO_CHANGE',
        httpStatus: 400,
        message: 'the body must set at least one of: displayName, email, roles, unitIds, officeUnitId',
      });
    });

    it('given an administrator changing their own roles, then they may not drop admin (409) but may add roles', () => {
      const self = account({ id: ADMIN_ID, roles: ['admin'] });
      expect(refusal(() => decideAccount({ type: 'ChangeAccount', data: { roles: ['coordinator'] } }, self, byAdmin))).toEqual({
        code: 'CANNOT_REMOVE_OWN_ADMIN',
        httpStatus: 409,
        message: 'an administrator cannot remove their own admin role',
      });
      expect(decideAccount({ type: 'ChangeAccount', data: { roles: ['admin', 'coordinator'] } }, self, byAdmin)?.patch).toEqual({
        roles: ['admin', 'coordinator'],
      });
    });

    it('given another administrator, then their admin role can be removed', () => {
      const other = account({ roles: ['admin'] });
      expect(decideAccount({ type: 'ChangeAccount', data: { roles: ['clerk'] } }, other, byAdmin)?.patch).toEqual({ roles: ['clerk'] });
    });
  });

  describe('DisableAccount', () => {
    it('given an enabled account, then disabled now and every session revoked', () => {
      expect(decideAccount({ type: 'DisableAccount', data: { reason: 'Nghỉ hưu' } }, account(), byAdmin)).toEqual({
        event: { type: 'UserDisabled', data: { userId: USER_ID, reason: 'Nghỉ hưu', sessionsRevoked: true } },
        patch: { disabledAt: now },
        revokeSessions: true,
      });
    });
    it("given the administrator's own account, then 409 CANNOT_DISABLE_SELF", () => {
      expect(
        refusal(() =>
          decideAccount({ type: 'DisableAccount', data: { reason: null } }, account({ id: ADMIN_ID, roles: ['admin'] }), byAdmin),
        ).code,
      ).toBe('CANNOT_DISABLE_SELF');
    });
    it('given a disabled account, then 409 USER_ALREADY_DISABLED', () => {
      expect(
        refusal(() =>
          decideAccount(
            { type: 'DisableAccount', data: { reason: null } },
            account({ disabledAt: new Date('2026-01-01T00:00:00Z') }),
            byAdmin,
          ),
        ),
      ).toEqual({
        code: 'USER_ALREADY_DISABLED',
        httpStatus: 409,
        message: `user ${USER_ID} is already disabled since 2026-01-01T00:00:00.000Z`,
      });
    });
  });

  describe('EnableAccount', () => {
    it('given a disabled account, then enabled (sessions stay ended)', () => {
      expect(decideAccount({ type: 'EnableAccount' }, account({ disabledAt: now }), byAdmin)).toEqual({
        event: { type: 'UserEnabled', data: { userId: USER_ID } },
        patch: { disabledAt: null },
        revokeSessions: false,
      });
    });
    it('given an enabled account, then 409 USER_NOT_DISABLED', () => {
      expect(refusal(() => decideAccount({ type: 'EnableAccount' }, account(), byAdmin)).code).toBe('USER_NOT_DISABLED');
    });
  });

  describe('ResetPassword', () => {
    it('given a locked-out account, then must change, lock lifted, sessions revoked', () => {
      const locked = account({ failedLogins: 5, lockedUntil: new Date(now.getTime() + 600_000) });
      expect(decideAccount({ type: 'ResetPassword', data: { mustChangePassword: true } }, locked, byAdmin)).toEqual({
        event: { type: 'UserPasswordReset', data: { userId: USER_ID, mustChangePassword: true, sessionsRevoked: true } },
        patch: { mustChangePassword: true, failedLogins: 0, lockedUntil: null },
        revokeSessions: true,
      });
    });
    it("given the administrator's own account, then 409 CANNOT_RESET_OWN_PASSWORD", () => {
      expect(
        refusal(() => decideAccount({ type: 'ResetPassword', data: { mustChangePassword: false } }, account({ id: ADMIN_ID }), byAdmin)),
      ).toEqual({
        code: 'CANNOT_RESET_OWN_PASSWORD',
        httpStatus: 409,
        message: 'change your own password with POST /auth/password',
      });
    });
  });

  describe('UnlockAccount', () => {
    it('given a lock still running, then the failures and the lock are cleared and recorded', () => {
      const until = new Date(now.getTime() + 60_000);
      expect(decideAccount({ type: 'UnlockAccount' }, account({ failedLogins: 5, lockedUntil: until }), byAdmin)).toEqual({
        event: { type: 'UserUnlocked', data: { userId: USER_ID, failedLogins: 5, lockedUntil: until.toISOString() } },
        patch: { failedLogins: 0, lockedUntil: null },
        revokeSessions: false,
      });
    });
    it('given a lock that has run out, or none, then 409 USER_NOT_LOCKED', () => {
      for (const lockedUntil of [null, new Date(now.getTime() - 1)]) {
        expect(refusal(() => decideAccount({ type: 'UnlockAccount' }, account({ failedLogins: 5, lockedUntil }), byAdmin))).toEqual({
          code: 'USER_NOT_LOCKED',
          httpStatus: 409,
          message: `user ${USER_ID} is not locked out`,
        });
      }
    });
  });
});
