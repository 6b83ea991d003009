import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { ApiStack, login, request, startStack, STARTUP_TIMEOUT_MS, TEST_ADMIN_PASSWORD } from './support/api-stack';
import { ACCOUNT_PASSWORD, createAccount } from './support/accounts';

/**
 * Account administration end to end (API process + PostgreSQL): a disabled account is refused at login and its
 * open sessions (bearer and cookie) stop working at once; a password reset by an administrator ends the user's
 * sessions and holds them to /auth/me, /auth/password and /auth/logout until they choose a new password; every
 * change is an event of the account's stream, hash-chained; concurrent changes with one ETag: one wins.
 */
describe('account administration (e2e)', () => {
  let stack: ApiStack;
  let url: string;
  let admin: ApiSession;
  const me = (headers: Record<string, string>) => request(url, 'GET', '/auth/me', { headers });
  const openSessions = async (userId: string) =>
    (await stack.db.owner.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [userId]))[0]
      .n as number;

  beforeAll(async () => {
    stack = await startStack({ seed: false }); // only accounts are needed
    url = stack.api.url;
    admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it('a disabled account is refused at login (Vietnamese message) and its open sessions stop working at once; enabled again, it logs in', async () => {
    const user = await createAccount(admin, 'vohieu');
    const bearer = await login(url, user.username, ACCOUNT_PASSWORD);
    const cookie = (await login(url, user.username, ACCOUNT_PASSWORD)).token;
    expect((await me({ authorization: `Bearer ${bearer.token}` })).status).toBe(200);
    expect((await me({ cookie: `kybaocao_session=${cookie}` })).status).toBe(200);
    expect(await openSessions(user.id)).toBe(2);

    const disabled = await admin.call('POST', `/users/${user.id}/disable`, { reason: 'Nghỉ việc' });
    expect(disabled.status).toBe(200);

    const both: Record<string, string>[] = [{ authorization: `Bearer ${bearer.token}` }, { cookie: `kybaocao_session=${cookie}` }];
    for (const headers of both) {
      const res = await me(headers);
      expect({ status: res.status, error: res.body.error, messageVi: res.body.messageVi }).toEqual({
        status: 401,
        error: 'SESSION_ENDED',
        messageVi: 'Phiên làm việc đã kết thúc; hãy đăng nhập lại.',
      });
    }
    expect(await openSessions(user.id)).toBe(0);
    const refused = await request(url, 'POST', '/auth/login', { body: { username: user.username, password: ACCOUNT_PASSWORD } });
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'ACCOUNT_DISABLED',
        message: 'the account is disabled by an administrator',
        messageVi: 'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.',
      },
    });
    expect(refused.body.messageVi).toBe(refused.body.messageVi.normalize('NFC'));
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await openSessions(user.id)).toBe(0);
    // A wrong password on a disabled account says nothing about the account.
    const wrong = await request(url, 'POST', '/auth/login', { body: { username: user.username, password: 'khong-dung-mat-khau' } });
    expect({ status: wrong.status, error: wrong.body.error }).toEqual({ status: 401, error: 'INVALID_CREDENTIALS' });

    expect((await admin.call('POST', `/users/${user.id}/enable`)).status).toBe(200);
    const again = await login(url, user.username, ACCOUNT_PASSWORD);
    expect((await again.call('GET', '/auth/me')).status).toBe(200);
    // Enabling does not revive the sessions that disabling ended.
    expect((await me({ authorization: `Bearer ${bearer.token}` })).status).toBe(401);
  });

  it('a password reset ends every session; the new password logs in with mustChangePassword, which holds the user to changing it', async () => {
    const user = await createAccount(admin, 'datlai');
    const before = await login(url, user.username, ACCOUNT_PASSWORD);
    const reset = await admin.call('POST', `/users/${user.id}/reset-password`, { newPassword: 'mat-khau-tam-thoi-1' });
    expect({ status: reset.status, mustChangePassword: reset.body.mustChangePassword }).toEqual({ status: 200, mustChangePassword: true });
    expect((await before.call('GET', '/auth/me')).status).toBe(401);
    expect((await request(url, 'POST', '/auth/login', { body: { username: user.username, password: ACCOUNT_PASSWORD } })).status).toBe(401);

    const loggedIn = await request(url, 'POST', '/auth/login', { body: { username: user.username, password: 'mat-khau-tam-thoi-1' } });
    expect({ status: loggedIn.status, mustChangePassword: loggedIn.body.user.mustChangePassword }).toEqual({
      status: 200,
      mustChangePassword: true,
    });
    const session = new ApiSession(url, loggedIn.body.accessToken);
    expect((await session.call('GET', '/auth/me')).body).toMatchObject({ id: user.id, mustChangePassword: true });

    const blocked = await session.call('GET', '/org-units');
    expect({ status: blocked.status, body: blocked.body }).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'PASSWORD_CHANGE_REQUIRED',
        message: 'change your password first (POST /auth/password)',
        messageVi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
      },
    });
    const same = await session.call('POST', '/auth/password', {
      currentPassword: 'mat-khau-tam-thoi-1',
      newPassword: 'mat-khau-tam-thoi-1',
    });
    expect({ status: same.status, error: same.body.error, messageVi: same.body.messageVi }).toEqual({
      status: 422,
      error: 'PASSWORD_NOT_CHANGED',
      messageVi: 'Mật khẩu mới phải khác mật khẩu do quản trị viên cấp.',
    });
    expect((await session.call('GET', '/auth/me')).body.mustChangePassword).toBe(true);

    expect(
      (await session.call('POST', '/auth/password', { currentPassword: 'mat-khau-tam-thoi-1', newPassword: 'mat-khau-cua-toi-2' })).status,
    ).toBe(204);
    expect((await session.call('GET', '/auth/me')).body.mustChangePassword).toBe(false);
    expect((await session.call('GET', '/org-units')).status).toBe(200);
    const chosen = await request(url, 'POST', '/auth/login', { body: { username: user.username, password: 'mat-khau-cua-toi-2' } });
    expect({ status: chosen.status, mustChangePassword: chosen.body.user.mustChangePassword }).toEqual({
      status: 200,
      mustChangePassword: false,
    });

    // Without mustChangePassword, the reset password is the user's password.
    expect(
      (await admin.call('POST', `/users/${user.id}/reset-password`, { newPassword: 'mat-khau-thang-3', mustChangePassword: false })).body
        .mustChangePassword,
    ).toBe(false);
    const plain = await login(url, user.username, 'mat-khau-thang-3');
    expect((await plain.call('GET', '/org-units')).status).toBe(200);

    const trail = await admin.call('GET', `/users/${user.id}/audit`);
    expect(trail.body.map((e: { type: string }) => e.type)).toEqual([
      'UserCreated',
      'UserPasswordReset',
      'UserPasswordChanged',
      'UserPasswordReset',
    ]);
    expect(trail.body[2]).toMatchObject({
      data: { userId: user.id, mustChangePasswordCleared: true },
      metadata: { actor: { userId: user.id }, username: user.username },
    });
    expect((await admin.call('GET', `/audit/verify?streamId=user-${user.id}`)).body).toEqual({ checkedEvents: 4, broken: [] });
    const [row] = await stack.db.owner.query(`SELECT version, must_change_password FROM users WHERE id = $1`, [user.id]);
    expect(row).toEqual({ version: 4, must_change_password: false });
  });

  it('two administrators changing one account with the same ETag: one succeeds, the other gets 409 with the current version', async () => {
    const user = await createAccount(admin, 'dongthoi');
    const second = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const [a, b] = await Promise.all([
      admin.call('PATCH', `/users/${user.id}`, { roles: ['clerk', 'standing'] }, { 'if-match': '"1"' }),
      second.call('PATCH', `/users/${user.id}`, { roles: ['reviewer'] }, { 'if-match': '"1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect({ error: loser.body.error, currentVersion: loser.body.currentVersion }).toEqual({
      error: 'USER_VERSION_CONFLICT',
      currentVersion: 2,
    });
    const events = await stack.db.owner.query(`SELECT event_type FROM events WHERE stream_id = $1 ORDER BY version`, [`user-${user.id}`]);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['UserCreated', 'UserAccountChanged']);
  });
});
