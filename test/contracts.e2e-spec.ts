import { createHmac, randomUUID } from 'node:crypto';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { DEMO_DISTRICT_ID, DEMO_REPORTING_UNIT_IDS } from '../apps/api/src/demo/demo-data';
import { ROLES } from '../apps/api/src/auth/roles';
import {
  ApiStack,
  cycleBody,
  DEMO_PASSWORD,
  eventCount,
  HttpResult,
  login,
  openCycle,
  request,
  startStack,
  streamEvents,
  TEST_ADMIN_PASSWORD,
  VALID_CONTENT,
  STARTUP_TIMEOUT_MS,
} from './support/api-stack';
import { lockOut } from './support/accounts';
import { readModelsCurrent } from './support/read-models';
import { expectError, expectInvalid as expectInvalidShared } from './support/expect-errors';

/**
 * Contract tests: for every endpoint one valid request and several invalid ones, each with the exact status,
 * the stable `error` code and the exact message (or, for 400 VALIDATION_FAILED, the fields named). Every
 * rejected write is checked to have stored nothing (events, accounts, sessions).
 */

const UNIT = 'hlhpn-tam-duong';
const OTHER_UNIT = 'hnd-tam-duong';
const REPORTER = `canbo.${UNIT}`;
const nfd = (s: string) => s.normalize('NFD');
const sub = (cycleId: string, unit = UNIT, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;

/** 400 VALIDATION_FAILED naming exactly `fields`; by default the Vietnamese message names them in order. */
function expectInvalid(res: HttpResult, fields: string[], messages: string[] = [], messageVi?: string) {
  expectInvalidShared(
    res,
    fields,
    messages,
    messageVi ?? `Dữ liệu gửi lên không hợp lệ: ${(res.body.fields as { field: string }[]).map((f) => f.field).join(', ')}`,
  );
}

describe('HTTP contracts', () => {
  let stack: ApiStack;
  let url: string;
  let admin: ApiSession;
  let coordinator: ApiSession;
  let reporter: ApiSession;
  let reviewer: ApiSession;
  const call = (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    request(url, method, path, opts);

  /** What a write may store: events, accounts, sessions, changes of accounts (each increments the account's version). */
  const snapshot = async () =>
    (
      await stack.db.owner.query(
        `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sessions)::int AS sessions,
       (SELECT coalesce(sum(version), 0) FROM users)::int AS "accountVersions"`,
      )
    )[0];
  /** Runs a request that must be rejected and asserts that it stored nothing. */
  const rejected = async (send: () => Promise<HttpResult>): Promise<HttpResult> => {
    const before = await snapshot();
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await snapshot()).toEqual(before);
    return res;
  };
  const createUser = async (username: string, password: string, roles = ['clerk']) => {
    const res = await admin.call('POST', '/users', { username, displayName: 'Tài khoản thử', password, roles });
    if (res.status !== 201) throw new Error(`POST /users ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    stack = await startStack();
    url = stack.api.url;
    [admin, coordinator, reporter, reviewer] = await Promise.all([
      login(url, 'admin', TEST_ADMIN_PASSWORD),
      login(url, 'chuyenvien.bdv'),
      login(url, REPORTER),
      login(url, 'lanhdao.bdv'),
    ]);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  describe('GET /health', () => {
    it('valid: 200 with database and Temporal reported separately', async () => {
      const res = await call('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: { status: 'up', latencyMs: expect.any(Number) },
        temporal: { status: 'up', latencyMs: expect.any(Number) },
      });
    });
    it('invalid: POST /health → 404 NOT_FOUND', async () => {
      expectError(await call('POST', '/health'), 404, 'NOT_FOUND', 'Cannot POST /health');
    });
    it('invalid: GET /health/db → 404 NOT_FOUND', async () => {
      expectError(await call('GET', '/health/db'), 404, 'NOT_FOUND', 'Cannot GET /health/db');
    });
  });

  describe('POST /auth/login', () => {
    it('valid: 200 with a bearer token, its expiry, the user, and the httpOnly session cookie (username trimmed, any case)', async () => {
      const started = Date.now();
      const res = await call('POST', '/auth/login', { body: { username: '  ChuyenVien.BDV ', password: DEMO_PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresAt: expect.any(String),
        user: {
          id: expect.any(String),
          username: 'chuyenvien.bdv',
          displayName: 'Nguyễn Thị Thu (chuyên viên Ban Dân vận)',
          roles: ['coordinator'],
          unitIds: [],
          officeUnitId: 'bdv-tam-duong',
          mustChangePassword: false,
        },
      });
      const hours = (Date.parse(res.body.expiresAt) - started) / 3600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThan(12.1);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toContain(`kybaocao_session=${res.body.accessToken}`);
      expect(cookie).toMatch(/HttpOnly/i);
      expect((await call('GET', '/auth/me', { token: res.body.accessToken })).status).toBe(200);
    });
    it('invalid: missing password → 400 naming password', async () => {
      expectInvalid(
        await rejected(() => call('POST', '/auth/login', { body: { username: 'chuyenvien.bdv' } })),
        ['password'],
        ['password should not be empty'],
      );
    });
    it('invalid: unknown property → 400 "property remember should not exist"', async () => {
      const res = await rejected(() =>
        call('POST', '/auth/login', { body: { username: 'chuyenvien.bdv', password: DEMO_PASSWORD, remember: true } }),
      );
      expectInvalid(res, ['remember'], ['property remember should not exist']);
      expect(res.body.message).toEqual(['property remember should not exist']);
    });
    it('invalid: malformed JSON → 400 MALFORMED_JSON', async () => {
      const res = await rejected(() => call('POST', '/auth/login', { body: '{"username": "chuyenvien.bdv", "password": ' }));
      expectError(res, 400, 'MALFORMED_JSON', 'request body is not valid JSON', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    });
    it('invalid: a body over 256 kB → 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await rejected(() =>
        call('POST', '/auth/login', { body: JSON.stringify({ username: 'chuyenvien.bdv', password: 'x'.repeat(256 * 1024) }) }),
      );
      expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'request body larger than 262144 bytes', 'Dữ liệu gửi lên quá lớn.');
    });
    it('invalid: wrong password, or an unknown user → 401 INVALID_CREDENTIALS, no session opened', async () => {
      for (const body of [
        { username: 'chuyenvien.bdv', password: 'not-the-password' },
        { username: 'khong.ton.tai', password: DEMO_PASSWORD },
      ]) {
        const res = await rejected(() => call('POST', '/auth/login', { body }));
        expectError(res, 401, 'INVALID_CREDENTIALS', 'wrong username or password', 'Sai tên đăng nhập hoặc mật khẩu.');
      }
      // One wrong password does not lock: the right one still works (and resets the count).
      expect((await call('POST', '/auth/login', { body: { username: 'chuyenvien.bdv', password: DEMO_PASSWORD } })).status).toBe(200);
    });
    // Changed on purpose (issue #17): a locked-out login now gets the same answer as a wrong password or an unknown
    // user (no 423 ACCOUNT_LOCKED telling the account exists and is locked), and the lock-out holds against the
    // offending address only (test/login-hardening.e2e-spec.ts shows the owner logging in from elsewhere).
    it('invalid: after 5 wrong passwords from this address the right one gets the same 401 INVALID_CREDENTIALS; the account records the failures', async () => {
      const user = await createUser('khoa.thu', 'dung-mat-khau-1');
      const attempt = (password: string) => rejected(() => call('POST', '/auth/login', { body: { username: 'khoa.thu', password } }));
      const answers = [];
      for (let i = 1; i <= 5; i++) {
        const res = await attempt(`sai-mat-khau-${i}`);
        answers.push({ status: res.status, error: res.body.error });
      }
      expect(answers).toEqual(Array.from({ length: 5 }, () => ({ status: 401, error: 'INVALID_CREDENTIALS' })));
      const [row] = await stack.db.owner.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [user.id]);
      expect(row.failed_logins).toBe(5);
      const minutes = (Date.parse(new Date(row.locked_until).toISOString()) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
      const right = await attempt('dung-mat-khau-1');
      expectError(right, 401, 'INVALID_CREDENTIALS', 'wrong username or password', 'Sai tên đăng nhập hoặc mật khẩu.');
      const [{ n }] = await stack.db.owner.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [user.id]);
      expect(n).toBe(0);
    });
  });

  describe('POST /auth/logout', () => {
    it('valid: 204, the cookie cleared; the old token then gets 401 SESSION_ENDED, other sessions of the user go on', async () => {
      const [first, second] = [await login(url, 'vanthu'), await login(url, 'vanthu')];
      const res = await call('POST', '/auth/logout', { token: first.token });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers.get('set-cookie')).toMatch(/kybaocao_session=;.*Expires=Thu, 01 Jan 1970/i);
      expectError(
        await call('GET', '/auth/me', { token: first.token }),
        401,
        'SESSION_ENDED',
        'the session has ended; log in again',
        'Phiên làm việc đã kết thúc; hãy đăng nhập lại.',
      );
      expect((await call('GET', '/auth/me', { token: second.token })).status).toBe(200);
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(
        await rejected(() => call('POST', '/auth/logout')),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
        'Cần đăng nhập.',
      );
    });
    it('invalid: logging out an ended session again → 401 SESSION_ENDED', async () => {
      const s = await login(url, 'vanthu');
      expect((await call('POST', '/auth/logout', { token: s.token })).status).toBe(204);
      expectError(
        await rejected(() => call('POST', '/auth/logout', { token: s.token })),
        401,
        'SESSION_ENDED',
        'the session has ended; log in again',
      );
    });
    it('invalid: a token signed with another key → 401 AUTHENTICATION_REQUIRED', async () => {
      const me = (await reviewer.call('GET', '/auth/me')).body;
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: me.id, sid: randomUUID(), iat: Math.floor(Date.now() / 1000) })}`;
      const forged = `${unsigned}.${createHmac('sha256', 'not-the-server-secret-not-the-server-secret').update(unsigned).digest('base64url')}`;
      expectError(
        await rejected(() => call('POST', '/auth/logout', { token: forged })),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
      );
    });
  });

  describe('POST /auth/password', () => {
    it('valid: 204; every other session of the user is revoked, this one goes on; only the new password logs in', async () => {
      await createUser('doi.matkhau', 'mat-khau-cu-1');
      const [current, other] = [await login(url, 'doi.matkhau', 'mat-khau-cu-1'), await login(url, 'doi.matkhau', 'mat-khau-cu-1')];
      const res = await call('POST', '/auth/password', {
        token: current.token,
        body: { currentPassword: 'mat-khau-cu-1', newPassword: 'mat-khau-moi-2' },
      });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectError(await call('GET', '/auth/me', { token: other.token }), 401, 'SESSION_ENDED', 'the session has ended; log in again');
      expect((await call('GET', '/auth/me', { token: current.token })).body.username).toBe('doi.matkhau');
      expectError(
        await call('POST', '/auth/login', { body: { username: 'doi.matkhau', password: 'mat-khau-cu-1' } }),
        401,
        'INVALID_CREDENTIALS',
        'wrong username or password',
      );
      expect((await call('POST', '/auth/login', { body: { username: 'doi.matkhau', password: 'mat-khau-moi-2' } })).status).toBe(200);
    });
    describe('invalid', () => {
      let current: ApiSession;
      let other: ApiSession;
      const hash = async () =>
        (await stack.db.owner.query(`SELECT password_hash FROM users WHERE username = 'doi.matkhau2'`))[0].password_hash as string;
      beforeAll(async () => {
        await createUser('doi.matkhau2', 'mat-khau-cu-1');
        [current, other] = [await login(url, 'doi.matkhau2', 'mat-khau-cu-1'), await login(url, 'doi.matkhau2', 'mat-khau-cu-1')];
      });
      afterEach(async () => {
        // A refused change changes nothing: the other session still works.
        expect((await call('GET', '/auth/me', { token: other.token })).status).toBe(200);
      });
      it('wrong currentPassword → 401 INVALID_CREDENTIALS, password unchanged', async () => {
        const before = await hash();
        const res = await rejected(() =>
          call('POST', '/auth/password', {
            token: current.token,
            body: { currentPassword: 'doan-sai-mat-khau', newPassword: 'mat-khau-moi-2' },
          }),
        );
        expectError(res, 401, 'INVALID_CREDENTIALS', 'currentPassword is wrong', 'Mật khẩu hiện tại không đúng.');
        expect(await hash()).toBe(before);
      });
      it('newPassword shorter than 10 characters → 400 naming newPassword', async () => {
        const res = await rejected(() =>
          call('POST', '/auth/password', { token: current.token, body: { currentPassword: 'mat-khau-cu-1', newPassword: 'ngan' } }),
        );
        expectInvalid(res, ['newPassword'], ['newPassword must be at least 10 characters']);
      });
      it('unknown property → 400 "property confirm should not exist"', async () => {
        const res = await rejected(() =>
          call('POST', '/auth/password', {
            token: current.token,
            body: { currentPassword: 'mat-khau-cu-1', newPassword: 'mat-khau-moi-2', confirm: 'mat-khau-moi-2' },
          }),
        );
        expectInvalid(res, ['confirm'], ['property confirm should not exist']);
      });
      it('no session → 401 AUTHENTICATION_REQUIRED', async () => {
        const res = await rejected(() =>
          call('POST', '/auth/password', { body: { currentPassword: 'mat-khau-cu-1', newPassword: 'mat-khau-moi-2' } }),
        );
        expectError(res, 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
      });
    });
  });

  describe('GET /auth/me', () => {
    it('valid: 200 with the caller, by bearer token or by the session cookie', async () => {
      const expected = {
        id: expect.any(String),
        username: REPORTER,
        displayName: 'Cán bộ Hội LHPN',
        roles: ['reporter'],
        unitIds: [UNIT],
        officeUnitId: null,
        mustChangePassword: false,
      };
      const bearer = await call('GET', '/auth/me', { token: reporter.token });
      expect({ status: bearer.status, body: bearer.body }).toEqual({ status: 200, body: expected });
      const cookie = await call('GET', '/auth/me', { headers: { cookie: `kybaocao_session=${reporter.token}` } });
      expect({ status: cookie.status, body: cookie.body }).toEqual({ status: 200, body: bearer.body });
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(
        await call('GET', '/auth/me'),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
        'Cần đăng nhập.',
      );
    });
    it('invalid: a token that is not a JWT → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(
        await call('GET', '/auth/me', { token: 'not-a-token' }),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
      );
    });
  });

  describe('POST /users', () => {
    const body = (extra: Record<string, unknown> = {}) => ({
      username: 'canbo.moi',
      displayName: nfd('Lò Thị Hoa'),
      password: 'mat-khau-dai-1',
      roles: ['reporter'],
      unitIds: [UNIT],
      ...extra,
    });
    it('valid: 201 with the account (no password hash), display name stored as NFC', async () => {
      const res = await admin.call('POST', '/users', body({ email: 'hoa.lt@example.vn' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'canbo.moi',
        displayName: 'Lò Thị Hoa'.normalize('NFC'),
        email: 'hoa.lt@example.vn',
        roles: ['reporter'],
        unitIds: [UNIT],
        officeUnitId: null,
        lockedUntil: null,
        disabledAt: null,
        mustChangePassword: false,
        version: 1,
      });
      expect(res.headers.get('etag')).toBe('"1"');
      const [created] = await streamEvents(stack.db, `user-${res.body.id}`);
      expect(created).toMatchObject({
        event_type: 'UserCreated',
        data: { userId: res.body.id, username: 'canbo.moi', roles: ['reporter'], version: 1 },
        metadata: { username: 'admin' },
      });
      expect(JSON.stringify(created)).not.toMatch(/argon2|mat-khau-dai-1|hoa\.lt@example\.vn/);
      const [row] = await stack.db.owner.query(`SELECT display_name FROM users WHERE id = $1`, [res.body.id]);
      expect(row.display_name).toBe('Lò Thị Hoa'.normalize('NFC'));
      expect(row.display_name).not.toBe(nfd('Lò Thị Hoa'));
      expect((await login(url, 'canbo.moi', 'mat-khau-dai-1')).token).toEqual(expect.any(String));
    });
    it('invalid: a username with capitals and spaces → 400 naming username', async () => {
      const res = await rejected(() => admin.call('POST', '/users', body({ username: 'Can Bo' })));
      expectInvalid(res, ['username'], ['username must be 3–50 characters of a-z, 0-9, ".", "_" and "-"']);
    });
    it('invalid: an unknown role → 400 naming roles', async () => {
      const res = await rejected(() => admin.call('POST', '/users', body({ username: 'canbo.khac', roles: ['superuser'] })));
      expectInvalid(res, ['roles'], [`each role must be one of: ${ROLES.join(', ')}`]);
    });
    it('invalid: a short password and a bad email → 400 naming both', async () => {
      const res = await rejected(() =>
        admin.call('POST', '/users', body({ username: 'canbo.khac', password: 'ngan', email: 'khong-phai-email' })),
      );
      expectInvalid(res, ['password', 'email'], ['password must be at least 10 characters', 'email must be an email address']);
    });
    it('invalid: a username already taken → 409 USERNAME_TAKEN', async () => {
      const res = await rejected(() => admin.call('POST', '/users', body({ username: 'chuyenvien.bdv' })));
      expectError(res, 409, 'USERNAME_TAKEN', 'username chuyenvien.bdv is taken', 'Tên đăng nhập đã tồn tại.');
    });
    it('invalid: not an admin → 403 FORBIDDEN', async () => {
      const res = await rejected(() => coordinator.call('POST', '/users', body({ username: 'canbo.khac' })));
      expectError(res, 403, 'FORBIDDEN', 'requires one of the roles: admin', 'Bạn không có quyền thực hiện thao tác này.');
    });
  });

  describe('GET /users', () => {
    it('valid: 200, every account, without password hashes', async () => {
      const res = await admin.call('GET', '/users');
      expect(res.status).toBe(200);
      const names = (res.body as { username: string }[]).map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['admin', 'chuyenvien.bdv', 'lanhdao.bdv', REPORTER]));
      expect(names).toEqual([...names].sort());
      for (const u of res.body)
        expect(Object.keys(u).sort()).toEqual([
          'disabledAt',
          'displayName',
          'email',
          'id',
          'lockedUntil',
          'mustChangePassword',
          'officeUnitId',
          'roles',
          'unitIds',
          'username',
          'version',
        ]);
      expect(JSON.stringify(res.body)).not.toContain('$argon2');
    });
    it('invalid: not an admin → 403 FORBIDDEN', async () => {
      expectError(await reviewer.call('GET', '/users'), 403, 'FORBIDDEN', 'requires one of the roles: admin');
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(await call('GET', '/users'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
    });
  });

  describe('GET /users/{id}', () => {
    it('valid: 200 with the account (as POST /users answered it) and its ETag', async () => {
      const created = await admin.call('POST', '/users', {
        username: 'xem.mot',
        displayName: 'Tài khoản xem',
        password: 'mat-khau-dai-1',
        roles: ['clerk'],
      });
      const res = await admin.call('GET', `/users/${created.body.id}`);
      expect({ status: res.status, body: res.body, etag: res.headers.get('etag') }).toEqual({
        status: 200,
        body: created.body,
        etag: '"1"',
      });
      expect(JSON.stringify(res.body)).not.toContain('$argon2');
    });
    it('invalid: an id that is not a UUID → 400 naming id', async () => {
      expectInvalid(await admin.call('GET', '/users/admin'), ['id'], ['id must be a UUID'], 'Mã tài khoản không hợp lệ.');
    });
    it('invalid: an unknown id → 404 USER_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(await admin.call('GET', `/users/${id}`), 404, 'USER_NOT_FOUND', `user ${id} does not exist`, 'Không tìm thấy tài khoản.');
    });
    it('invalid: not an admin → 403 FORBIDDEN', async () => {
      const me = (await reviewer.call('GET', '/auth/me')).body;
      expectError(await reviewer.call('GET', `/users/${me.id}`), 403, 'FORBIDDEN', 'requires one of the roles: admin');
    });
  });

  describe('PATCH /users/{id}', () => {
    let target: { id: string };
    let adminId: string;
    beforeAll(async () => {
      target = await createUser('doi.vaitro', 'mat-khau-dai-1', ['reporter']);
      adminId = (await admin.call('GET', '/auth/me')).body.id;
    });
    it('valid: 200, roles, units and office changed (ETag "2"), display name stored as NFC; one UserAccountChanged event with from/to; the user\'s open session sees it at once', async () => {
      const session = await login(url, 'doi.vaitro', 'mat-khau-dai-1');
      const res = await admin.call(
        'PATCH',
        `/users/${target.id}`,
        {
          roles: ['reporter', 'reviewer'],
          unitIds: [UNIT, OTHER_UNIT],
          officeUnitId: 'bdv-tam-duong',
          displayName: nfd('Lò Thị Hoa (Chủ tịch Hội)'),
        },
        { 'if-match': '"1"' },
      );
      expect({ status: res.status, etag: res.headers.get('etag') }).toEqual({ status: 200, etag: '"2"' });
      expect(res.body).toMatchObject({
        id: target.id,
        roles: ['reporter', 'reviewer'],
        unitIds: [UNIT, OTHER_UNIT],
        officeUnitId: 'bdv-tam-duong',
        displayName: 'Lò Thị Hoa (Chủ tịch Hội)'.normalize('NFC'),
        version: 2,
      });
      const events = await streamEvents(stack.db, `user-${target.id}`);
      expect(events.map((e) => e.event_type)).toEqual(['UserCreated', 'UserAccountChanged']);
      expect(events[1].data).toEqual({
        userId: target.id,
        version: 2,
        changes: {
          roles: { from: ['reporter'], to: ['reporter', 'reviewer'] },
          unitIds: { from: [], to: [UNIT, OTHER_UNIT] },
          officeUnitId: { from: null, to: 'bdv-tam-duong' },
          displayName: { from: 'Tài khoản thử', to: 'Lò Thị Hoa (Chủ tịch Hội)'.normalize('NFC') },
        },
      });
      expect(events[1].metadata).toMatchObject({ actor: { userId: adminId, role: 'admin' }, username: 'admin' });
      expect((await session.call('GET', '/auth/me')).body).toMatchObject({ roles: ['reporter', 'reviewer'], unitIds: [UNIT, OTHER_UNIT] });
    });
    it('valid: the values the account already has → 200, nothing stored (version and ETag unchanged)', async () => {
      const before = await snapshot();
      const res = await admin.call('PATCH', `/users/${target.id}`, { roles: ['reviewer', 'reporter'] });
      expect({ status: res.status, version: res.body.version, etag: res.headers.get('etag') }).toEqual({
        status: 200,
        version: 2,
        etag: '"2"',
      });
      expect(await snapshot()).toEqual(before);
    });
    it('invalid: a stale If-Match → 409 USER_VERSION_CONFLICT with currentVersion', async () => {
      const res = await rejected(() => admin.call('PATCH', `/users/${target.id}`, { roles: ['clerk'] }, { 'if-match': '"1"' }));
      expectError(
        res,
        409,
        'USER_VERSION_CONFLICT',
        `user ${target.id}: expected version 1, actual 2`,
        'Tài khoản đã được người khác thay đổi; hãy tải lại.',
      );
      expect(res.body.currentVersion).toBe(2);
    });
    it('invalid: an If-Match that is not an ETag → 400 INVALID_IF_MATCH', async () => {
      expectError(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, { roles: ['clerk'] }, { 'if-match': 'moi-nhat' })),
        400,
        'INVALID_IF_MATCH',
        'If-Match must be an ETag such as "3"',
      );
    });
    it('invalid: an unknown role, roles null, a bad e-mail → 400 naming each field', async () => {
      expectInvalid(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, { roles: ['superuser'] })),
        ['roles'],
        [`each role must be one of: ${ROLES.join(', ')}`],
      );
      expectInvalid(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, { roles: null, email: 'khong-phai-email' })),
        ['roles', 'email'],
        ['roles must be a list of roles', 'email must be an email address'],
      );
      expectInvalid(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, { roles: [] })),
        ['roles'],
        ['roles must contain at least one role'],
      );
    });
    it('invalid: a property that cannot be changed here → 400 "property password should not exist"', async () => {
      expectInvalid(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, { password: 'mat-khau-moi-1' })),
        ['password'],
        ['property password should not exist'],
      );
    });
    it('invalid: an empty body → 400 NOTHING_TO_CHANGE', async () => {
      expectError(
        await rejected(() => admin.call('PATCH', `/users/${target.id}`, {})),
        400,
        'NOTHING_TO_CHANGE',
        'the body must set at least one of: displayName, email, roles, unitIds, officeUnitId',
        'Cần nêu ít nhất một thông tin cần thay đổi.',
      );
    });
    it('invalid: units that are not registered → 422 UNITS_NOT_REGISTERED naming the field and the units', async () => {
      const res = await rejected(() =>
        admin.call('PATCH', `/users/${target.id}`, { unitIds: [UNIT, 'xa-khong-co'], officeUnitId: 'ban-khong-co' }),
      );
      expectError(
        res,
        422,
        'UNITS_NOT_REGISTERED',
        'unitIds names units that are not registered: xa-khong-co; officeUnitId names units that are not registered: ban-khong-co',
        'Đơn vị chưa được đăng ký: xa-khong-co, ban-khong-co.',
      );
      expect(res.body.fields).toEqual([
        { field: 'unitIds', unitIds: ['xa-khong-co'] },
        { field: 'officeUnitId', unitIds: ['ban-khong-co'] },
      ]);
    });
    it('invalid: an administrator removing their own admin role → 409 CANNOT_REMOVE_OWN_ADMIN', async () => {
      expectError(
        await rejected(() => admin.call('PATCH', `/users/${adminId}`, { roles: ['coordinator'] })),
        409,
        'CANNOT_REMOVE_OWN_ADMIN',
        'an administrator cannot remove their own admin role',
        'Quản trị viên không thể tự gỡ vai trò quản trị của chính mình.',
      );
    });
    it('invalid: not an admin → 403 FORBIDDEN', async () => {
      expectError(
        await rejected(() => coordinator.call('PATCH', `/users/${target.id}`, { roles: ['admin'] })),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin',
      );
    });
  });

  describe('POST /users/{id}/disable', () => {
    it('valid: 200, disabled with its reason recorded; the open session ends at once and a login is refused with 403 ACCOUNT_DISABLED', async () => {
      const target = await createUser('vo.hieu', 'mat-khau-dai-1');
      const session = await login(url, 'vo.hieu', 'mat-khau-dai-1');
      const res = await admin.call('POST', `/users/${target.id}/disable`, { reason: nfd('Chuyển công tác.') }, { 'if-match': '"1"' });
      expect({ status: res.status, etag: res.headers.get('etag'), version: res.body.version }).toEqual({
        status: 200,
        etag: '"2"',
        version: 2,
      });
      expect(Date.parse(res.body.disabledAt)).toBeGreaterThan(Date.now() - 60_000);
      expectError((await session.call('GET', '/auth/me')) as HttpResult, 401, 'SESSION_ENDED', 'the session has ended; log in again');
      const refused = await rejected(() => call('POST', '/auth/login', { body: { username: 'vo.hieu', password: 'mat-khau-dai-1' } }));
      expectError(
        refused,
        403,
        'ACCOUNT_DISABLED',
        'the account is disabled by an administrator',
        'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.',
      );
      const [, disabled] = await streamEvents(stack.db, `user-${target.id}`);
      expect(disabled).toMatchObject({
        event_type: 'UserDisabled',
        data: { userId: target.id, reason: 'Chuyển công tác.'.normalize('NFC'), sessionsRevoked: true, version: 2 },
      });
    });
    it("invalid: the administrator's own account → 409 CANNOT_DISABLE_SELF", async () => {
      const me = (await admin.call('GET', '/auth/me')).body;
      expectError(
        await rejected(() => admin.call('POST', `/users/${me.id}/disable`, {})),
        409,
        'CANNOT_DISABLE_SELF',
        'an administrator cannot disable their own account',
        'Quản trị viên không thể tự vô hiệu hóa tài khoản của chính mình.',
      );
    });
    it('invalid: an account already disabled → 409 USER_ALREADY_DISABLED', async () => {
      const target = await createUser('vo.hieu2', 'mat-khau-dai-1');
      const first = await admin.call('POST', `/users/${target.id}/disable`, {});
      expect(first.status).toBe(200);
      expectError(
        await rejected(() => admin.call('POST', `/users/${target.id}/disable`, {})),
        409,
        'USER_ALREADY_DISABLED',
        `user ${target.id} is already disabled since ${first.body.disabledAt}`,
        'Tài khoản này đã bị vô hiệu hóa từ trước.',
      );
    });
    it('invalid: a reason over 500 characters → 400 naming reason', async () => {
      const target = await createUser('vo.hieu3', 'mat-khau-dai-1');
      expectInvalid(
        await rejected(() => admin.call('POST', `/users/${target.id}/disable`, { reason: 'x'.repeat(501) })),
        ['reason'],
        ['reason must be at most 500 characters'],
      );
    });
  });

  describe('POST /users/{id}/enable', () => {
    let target: { id: string };
    beforeAll(async () => {
      target = await createUser('kich.hoat', 'mat-khau-dai-1');
      expect((await admin.call('POST', `/users/${target.id}/disable`, {})).status).toBe(200);
    });
    it('invalid: a stale If-Match → 409 USER_VERSION_CONFLICT', async () => {
      const res = await rejected(() => admin.call('POST', `/users/${target.id}/enable`, undefined, { 'if-match': '"1"' }));
      expectError(res, 409, 'USER_VERSION_CONFLICT', `user ${target.id}: expected version 1, actual 2`);
      expect(res.body.currentVersion).toBe(2);
    });
    it('valid: 200, enabled (ETag "3"); the account logs in again', async () => {
      const res = await admin.call('POST', `/users/${target.id}/enable`, undefined, { 'if-match': '"2"' });
      expect({ status: res.status, disabledAt: res.body.disabledAt, etag: res.headers.get('etag') }).toEqual({
        status: 200,
        disabledAt: null,
        etag: '"3"',
      });
      expect((await login(url, 'kich.hoat', 'mat-khau-dai-1')).token).toEqual(expect.any(String));
      expect((await streamEvents(stack.db, `user-${target.id}`)).map((e) => e.event_type)).toEqual([
        'UserCreated',
        'UserDisabled',
        'UserEnabled',
      ]);
    });
    it('invalid: an account that is not disabled → 409 USER_NOT_DISABLED', async () => {
      expectError(
        await rejected(() => admin.call('POST', `/users/${target.id}/enable`)),
        409,
        'USER_NOT_DISABLED',
        `user ${target.id} is not disabled`,
        'Tài khoản này đang hoạt động, không cần kích hoạt lại.',
      );
    });
    it('invalid: an unknown account → 404 USER_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(await rejected(() => admin.call('POST', `/users/${id}/enable`)), 404, 'USER_NOT_FOUND', `user ${id} does not exist`);
    });
  });

  describe('POST /users/{id}/reset-password', () => {
    it('valid: 200, mustChangePassword; every session ends; the new password logs in, the old one does not; the event holds no password', async () => {
      const target = await createUser('dat.lai', 'mat-khau-cu-1');
      const session = await login(url, 'dat.lai', 'mat-khau-cu-1');
      const res = await admin.call('POST', `/users/${target.id}/reset-password`, { newPassword: 'mat-khau-tam-9' });
      expect({ status: res.status, mustChangePassword: res.body.mustChangePassword, version: res.body.version }).toEqual({
        status: 200,
        mustChangePassword: true,
        version: 2,
      });
      expectError((await session.call('GET', '/auth/me')) as HttpResult, 401, 'SESSION_ENDED', 'the session has ended; log in again');
      expectError(
        await call('POST', '/auth/login', { body: { username: 'dat.lai', password: 'mat-khau-cu-1' } }),
        401,
        'INVALID_CREDENTIALS',
        'wrong username or password',
      );
      const fresh = await call('POST', '/auth/login', { body: { username: 'dat.lai', password: 'mat-khau-tam-9' } });
      expect({ status: fresh.status, mustChangePassword: fresh.body.user.mustChangePassword }).toEqual({
        status: 200,
        mustChangePassword: true,
      });
      const events = await streamEvents(stack.db, `user-${target.id}`);
      expect(events[1]).toMatchObject({
        event_type: 'UserPasswordReset',
        data: { userId: target.id, mustChangePassword: true, sessionsRevoked: true, version: 2 },
      });
      expect(JSON.stringify(events)).not.toMatch(/mat-khau-tam-9|argon2/);
    });
    it('invalid: a new password under 10 characters → 400 naming newPassword', async () => {
      const target = await createUser('dat.lai2', 'mat-khau-cu-1');
      expectInvalid(
        await rejected(() => admin.call('POST', `/users/${target.id}/reset-password`, { newPassword: 'ngan' })),
        ['newPassword'],
        ['newPassword must be at least 10 characters'],
      );
    });
    it('invalid: mustChangePassword not a boolean → 400 naming mustChangePassword', async () => {
      const target = await createUser('dat.lai3', 'mat-khau-cu-1');
      expectInvalid(
        await rejected(() =>
          admin.call('POST', `/users/${target.id}/reset-password`, { newPassword: 'mat-khau-tam-9', mustChangePassword: 'co' }),
        ),
        ['mustChangePassword'],
        ['mustChangePassword must be true or false'],
      );
    });
    it("invalid: the administrator's own account → 409 CANNOT_RESET_OWN_PASSWORD", async () => {
      const me = (await admin.call('GET', '/auth/me')).body;
      expectError(
        await rejected(() => admin.call('POST', `/users/${me.id}/reset-password`, { newPassword: 'mat-khau-tam-9' })),
        409,
        'CANNOT_RESET_OWN_PASSWORD',
        'change your own password with POST /auth/password',
        'Hãy đổi mật khẩu của chính mình bằng chức năng Đổi mật khẩu.',
      );
    });
  });

  describe('POST /users/{id}/unlock', () => {
    it('valid: 200, the lock-out lifted (recorded with the failures it cleared); the right password logs in at once', async () => {
      const target = await createUser('mo.khoa', 'mat-khau-dung-1');
      await lockOut(url, 'mo.khoa');
      const res = await admin.call('POST', `/users/${target.id}/unlock`);
      expect({ status: res.status, lockedUntil: res.body.lockedUntil, version: res.body.version }).toEqual({
        status: 200,
        lockedUntil: null,
        version: 2,
      });
      expect((await login(url, 'mo.khoa', 'mat-khau-dung-1')).token).toEqual(expect.any(String));
      const [, unlocked] = await streamEvents(stack.db, `user-${target.id}`);
      expect(unlocked).toMatchObject({
        event_type: 'UserUnlocked',
        data: { userId: target.id, failedLogins: 5, lockedUntil: expect.any(String), version: 2 },
      });
    });
    it('invalid: an account that is not locked out → 409 USER_NOT_LOCKED', async () => {
      const target = await createUser('mo.khoa2', 'mat-khau-dung-1');
      expectError(
        await rejected(() => admin.call('POST', `/users/${target.id}/unlock`)),
        409,
        'USER_NOT_LOCKED',
        `user ${target.id} is not locked out`,
        'Tài khoản này không bị tạm khóa.',
      );
    });
    it('invalid: not an admin → 403 FORBIDDEN', async () => {
      const target = await createUser('mo.khoa3', 'mat-khau-dung-1');
      expectError(
        await rejected(() => reviewer.call('POST', `/users/${target.id}/unlock`)),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin',
      );
    });
  });

  describe('GET /users/{id}/audit', () => {
    it('valid: 200, every recorded change of the account in order, with who made it', async () => {
      const target = await createUser('nhat.ky', 'mat-khau-dai-1');
      expect((await admin.call('PATCH', `/users/${target.id}`, { roles: ['clerk', 'standing'] })).status).toBe(200);
      expect((await admin.call('POST', `/users/${target.id}/disable`, {})).status).toBe(200);
      const res = await admin.call('GET', `/users/${target.id}/audit`);
      expect(res.status).toBe(200);
      expect(res.body.map((e: { type: string; version: number }) => [e.version, e.type])).toEqual([
        [1, 'UserCreated'],
        [2, 'UserAccountChanged'],
        [3, 'UserDisabled'],
      ]);
      expect(
        res.body.every(
          (e: { streamId: string; metadata: { username: string } }) =>
            e.streamId === `user-${target.id}` && e.metadata.username === 'admin',
        ),
      ).toBe(true);
      expect((await admin.call('GET', `/audit/verify?streamId=user-${target.id}`)).body).toEqual({ checkedEvents: 3, broken: [] });
    });
    it('invalid: an unknown account → 404 USER_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(await admin.call('GET', `/users/${id}/audit`), 404, 'USER_NOT_FOUND', `user ${id} does not exist`);
    });
    it('invalid: an id that is not a UUID → 400 naming id', async () => {
      expectInvalid(await admin.call('GET', '/users/123/audit'), ['id'], ['id must be a UUID'], 'Mã tài khoản không hợp lệ.');
    });
  });

  describe('POST /org-units', () => {
    const body = (extra: Record<string, unknown> = {}) => ({
      id: 'xa-thu-nghiem',
      parentId: DEMO_DISTRICT_ID,
      level: 'xa',
      kind: 'DANG_UY_XA',
      canonicalName: nfd('Đảng ủy xã Thử Nghiệm'),
      shortName: nfd('Thử Nghiệm'),
      aliases: [nfd('Xã Thử Nghiệm')],
      activeFrom: '2020-01-01',
      ...extra,
    });
    it('valid: 201 with the unit, Vietnamese text stored as NFC', async () => {
      const res = await admin.call('POST', '/org-units', body());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: 'xa-thu-nghiem',
        parentId: DEMO_DISTRICT_ID,
        level: 'xa',
        kind: 'DANG_UY_XA',
        canonicalName: 'Đảng ủy xã Thử Nghiệm'.normalize('NFC'),
        shortName: 'Thử Nghiệm'.normalize('NFC'),
        aliases: ['Xã Thử Nghiệm'.normalize('NFC')],
        activeFrom: '2020-01-01',
      });
      const [event] = await streamEvents(stack.db, 'orgunit-xa-thu-nghiem');
      expect(event.event_type).toBe('UnitRegistered');
      expect(event.data.canonicalName).toBe('Đảng ủy xã Thử Nghiệm'.normalize('NFC'));
      expect(event.data.aliases).toEqual(['Xã Thử Nghiệm'.normalize('NFC')]);
    });
    it('invalid: an id with capitals → 400 naming id', async () => {
      expectInvalid(
        await rejected(() => admin.call('POST', '/org-units', body({ id: 'Xa_Moi' }))),
        ['id'],
        ['id must be 2–100 characters of a-z, 0-9 and -'],
      );
    });
    it('invalid: activeFrom not YYYY-MM-DD → 400 naming activeFrom', async () => {
      expectInvalid(
        await rejected(() => admin.call('POST', '/org-units', body({ id: 'xa-moi', activeFrom: '01/01/2020' }))),
        ['activeFrom'],
        ['activeFrom must be a date YYYY-MM-DD'],
      );
    });
    it('invalid: an id already registered → 409 UNIT_ALREADY_REGISTERED', async () => {
      const res = await rejected(() => admin.call('POST', '/org-units', body({ id: UNIT })));
      expectError(
        res,
        409,
        'UNIT_ALREADY_REGISTERED',
        `unit ${UNIT} is already registered`,
        'Đơn vị "Hội Liên hiệp Phụ nữ huyện Tam Đường" đã được đăng ký.',
      );
    });
    it('invalid: a unit as its own parent → 422 UNIT_OWN_PARENT', async () => {
      const res = await rejected(() => admin.call('POST', '/org-units', body({ id: 'xa-moi', parentId: 'xa-moi' })));
      expectError(res, 422, 'UNIT_OWN_PARENT', 'a unit cannot be its own parent');
    });
  });

  describe('GET /org-units', () => {
    it('valid: 200 with every unit; ?parentId= lists the children', async () => {
      const all = await reporter.call('GET', '/org-units');
      expect(all.status).toBe(200);
      expect(all.body.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([DEMO_DISTRICT_ID, UNIT, 'du-xa-ban-bo']));
      const children = await reporter.call('GET', `/org-units?parentId=${DEMO_DISTRICT_ID}`);
      expect(children.status).toBe(200);
      expect(children.body.length).toBe(all.body.length - 2); // all but the district and the province above it (issue #14)
      expect(children.body.every((u: { parentId: string }) => u.parentId === DEMO_DISTRICT_ID)).toBe(true);
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(await call('GET', '/org-units'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
    });
    it('invalid: an ended session → 401 SESSION_ENDED', async () => {
      const s = await login(url, 'thuongtruc');
      await s.call('POST', '/auth/logout');
      expectError(await s.call('GET', '/org-units'), 401, 'SESSION_ENDED', 'the session has ended; log in again');
    });
  });

  describe('POST /cycles', () => {
    const body = (extra: Record<string, unknown> = {}) => cycleBody([UNIT, OTHER_UNIT], { startCollecting: false, ...extra });
    it('valid: 201 with the cycle and its ETag; the period label stored as NFC', async () => {
      const b = body();
      const res = await coordinator.call('POST', '/cycles', { ...b, period: { ...b.period, label: nfd('năm 2027') } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        version: 1,
        status: 'planned',
        templateId: 'dan-van-annual',
        expectedCount: 2,
        submittedCount: 0,
      });
      expect(res.headers.get('etag')).toBe('"1"');
      const [opened] = await streamEvents(stack.db, `cycle-${res.body.id}`);
      expect(opened.event_type).toBe('CycleOpened');
      expect(opened.data.period.label).toBe('năm 2027'.normalize('NFC'));
      expect(opened.metadata).toMatchObject({ username: 'chuyenvien.bdv', actor: { role: 'coordinator' } });
    });
    it('valid: the same Idempotency-Key twice opens one cycle (one CycleOpened event)', async () => {
      const key = `contracts-${randomUUID()}`;
      const first = await coordinator.call('POST', '/cycles', body(), { 'idempotency-key': key });
      const before = await eventCount(stack.db);
      const second = await coordinator.call('POST', '/cycles', body(), { 'idempotency-key': key });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      expect(await eventCount(stack.db)).toBe(before);
      expect((await streamEvents(stack.db, `cycle-${first.body.id}`)).map((e) => e.event_type)).toEqual(['CycleOpened']);
    });
    it('invalid: unknown property → 400 "property budget should not exist"', async () => {
      expectInvalid(
        await rejected(() => coordinator.call('POST', '/cycles', body({ budget: 1 }))),
        ['budget'],
        ['property budget should not exist'],
      );
    });
    it('invalid: a nested unknown property → 400 naming it with its path', async () => {
      const b = body();
      const res = await rejected(() => coordinator.call('POST', '/cycles', { ...b, period: { ...b.period, colour: 'đỏ' } }));
      expectInvalid(res, ['period.colour'], ['property colour should not exist']);
    });
    it('invalid: bad dates, no units, missing parts → 400 naming each field', async () => {
      const res = await rejected(() =>
        coordinator.call('POST', '/cycles', {
          period: { kind: 'annual', label: 'năm 2027', dataFrom: '2026-12-15', dataTo: '14/12/2027' },
          units: [],
        }),
      );
      expectInvalid(
        res,
        ['period.dataTo', 'units', 'issuingBody', 'milestones'],
        [
          'period.dataTo must be a date YYYY-MM-DD',
          'units must name at least one unit',
          'issuingBody is required',
          'milestones is required',
        ],
      );
    });
    it('invalid: milestones out of order → 422 CYCLE_MILESTONES_OUT_OF_ORDER', async () => {
      const b = body();
      const res = await rejected(() =>
        coordinator.call('POST', '/cycles', { ...b, milestones: { ...b.milestones, reviewDue: '2027-12-10' } }),
      );
      expectError(
        res,
        422,
        'CYCLE_MILESTONES_OUT_OF_ORDER',
        'milestones.reviewDue (2027-12-10) is before milestones.submissionDeadline (2027-12-16)',
        'Các mốc thời gian của kỳ báo cáo không theo đúng thứ tự (hạn nộp → thẩm định → cho ý kiến → thông qua → phát hành).',
      );
    });
    it('invalid: an unknown unit → 422 UNITS_UNKNOWN_OR_INACTIVE', async () => {
      const res = await rejected(() => coordinator.call('POST', '/cycles', cycleBody([UNIT, 'xa-khong-co'])));
      expectError(
        res,
        422,
        'UNITS_UNKNOWN_OR_INACTIVE',
        'units unknown or not active during the period: xa-khong-co',
        'Đơn vị không tồn tại hoặc không hoạt động trong kỳ: xa-khong-co',
      );
      expect(res.body.unitIds).toEqual(['xa-khong-co']);
    });
    it('invalid: an unknown template → 422 TEMPLATE_UNKNOWN', async () => {
      const res = await rejected(() => coordinator.call('POST', '/cycles', body({ templateId: 'mau-khong-co' })));
      expectError(res, 422, 'TEMPLATE_UNKNOWN', 'templateId mau-khong-co is not a known template', 'Không tìm thấy mẫu báo cáo.');
    });
    it('invalid: malformed JSON → 400 MALFORMED_JSON', async () => {
      const res = await rejected(() => call('POST', '/cycles', { token: coordinator.token, body: JSON.stringify(body()).slice(0, -5) }));
      expectError(res, 400, 'MALFORMED_JSON', 'request body is not valid JSON', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    });
    // A national cycle names its 20,000 units in one call: this route has its own 4 MB limit (#16).
    it('invalid: a body over 4 MB → 413 PAYLOAD_TOO_LARGE', async () => {
      const big = body({ units: Array.from({ length: 25000 }, (_, i) => ({ unitId: `don-vi-${'x'.repeat(150)}-${i}` })) });
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(4 * 1024 * 1024);
      const res = await rejected(() => coordinator.call('POST', '/cycles', big));
      expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'request body larger than 4194304 bytes', 'Dữ liệu gửi lên quá lớn.');
    });
    it('valid: a body over 256 kB (12,000 units) is read in one call and judged on its content: 422 for its unknown units', async () => {
      const units = Array.from({ length: 12000 }, (_, i) => ({ unitId: `don-vi-${i}` }));
      const near = body({ units });
      expect(Buffer.byteLength(JSON.stringify(near))).toBeGreaterThan(256 * 1024);
      const res = await rejected(() => coordinator.call('POST', '/cycles', near));
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 422, error: 'UNITS_UNKNOWN_OR_INACTIVE' });
    });
  });

  describe('GET /cycles/{cycleId}', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
    });
    it('valid: 200 with the counts and the version as ETag; its units on their own route', async () => {
      const res = await reporter.call('GET', `/cycles/${cycleId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: cycleId,
        status: 'collecting',
        workflow: { phase: 'collecting' },
        expectedCount: 1,
        submittedCount: 0,
      });
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      expect((await reporter.call('GET', `/cycles/${cycleId}/units`)).body.items).toMatchObject([{ unitId: UNIT, status: 'not_started' }]);
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(
        await coordinator.call('GET', `/cycles/${id}`),
        404,
        'CYCLE_NOT_FOUND',
        `cycle ${id} does not exist`,
        'Không tìm thấy kỳ báo cáo.',
      );
    });
    it('invalid: a reporter whose units are not in the cycle → 403 FORBIDDEN', async () => {
      const outsider = await login(url, `canbo.${OTHER_UNIT}`);
      expectError(
        await outsider.call('GET', `/cycles/${cycleId}`),
        403,
        'FORBIDDEN',
        'none of your units is assigned to this cycle',
        'Đơn vị của bạn không tham gia kỳ báo cáo này.',
      );
    });
  });

  it('invalid on every cycle route: a cycle id that is not a UUID → 400 VALIDATION_FAILED naming cycleId, nothing stored', async () => {
    const routes: [ApiSession, string, string, unknown?][] = [
      [coordinator, 'GET', '/cycles/ky-2027'],
      [coordinator, 'POST', '/cycles/ky-2027/close-submissions'],
      [coordinator, 'POST', '/cycles/ky-2027/advance', { to: 'signing' }],
      [coordinator, 'POST', `/cycles/ky-2027/units/${UNIT}/extensions`, { newDeadline: '2027-12-20', reason: 'Gia hạn' }],
      [reporter, 'GET', sub('ky-2027')],
      [reporter, 'PUT', sub('ky-2027', UNIT, '/draft'), VALID_CONTENT],
      [reporter, 'POST', sub('ky-2027', UNIT, '/submit'), { content: VALID_CONTENT }],
      [reviewer, 'POST', sub('ky-2027', UNIT, '/return'), { reasons: [{ reason: 'Thiếu số liệu' }] }],
      [reviewer, 'POST', sub('ky-2027', UNIT, '/approve'), {}],
      [coordinator, 'GET', '/cycles/ky-2027/audit'],
    ];
    const seen = [];
    for (const [session, method, path, body] of routes) {
      const res = await rejected(() => session.call(method, path, body));
      seen.push({
        route: `${method} ${path}`,
        status: res.status,
        error: res.body?.error,
        fields: res.body?.fields?.map((f: { field: string }) => f.field),
      });
    }
    expect(seen).toEqual(
      routes.map(([, method, path]) => ({ route: `${method} ${path}`, status: 400, error: 'VALIDATION_FAILED', fields: ['cycleId'] })),
    );
  });

  describe('POST /cycles/{cycleId}/close-submissions', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
    });
    it('valid: 200, the cycle in review (event SubmissionWindowClosed)', async () => {
      const res = await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cycleId, status: 'reviewing', workflow: { phase: 'reviewing', nextTimerAt: null } });
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      expect((await streamEvents(stack.db, `cycle-${cycleId}`)).map((e) => e.event_type)).toEqual([
        'CycleOpened',
        'CyclePhaseAdvanced',
        'SubmissionWindowClosed',
      ]);
    });
    it('invalid: closing again → 409 CYCLE_WRONG_PHASE', async () => {
      const res = await rejected(() => coordinator.call('POST', `/cycles/${cycleId}/close-submissions`));
      expectError(res, 409, 'CYCLE_WRONG_PHASE', 'the submission window is not open (phase reviewing)');
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(
        await rejected(() => coordinator.call('POST', `/cycles/${id}/close-submissions`)),
        404,
        'CYCLE_NOT_FOUND',
        `cycle ${id} does not exist`,
      );
    });
    it('invalid: a malformed JSON body → 400 MALFORMED_JSON, and the window of a collecting cycle stays open', async () => {
      const other = await openCycle(coordinator, [UNIT]);
      const res = await rejected(() =>
        call('POST', `/cycles/${other}/close-submissions`, { token: coordinator.token, body: '{"early": tru' }),
      );
      expectError(res, 400, 'MALFORMED_JSON', 'request body is not valid JSON');
      expect((await coordinator.call('GET', `/cycles/${other}`)).body).toMatchObject({
        status: 'collecting',
        workflow: { phase: 'collecting' },
      });
    });
    it('invalid: not the coordinator → 403 FORBIDDEN', async () => {
      const res = await rejected(() => reviewer.call('POST', `/cycles/${cycleId}/close-submissions`));
      expectError(res, 403, 'FORBIDDEN', 'requires one of the roles: coordinator');
    });
  });

  describe('POST /cycles/{cycleId}/advance', () => {
    let planned: string;
    let unapproved: string;
    let approved: string;
    beforeAll(async () => {
      [planned, unapproved, approved] = await Promise.all([
        openCycle(coordinator, [UNIT], { startCollecting: false }),
        openCycle(coordinator, [UNIT]),
        openCycle(coordinator, [UNIT]),
      ]);
      expect((await reporter.call('POST', sub(approved, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
      expect((await reviewer.call('POST', sub(approved, UNIT, '/approve'), { version: 1 })).status).toBe(200);
      for (const id of [unapproved, approved]) expect((await coordinator.call('POST', `/cycles/${id}/close-submissions`)).status).toBe(200);
      // Thường trực comments on a draft: the office drafts the report before the cycle moves on.
      expect((await coordinator.call('POST', `/cycles/${approved}/report/draft`, {})).status).toBe(200);
    });
    it('valid: planned → collecting by the coordinator → 200', async () => {
      const res = await coordinator.call('POST', `/cycles/${planned}/advance`, { to: 'collecting' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'collecting', workflow: { phase: 'collecting' } });
    });
    it('valid: reviewing → commenting by the reviewer once every unit is approved → 200', async () => {
      const res = await reviewer.call('POST', `/cycles/${approved}/advance`, { to: 'commenting' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'commenting', workflow: { phase: 'commenting' } });
    });
    it('invalid: to "reviewing" (closing goes through close-submissions) → 400 naming to', async () => {
      expectInvalid(
        await rejected(() => coordinator.call('POST', `/cycles/${unapproved}/advance`, { to: 'reviewing' })),
        ['to'],
        [
          'to must be the next phase: collecting, commenting, signing, distributing or closed (close the submission window with POST …/close-submissions)',
        ],
      );
    });
    it('invalid: no body → 400 naming to', async () => {
      expectInvalid(await rejected(() => coordinator.call('POST', `/cycles/${unapproved}/advance`)), ['to']);
    });
    it('invalid: a phase jump → 409 CYCLE_PHASE_NOT_NEXT', async () => {
      const res = await rejected(() => coordinator.call('POST', `/cycles/${unapproved}/advance`, { to: 'signing' }));
      expectError(res, 409, 'CYCLE_PHASE_NOT_NEXT', 'cannot move from reviewing to signing; next is commenting');
    });
    it("invalid: commenting while a unit is not approved → 409 CYCLE_UNITS_NOT_APPROVED with the domain's Vietnamese message", async () => {
      const res = await rejected(() => reviewer.call('POST', `/cycles/${unapproved}/advance`, { to: 'commenting' }));
      expectError(
        res,
        409,
        'CYCLE_UNITS_NOT_APPROVED',
        `1 assigned unit(s) not approved: ${UNIT}`,
        'Còn 1/1 đơn vị chưa được duyệt báo cáo.',
      );
    });
    it('invalid: a reviewer trying to sign → 403 FORBIDDEN', async () => {
      const res = await rejected(() => reviewer.call('POST', `/cycles/${unapproved}/advance`, { to: 'distributing' }));
      expectError(res, 403, 'FORBIDDEN', 'moving a cycle to distributing requires one of the roles: signer');
    });
  });

  describe('GET /cycles/{cycleId} and GET /cycles/{cycleId}/units (#16: the cycle O(1), its units paged)', () => {
    it('the cycle answers its head and counts, no unit list; the units come a page at a time, in name order, each exactly once', async () => {
      const cycle = await coordinator.call('GET', `/cycles/${stack.demoCycleId}`);
      expect(cycle.status).toBe(200);
      expect(cycle.body).toMatchObject({ id: stack.demoCycleId, status: 'collecting', expectedCount: DEMO_REPORTING_UNIT_IDS.length });
      expect(cycle.body.units).toBeUndefined();
      const seen: { unitId: string; unitName: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: HttpResult = await call('GET', `/cycles/${stack.demoCycleId}/units?limit=5${cursor ? `&cursor=${cursor}` : ''}`, {
          token: coordinator.token,
        });
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(DEMO_REPORTING_UNIT_IDS.length);
        expect(res.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(DEMO_REPORTING_UNIT_IDS.length / 5));
      expect(seen.map((u) => u.unitId).sort()).toEqual([...DEMO_REPORTING_UNIT_IDS].sort());
      const names = seen.map((u) => u.unitName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });
    it('a reporter sees only the units they report for', async () => {
      const res = await reporter.call('GET', `/cycles/${stack.demoCycleId}/units`);
      expect({ status: res.status, total: res.body.total, units: res.body.items.map((u: { unitId: string }) => u.unitId) }).toEqual({
        status: 200,
        total: 1,
        units: [UNIT],
      });
    });
    it('invalid: a cursor that is not one of ours → 400 naming it; a limit out of range → 400', async () => {
      expectInvalid(
        await call('GET', `/cycles/${stack.demoCycleId}/units?cursor=bm90LWEtY3Vyc29y`, { token: coordinator.token }),
        ['cursor'],
        ['cursor must be the nextCursor of a previous page'],
        'Tham số phân trang không hợp lệ; hãy tải lại danh sách.',
      );
      expect((await call('GET', `/cycles/${stack.demoCycleId}/units?limit=1000`, { token: coordinator.token })).status).toBe(400);
    });
  });

  describe('POST /cycles/{cycleId}/units/{unitId}/extensions', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT, OTHER_UNIT]);
    });
    it("valid: 200, the unit's deadline moved, the reason stored as NFC", async () => {
      const res = await coordinator.call('POST', `/cycles/${cycleId}/units/${UNIT}/extensions`, {
        newDeadline: '2027-12-20',
        reason: nfd('Đơn vị tổ chức Đại hội.'),
      });
      expect(res.status).toBe(200);
      // The cycle's units are paged on their own route (#16): the answer has no unit list.
      expect(res.body.units).toBeUndefined();
      const units = await coordinator.call('GET', `/cycles/${cycleId}/units`);
      expect(units.body.items.find((u: { unitId: string }) => u.unitId === UNIT)).toMatchObject({ effectiveDeadline: '2027-12-20' });
      const events = await streamEvents(stack.db, `cycle-${cycleId}`);
      expect(events.at(-1)).toMatchObject({
        event_type: 'UnitDeadlineExtended',
        data: {
          unitId: UNIT,
          previousDeadline: '2027-12-16',
          newDeadline: '2027-12-20',
          reason: 'Đơn vị tổ chức Đại hội.'.normalize('NFC'),
        },
      });
    });
    it('invalid: a deadline not later than the current one → 422 CYCLE_EXTENSION_NOT_LATER', async () => {
      const res = await rejected(() =>
        coordinator.call('POST', `/cycles/${cycleId}/units/${OTHER_UNIT}/extensions`, { newDeadline: '2027-12-16', reason: 'Gia hạn' }),
      );
      expectError(
        res,
        422,
        'CYCLE_EXTENSION_NOT_LATER',
        'new deadline 2027-12-16 is not after the current 2027-12-16',
        'Hạn mới (2027-12-16) phải sau hạn hiện tại (2027-12-16).',
      );
    });
    it('invalid: a bad date and an empty reason → 400 naming both', async () => {
      const res = await rejected(() =>
        coordinator.call('POST', `/cycles/${cycleId}/units/${OTHER_UNIT}/extensions`, { newDeadline: '20/12/2027', reason: '' }),
      );
      expectInvalid(res, ['newDeadline', 'reason'], ['newDeadline must be a date YYYY-MM-DD', 'reason must not be empty']);
    });
    it('invalid: a stale If-Match → 409 STREAM_VERSION_CONFLICT with the current version', async () => {
      const res = await rejected(() =>
        coordinator.call(
          'POST',
          `/cycles/${cycleId}/units/${OTHER_UNIT}/extensions`,
          { newDeadline: '2027-12-21', reason: 'Gia hạn' },
          { 'if-match': '"1"' },
        ),
      );
      const version = (await streamEvents(stack.db, `cycle-${cycleId}`)).length;
      expectError(
        res,
        409,
        'STREAM_VERSION_CONFLICT',
        `stream cycle-${cycleId}: expected version 1, actual ${version}`,
        'Dữ liệu đã được người khác thay đổi; hãy tải lại.',
      );
      expect(res.body.currentVersion).toBe(version);
    });
  });

  describe('GET /cycles/{cycleId}/units/{unitId}/submission', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
    });
    it('valid: 200 with the (not started) submission and ETag "0"', async () => {
      const res = await reporter.call('GET', sub(cycleId));
      expect({ status: res.status, body: res.body, etag: res.headers.get('etag') }).toEqual({
        status: 200,
        body: {
          cycleId,
          unitId: UNIT,
          status: 'not_started',
          streamVersion: 0,
          versions: [],
          returns: [],
          // What the web app shows around it (issue #13): the unit, the report, the phase, the effective deadline, the template, what the caller may do.
          unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
          reportTitle: 'Báo cáo tổng kết công tác dân vận năm',
          periodLabel: 'năm 2027',
          cyclePhase: 'collecting',
          deadline: '2027-12-16',
          templateId: 'dan-van-annual',
          templateVersion: 1,
          allowedActions: ['save-draft', 'submit'],
          // The unit's kind picks the sections its form has (issue #14).
          unitKind: 'HLHPN',
        },
        etag: '"0"',
      });
    });
    it('invalid: a unit not assigned to the cycle → 409 UNIT_NOT_ASSIGNED', async () => {
      const res = await coordinator.call('GET', sub(cycleId, OTHER_UNIT));
      expectError(
        res,
        409,
        'UNIT_NOT_ASSIGNED',
        `unit ${OTHER_UNIT} is not assigned to cycle ${cycleId}`,
        'Đơn vị không thuộc danh sách báo cáo của kỳ này.',
      );
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(await reporter.call('GET', sub(id)), 404, 'CYCLE_NOT_FOUND', `cycle ${id} does not exist`);
    });
    it("invalid: another unit's submission, for a reporter → 403 FORBIDDEN", async () => {
      expectError(
        await reporter.call('GET', sub(cycleId, OTHER_UNIT)),
        403,
        'FORBIDDEN',
        `user ${REPORTER} does not report for unit ${OTHER_UNIT}`,
        'Bạn không phải cán bộ báo cáo của đơn vị này.',
      );
    });
  });

  describe('PUT /cycles/{cycleId}/units/{unitId}/submission/draft', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT, OTHER_UNIT]);
    });
    it('valid: 200, version 1, Vietnamese narrative stored as NFC; If-Match of the current version saves again', async () => {
      const text = 'Tổ chức 245 buổi tuyên truyền, vận động hội viên.';
      const res = await reporter.call('PUT', sub(cycleId, UNIT, '/draft'), {
        figures: VALID_CONTENT.figures,
        narrative: { 'II.1': nfd(text) },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'draft', streamVersion: 1, draft: { narrative: { 'II.1': text.normalize('NFC') } } });
      expect(res.headers.get('etag')).toBe('"1"');
      const [event] = await streamEvents(stack.db, `submission-${cycleId}:${UNIT}`);
      expect(event).toMatchObject({
        event_type: 'SubmissionDraftSaved',
        data: { narrative: { 'II.1': text.normalize('NFC') } },
        metadata: { username: REPORTER, unitId: UNIT },
      });
      const again = await reporter.call('PUT', sub(cycleId, UNIT, '/draft'), VALID_CONTENT, { 'if-match': '"1"' });
      expect({ status: again.status, version: again.body.streamVersion, etag: again.headers.get('etag') }).toEqual({
        status: 200,
        version: 2,
        etag: '"2"',
      });
    });
    it('invalid: a stale If-Match → 409 STREAM_VERSION_CONFLICT with currentVersion', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), VALID_CONTENT, { 'if-match': '"1"' }));
      expectError(
        res,
        409,
        'STREAM_VERSION_CONFLICT',
        `stream submission-${cycleId}:${UNIT}: expected version 1, actual 2`,
        'Dữ liệu đã được người khác thay đổi; hãy tải lại.',
      );
      expect(res.body.currentVersion).toBe(2);
    });
    it('invalid: an If-Match that is not an ETag → 400 INVALID_IF_MATCH', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), VALID_CONTENT, { 'if-match': 'latest' }));
      expectError(res, 400, 'INVALID_IF_MATCH', 'If-Match must be an ETag such as "3"', 'Tiêu đề If-Match không hợp lệ.');
    });
    it('invalid: figures not an object → 400 naming figures', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), { figures: [1, 2], narrative: {} }));
      expectInvalid(res, ['figures'], ['figures must be an object keyed by indicator code']);
    });
    it('invalid: a figure that is neither {value} nor {numerator, denominator} → 422 SUBMISSION_FIGURE_MALFORMED', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), { figures: { TT_BUOI: 245 }, narrative: {} }));
      expectError(
        res,
        422,
        'SUBMISSION_FIGURE_MALFORMED',
        'figure TT_BUOI is neither {value} nor {numerator, denominator}',
        'Số liệu của chỉ tiêu "TT_BUOI" không đúng định dạng.',
      );
    });
    it('invalid: a narrative section that is not text → 400 naming narrative (not silently dropped)', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), { figures: {}, narrative: { 'II.1': 245 } }));
      expectInvalid(res, ['narrative']);
    });
    it('invalid: malformed JSON → 400 MALFORMED_JSON', async () => {
      const res = await rejected(() =>
        call('PUT', sub(cycleId, UNIT, '/draft'), { token: reporter.token, body: '{"figures": {}, "narrative": {"II.1": "Tổ chức' }),
      );
      expectError(res, 400, 'MALFORMED_JSON', 'request body is not valid JSON');
    });
  });

  describe('POST /cycles/{cycleId}/units/{unitId}/submission/submit', () => {
    let cycleId: string;
    let planned: string;
    const stream = () => `submission-${cycleId}:${UNIT}`;
    beforeAll(async () => {
      [cycleId, planned] = await Promise.all([openCycle(coordinator, [UNIT]), openCycle(coordinator, [UNIT], { startCollecting: false })]);
    });
    it('invalid: nothing to submit → 422 SUBMISSION_EMPTY', async () => {
      const res = await rejected(() => reporter.call('POST', sub(cycleId, UNIT, '/submit'), {}));
      expectError(
        res,
        422,
        'SUBMISSION_EMPTY',
        'nothing to submit: no figures and no narrative',
        'Báo cáo chưa có số liệu và nội dung, không thể gửi.',
      );
    });
    it('invalid: figures breaking an error rule → 422 SUBMISSION_FIGURES_INVALID naming the rule', async () => {
      const res = await rejected(() =>
        reporter.call('POST', sub(cycleId, UNIT, '/submit'), {
          content: { figures: { TT_BUOI: { value: 245 }, TT_LUOT_NGUOI: { value: 100 } }, narrative: {} },
        }),
      );
      expectError(
        res,
        422,
        'SUBMISSION_FIGURES_INVALID',
        '1 figure error(s): R_TT_LUOT_GTE_BUOI',
        'Số liệu có 1 lỗi cần sửa trước khi gửi.',
      );
      expect(res.body.details.violations).toEqual([
        expect.objectContaining({
          code: 'R_TT_LUOT_GTE_BUOI',
          severity: 'error',
          messageVi: 'Số lượt người tham gia tuyên truyền không thể ít hơn số buổi tuyên truyền.',
        }),
      ]);
    });
    it('invalid: narrative for a section not in the template → 422 SUBMISSION_UNKNOWN_SECTION', async () => {
      const res = await rejected(() =>
        reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: { ...VALID_CONTENT, narrative: { 'IX.9': 'Nội dung' } } }),
      );
      expectError(
        res,
        422,
        'SUBMISSION_UNKNOWN_SECTION',
        'narrative for sections not in the template: IX.9',
        'Mục IX.9 không có trong mẫu báo cáo.',
      );
    });
    it('invalid: content with an unknown property → 400 naming content.attachments', async () => {
      const res = await rejected(() =>
        reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: { ...VALID_CONTENT, attachments: [] } }),
      );
      expectInvalid(res, ['content.attachments'], ['property attachments should not exist']);
    });
    it('invalid: a cycle still being planned → 409 CYCLE_NOT_ACCEPTING_SUBMISSIONS', async () => {
      const res = await rejected(() => reporter.call('POST', sub(planned, UNIT, '/submit'), { content: VALID_CONTENT }));
      expectError(
        res,
        409,
        'CYCLE_NOT_ACCEPTING_SUBMISSIONS',
        'the cycle is planned: submissions are not accepted',
        'Kỳ báo cáo không còn nhận báo cáo.',
      );
    });
    it('valid: 200, submitted; the same Idempotency-Key again answers the same and stores one event; NFD stored as NFC', async () => {
      const key = `submit-${randomUUID()}`;
      const text = 'Hội LHPN các cấp tổ chức 245 buổi tuyên truyền cho 9.800 lượt hội viên.';
      const content = { figures: VALID_CONTENT.figures, narrative: { 'II.1': nfd(text) } };
      const first = await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content }, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'submitted',
        streamVersion: 1,
        versions: [{ version: 1, kind: 'submission', late: false, narrative: { 'II.1': text.normalize('NFC') } }],
      });
      const before = await eventCount(stack.db);
      const retry = await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content }, { 'idempotency-key': key });
      expect({ status: retry.status, body: retry.body, etag: retry.headers.get('etag') }).toEqual({
        status: 200,
        body: first.body,
        etag: '"1"',
      });
      expect(await eventCount(stack.db)).toBe(before);
      const events = await streamEvents(stack.db, stream());
      expect(events.map((e) => e.event_type)).toEqual(['SubmissionSubmitted']);
      expect(events[0].data.narrative['II.1']).toBe(text.normalize('NFC'));
      const [{ n }] = await stack.db.owner.query(
        `SELECT count(*)::int AS n FROM events WHERE event_type = 'SubmissionSubmitted' AND stream_id = $1`,
        [stream()],
      );
      expect(n).toBe(1);
    });
    it('invalid: submitting again while under review → 409 SUBMISSION_ALREADY_SUBMITTED', async () => {
      const res = await rejected(() => reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT }));
      expectError(
        res,
        409,
        'SUBMISSION_ALREADY_SUBMITTED',
        'version 1 is already submitted and awaiting review',
        'Báo cáo đã được gửi và đang chờ thẩm định.',
      );
    });
    it('invalid: another unit → 403 FORBIDDEN', async () => {
      const res = await rejected(() => reporter.call('POST', sub(cycleId, OTHER_UNIT, '/submit'), { content: VALID_CONTENT }));
      expectError(res, 403, 'FORBIDDEN', `user ${REPORTER} does not report for unit ${OTHER_UNIT}`);
    });
  });

  describe('POST /cycles/{cycleId}/units/{unitId}/submission/return', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
    });
    it('invalid: no reasons → 400 naming reasons', async () => {
      expectInvalid(
        await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/return'), { reasons: [] })),
        ['reasons'],
        ['reasons must contain at least one reason'],
      );
    });
    it('invalid: only blank reasons → 422 SUBMISSION_RETURN_REASON_REQUIRED', async () => {
      const res = await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/return'), { reasons: [{ reason: '   ' }] }));
      expectError(
        res,
        422,
        'SUBMISSION_RETURN_REASON_REQUIRED',
        'a return needs at least one non-blank reason',
        'Cần nêu ít nhất một lý do trả lại báo cáo.',
      );
    });
    it('invalid: a version that is not the latest → 409 SUBMISSION_VERSION_MISMATCH', async () => {
      const res = await rejected(() =>
        reviewer.call('POST', sub(cycleId, UNIT, '/return'), { reasons: [{ reason: 'Thiếu số liệu' }], version: 2 }),
      );
      expectError(
        res,
        409,
        'SUBMISSION_VERSION_MISMATCH',
        'ReturnSubmission for version 2, but the latest is 1',
        'Báo cáo đã có phiên bản mới (lần 1); đề nghị xem lại trước khi xử lý.',
      );
    });
    it('valid: 200, returned with its reasons (stored as NFC)', async () => {
      const reason = 'Số lượt người tham gia chưa khớp với số buổi tuyên truyền.';
      const res = await reviewer.call('POST', sub(cycleId, UNIT, '/return'), {
        reasons: [{ sectionCode: 'II.1', reason: nfd(reason) }],
        version: 1,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'returned',
        streamVersion: 2,
        returns: [{ version: 1, reasons: [{ sectionCode: 'II.1', reason: reason.normalize('NFC') }] }],
      });
      expect((await streamEvents(stack.db, `submission-${cycleId}:${UNIT}`))[1]).toMatchObject({
        event_type: 'SubmissionReturned',
        data: { reasons: [{ reason: reason.normalize('NFC') }] },
      });
    });
    it('invalid: returning a returned submission → 409 SUBMISSION_NOT_SUBMITTED', async () => {
      const res = await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/return'), { reasons: [{ reason: 'Lần nữa' }] }));
      expectError(
        res,
        409,
        'SUBMISSION_NOT_SUBMITTED',
        'ReturnSubmission: the submission is not awaiting review (status returned)',
        'Báo cáo không ở trạng thái chờ thẩm định.',
      );
    });
  });

  describe('POST /cycles/{cycleId}/units/{unitId}/submission/approve', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
      expect((await reviewer.call('POST', sub(cycleId, UNIT, '/return'), { reasons: [{ reason: 'Bổ sung số liệu' }] })).status).toBe(200);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), {})).status).toBe(200); // resubmits the saved content: version 2
    });
    it('invalid: version 0 → 400 naming version', async () => {
      expectInvalid(
        await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/approve'), { version: 0 })),
        ['version'],
        ['version must not be less than 1'],
      );
    });
    it('invalid: approving an older version → 409 SUBMISSION_VERSION_MISMATCH', async () => {
      const res = await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/approve'), { version: 1 }));
      expectError(
        res,
        409,
        'SUBMISSION_VERSION_MISMATCH',
        'ApproveSubmission for version 1, but the latest is 2',
        'Báo cáo đã có phiên bản mới (lần 2); đề nghị xem lại trước khi xử lý.',
      );
    });
    it('valid: 200, the latest version approved', async () => {
      const res = await reviewer.call('POST', sub(cycleId, UNIT, '/approve'), { version: 2 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'approved', approvedVersion: 2, streamVersion: 4 });
      expect(res.headers.get('etag')).toBe('"4"');
    });
    it('invalid: approving again → 409 SUBMISSION_NOT_SUBMITTED', async () => {
      const res = await rejected(() => reviewer.call('POST', sub(cycleId, UNIT, '/approve'), {}));
      expectError(res, 409, 'SUBMISSION_NOT_SUBMITTED', 'ApproveSubmission: the submission is not awaiting review (status approved)');
    });
    it('invalid: a draft over an approved submission → 409 SUBMISSION_APPROVED', async () => {
      const res = await rejected(() => reporter.call('PUT', sub(cycleId, UNIT, '/draft'), VALID_CONTENT));
      expectError(
        res,
        409,
        'SUBMISSION_APPROVED',
        'SaveDraft: the submission is approved and final in this cycle',
        'Báo cáo đã được duyệt, không thể thay đổi.',
      );
    });
  });

  describe('GET /cycles/{cycleId}/audit', () => {
    let cycleId: string;
    beforeAll(async () => {
      cycleId = await openCycle(coordinator, [UNIT]);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
    });
    it("valid: 200, the cycle's and its submissions' events in order; ?asOf= a past instant gives the trail as it was", async () => {
      const res = await coordinator.call('GET', `/cycles/${cycleId}/audit`);
      expect(res.status).toBe(200);
      expect(res.body.map((e: { type: string }) => e.type)).toEqual(['CycleOpened', 'CyclePhaseAdvanced', 'SubmissionSubmitted']);
      const before = new Date(Date.parse(res.body[2].recordedAt) - 1).toISOString();
      const then = await coordinator.call('GET', `/cycles/${cycleId}/audit?asOf=${encodeURIComponent(before)}`);
      expect(then.body.map((e: { type: string }) => e.type)).toEqual(['CycleOpened', 'CyclePhaseAdvanced']);
    });
    it('invalid: asOf that is not an instant → 400 naming asOf', async () => {
      for (const asOf of ['yesterday', '2026-11-23T08:00:00']) {
        const res = await coordinator.call('GET', `/cycles/${cycleId}/audit?asOf=${asOf}`);
        expectInvalid(res, ['asOf'], ['asOf must be an ISO 8601 instant with a time zone'], 'Thời điểm (asOf) không hợp lệ.');
      }
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(await coordinator.call('GET', `/cycles/${id}/audit`), 404, 'CYCLE_NOT_FOUND', `cycle ${id} does not exist`);
    });
  });

  describe("the caller's inbox and preferences (/me/…), and failed deliveries on the board", () => {
    let cycleId: string;
    let otherReporter: ApiSession;
    const returnSubject = '[Trả lại] Báo cáo năm 2027 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại';
    const tableCounts = async () =>
      (
        await stack.db.owner.query(
          `SELECT (SELECT count(*) FROM notification_reads)::int AS reads, (SELECT count(*) FROM user_preferences)::int AS preferences`,
        )
      )[0];
    /** Rejected, and neither events, accounts, sessions, read marks nor preferences changed. */
    const rejectedHere = async (send: () => Promise<HttpResult>) => {
      const before = await tableCounts();
      const res = await rejected(send);
      expect(await tableCounts()).toEqual(before);
      return res;
    };
    const inboxOf = async (session: ApiSession) => (await session.call('GET', '/me/notifications')).body;
    const returned = async () =>
      (await inboxOf(reporter)).items.find((i: any) => i.cycleId === cycleId && i.kind === 'submission-returned');

    beforeAll(async () => {
      otherReporter = await login(url, `canbo.${OTHER_UNIT}`);
      cycleId = await openCycle(coordinator, [UNIT, OTHER_UNIT]);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
      expect(
        (
          await reviewer.call('POST', sub(cycleId, UNIT, '/return'), {
            reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người chưa khớp với số buổi.' }],
          })
        ).status,
      ).toBe(200);
    });

    describe('GET /me/notifications', () => {
      it("valid: 200, the return in the unit's inbox at once (unread, with the reason and the link); not in another unit's; the review request in the reviewer's", async () => {
        const res = await reporter.call('GET', '/me/notifications');
        expect(res.status).toBe(200);
        const item = res.body.items.find((i: any) => i.cycleId === cycleId);
        expect(item).toEqual({
          id: expect.any(String),
          kind: 'submission-returned',
          cycleId,
          subject: returnSubject,
          body: expect.stringContaining('- Mục II.1: Số lượt người chưa khớp với số buổi.\n'),
          link: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/ui/cycles/${cycleId}/units/${UNIT}$`)),
          dueAt: expect.any(String),
          addressedTo: 'unit',
          unitId: UNIT,
          unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
          readAt: null,
        });
        expect(res.body.unreadCount).toBe(res.body.items.filter((i: any) => i.readAt === null).length);
        expect((await inboxOf(otherReporter)).items.filter((i: any) => i.cycleId === cycleId)).toEqual([]);
        expect(
          (await inboxOf(reviewer)).items.filter((i: any) => i.cycleId === cycleId).map((i: any) => [i.kind, i.addressedTo, i.subject]),
        ).toEqual([['submission-awaiting-review', 'user', '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp báo cáo năm 2027']]);
        const page = await reporter.call(
          'GET',
          `/me/notifications?limit=1&before=${encodeURIComponent(new Date(Date.parse(item.dueAt) + 1).toISOString())}`,
        );
        expect(page.body.items.map((i: any) => i.id)).toEqual([item.id]);
      });
      it('invalid: limit 0 → 400 naming limit', async () => {
        expectInvalid(await reporter.call('GET', '/me/notifications?limit=0'), ['limit'], ['limit must be an integer 1-200']);
      });
      it('invalid: before that is not an instant → 400 naming before', async () => {
        expectInvalid(await reporter.call('GET', '/me/notifications?before=yesterday'), ['before'], ['before must be an ISO 8601 instant']);
      });
      it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
        expectError(
          await call('GET', '/me/notifications'),
          401,
          'AUTHENTICATION_REQUIRED',
          'log in first (Bearer token or session cookie)',
        );
      });
    });

    describe('POST /me/notifications/{notificationId}/read', () => {
      it('valid: 200 with the read time and the unread count; marking again keeps the first time (insert-only)', async () => {
        const item = await returned();
        const unread = (await inboxOf(reporter)).unreadCount;
        const first = await reporter.call('POST', `/me/notifications/${item.id}/read`);
        expect(first.status).toBe(200);
        expect(first.body).toEqual({ notificationId: item.id, readAt: expect.any(String), unreadCount: unread - 1 });
        const again = await reporter.call('POST', `/me/notifications/${item.id}/read`);
        expect(again.body).toEqual(first.body);
        expect((await returned()).readAt).toBe(first.body.readAt);
        const marks = await stack.db.owner.query(`SELECT user_id FROM notification_reads WHERE notification_id = $1`, [item.id]);
        expect(marks).toHaveLength(1);
      });
      it('invalid: an id that is not a UUID → 400 naming notificationId', async () => {
        expectInvalid(
          await rejectedHere(() => reporter.call('POST', '/me/notifications/42/read')),
          ['notificationId'],
          ['notificationId must be a UUID'],
          'Mã thông báo không hợp lệ.',
        );
      });
      it("invalid: another unit's notification → 404 NOTIFICATION_NOT_FOUND, no read mark stored", async () => {
        const item = await returned();
        const res = await rejectedHere(() => otherReporter.call('POST', `/me/notifications/${item.id}/read`));
        expectError(
          res,
          404,
          'NOTIFICATION_NOT_FOUND',
          `notification ${item.id} is not in your inbox`,
          'Không tìm thấy thông báo trong hộp thư của bạn.',
        );
      });
      it('invalid: an unknown id → 404 NOTIFICATION_NOT_FOUND', async () => {
        const id = randomUUID();
        expectError(
          await rejectedHere(() => reporter.call('POST', `/me/notifications/${id}/read`)),
          404,
          'NOTIFICATION_NOT_FOUND',
          `notification ${id} is not in your inbox`,
        );
      });
    });

    describe('GET /me/preferences', () => {
      it('valid: 200 with the defaults (e-mail on, digest at 07:00) for a user who never set them', async () => {
        expect(await otherReporter.call('GET', '/me/preferences')).toMatchObject({
          status: 200,
          body: { emailEnabled: true, digestTime: '07:00' },
        });
      });
      it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
        expectError(await call('GET', '/me/preferences'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
      });
      it('invalid: POST → 404 NOT_FOUND', async () => {
        expectError(
          await rejectedHere(() => reporter.call('POST', '/me/preferences', { emailEnabled: false })),
          404,
          'NOT_FOUND',
          'Cannot POST /me/preferences',
        );
      });
    });

    describe('PUT /me/preferences', () => {
      it('valid: 200, stored for the caller only', async () => {
        const res = await reviewer.call('PUT', '/me/preferences', { emailEnabled: false, digestTime: '06:30' });
        expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { emailEnabled: false, digestTime: '06:30' } });
        expect((await reviewer.call('GET', '/me/preferences')).body).toEqual({ emailEnabled: false, digestTime: '06:30' });
        expect((await coordinator.call('GET', '/me/preferences')).body).toEqual({ emailEnabled: true, digestTime: '07:00' });
        const [row] = await stack.db.owner.query(
          `SELECT email_enabled, digest_hour, digest_minute FROM user_preferences p JOIN users u ON u.id = p.user_id WHERE u.username = 'lanhdao.bdv'`,
        );
        expect(row).toEqual({ email_enabled: false, digest_hour: 6, digest_minute: 30 });
      });
      it('invalid: digestTime "7:00" and "24:00" → 400 naming digestTime, nothing stored', async () => {
        for (const digestTime of ['7:00', '24:00']) {
          expectInvalid(
            await rejectedHere(() => coordinator.call('PUT', '/me/preferences', { emailEnabled: true, digestTime })),
            ['digestTime'],
            ['digestTime must be a time HH:MM between 00:00 and 23:59'],
          );
        }
      });
      it('invalid: emailEnabled "yes" → 400 naming emailEnabled, nothing stored', async () => {
        expectInvalid(
          await rejectedHere(() => coordinator.call('PUT', '/me/preferences', { emailEnabled: 'yes', digestTime: '07:00' })),
          ['emailEnabled'],
          ['emailEnabled must be true or false'],
        );
      });
      it('invalid: an empty body → 400 naming both fields; an unknown property → 400 naming it', async () => {
        expectInvalid(
          await rejectedHere(() => coordinator.call('PUT', '/me/preferences', {})),
          ['emailEnabled', 'digestTime'],
          ['emailEnabled is required', 'digestTime is required'],
        );
        expectInvalid(
          await rejectedHere(() => coordinator.call('PUT', '/me/preferences', { emailEnabled: true, digestTime: '07:00', sms: true })),
          ['sms'],
          ['property sms should not exist'],
        );
      });
    });

    it('GET /cycles/{cycleId}/board: e-mails whose latest attempt failed, per unit and listed', async () => {
      await readModelsCurrent(stack.api.url); // the cycle's units as other sessions left them
      const clean = await coordinator.call('GET', `/cycles/${cycleId}/board`);
      expect(clean.body.failedDeliveries).toEqual([]);
      expect(clean.body.units.map((u: any) => u.failedDeliveries)).toEqual([0, 0]);
      // What the worker's dispatcher records when the mail server refuses a mailbox (no SMTP server in this stack).
      const item = await returned();
      await stack.db.owner.query(
        `INSERT INTO notification_deliveries (notification_id, user_id, email, status, attempt, error, attempted_at, completed_at, next_attempt_at)
         SELECT $1, id, 'canbo.hlhpn@khongtontai.vn', 'failed', 2, '550 5.1.1 Recipient address rejected', '2026-12-10T02:00:00Z', '2026-12-10T02:00:01Z', '2026-12-10T02:30:00Z'
           FROM users WHERE username = $2`,
        [item.id, REPORTER],
      );
      const res = await coordinator.call('GET', `/cycles/${cycleId}/board`);
      expect(res.body.units.map((u: any) => [u.unitId, u.failedDeliveries])).toEqual([
        [UNIT, 1],
        [OTHER_UNIT, 0],
      ]);
      expect(res.body.failedDeliveries).toEqual([
        {
          notificationId: item.id,
          kind: 'submission-returned',
          subject: returnSubject,
          unitId: UNIT,
          unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
          recipientName: expect.any(String),
          email: 'canbo.hlhpn@khongtontai.vn',
          attempt: 2,
          error: '550 5.1.1 Recipient address rejected',
          attemptedAt: '2026-12-10T02:00:00.000Z',
          nextAttemptAt: '2026-12-10T02:30:00.000Z',
          gaveUp: false,
        },
      ]);
    });
  });

  describe('GET /me/assignments', () => {
    it("valid: 200, the reporter's assignments as a page (items, total, nextCursor)", async () => {
      await readModelsCurrent(stack.api.url); // the cycles the coordinator opened: the list waits for the caller's own writes only
      const res = await reporter.call('GET', '/me/assignments?limit=1');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        unitId: UNIT,
        unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
        allowedActions: expect.any(Array),
      });
      expect(res.body.total).toBeGreaterThan(1);
      expect(res.body.nextCursor).toEqual(expect.any(String));
      const next = await reporter.call('GET', `/me/assignments?limit=1&cursor=${encodeURIComponent(res.body.nextCursor)}`);
      expect(next.body.items[0].cycleId + next.body.items[0].unitId).not.toBe(res.body.items[0].cycleId + res.body.items[0].unitId);
    });
    it('valid: 200 and an empty page for a user who reports for no unit', async () => {
      expect((await coordinator.call('GET', '/me/assignments')).body).toEqual({ items: [], total: 0, nextCursor: null });
    });
    it('invalid: limit 0 or 101, or a cursor that is not one of ours → 400 VALIDATION_FAILED naming it', async () => {
      expectInvalid(await reporter.call('GET', '/me/assignments?limit=0'), ['limit'], ['limit must be an integer 1-100']);
      expectInvalid(await reporter.call('GET', '/me/assignments?limit=101'), ['limit'], ['limit must be an integer 1-100']);
      expectInvalid(
        await reporter.call('GET', '/me/assignments?cursor=abc'),
        ['cursor'],
        ['cursor must be the nextCursor of a previous page'],
        'Tham số phân trang không hợp lệ; hãy tải lại danh sách.',
      );
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(await call('GET', '/me/assignments'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
    });
  });

  describe('GET /reviews', () => {
    it('valid: 200, the waiting submissions oldest first, as a page', async () => {
      const cycleId = await openCycle(coordinator, [UNIT]);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
      await readModelsCurrent(stack.api.url); // the queue waits for the reviewer's own writes only, not the reporter's
      const res = await reviewer.call('GET', '/reviews?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual({
        cycleId,
        reportTitle: 'Báo cáo tổng kết công tác dân vận năm',
        periodLabel: 'năm 2027',
        issuingBodyName: expect.any(String),
        unitId: UNIT,
        unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường',
        version: 1,
        submittedAt: expect.any(String),
        resubmission: false,
        late: false,
      });
      expect(res.body).toMatchObject({ total: res.body.items.length, nextCursor: null });
    });
    it('invalid: a bad limit or cursor → 400 VALIDATION_FAILED naming it', async () => {
      expectInvalid(await reviewer.call('GET', '/reviews?limit=abc'), ['limit'], ['limit must be an integer 1-100']);
      expectInvalid(
        await reviewer.call('GET', `/reviews?cursor=${Buffer.from('{"submittedAt":"x"}').toString('base64url')}`),
        ['cursor'],
        ['cursor must be the nextCursor of a previous page'],
        'Tham số phân trang không hợp lệ; hãy tải lại danh sách.',
      );
    });
    it('invalid: not a reviewer → 403 FORBIDDEN', async () => {
      expectError(await coordinator.call('GET', '/reviews'), 403, 'FORBIDDEN', 'requires one of the roles: reviewer');
    });
  });

  describe('GET /periods/suggestion', () => {
    it('valid: 200, the ND 09/2019 window and working-day milestones of the period', async () => {
      const res = await coordinator.call('GET', '/periods/suggestion?kind=quarter&year=2027&index=1');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kind: 'quarter',
        year: 2027,
        index: 1,
        label: 'quý I năm 2027',
        dataFrom: '2026-12-15',
        dataTo: '2027-03-14',
        earliestDeadline: '2027-03-15',
      });
      expect(res.body.milestones.submissionDeadline).toBe('2027-03-15');
    });
    it('invalid: an unknown kind, a missing or absurd year, quarter 5 → 400 VALIDATION_FAILED naming it', async () => {
      expectInvalid(
        await coordinator.call('GET', '/periods/suggestion?kind=decade&year=2027'),
        ['kind'],
        ['kind must be one of: quarter, six-month, nine-month, annual'],
      );
      expectInvalid(await coordinator.call('GET', '/periods/suggestion?kind=annual'), ['year'], ['year must be an integer']);
      expectInvalid(await coordinator.call('GET', '/periods/suggestion?kind=annual&year=99999'), ['year'], ['year must be 2000-2100']);
      expectInvalid(await coordinator.call('GET', '/periods/suggestion?kind=quarter&year=2027&index=5'), ['index'], ['index must be 1-4']);
    });
    it('invalid: not a coordinator → 403 FORBIDDEN', async () => {
      expectError(
        await reporter.call('GET', '/periods/suggestion?kind=annual&year=2027'),
        403,
        'FORBIDDEN',
        'requires one of the roles: coordinator',
      );
    });
  });

  describe('POST /cycles/{cycleId}/reminders', () => {
    it('valid: 200, the pending units reminded once per Vietnam day: a second request reminds nobody and stores no event', async () => {
      const cycleId = await openCycle(coordinator, [UNIT, 'hnd-tam-duong']);
      expect((await reporter.call('POST', sub(cycleId, UNIT, '/submit'), { content: VALID_CONTENT })).status).toBe(200);
      const first = await coordinator.call('POST', `/cycles/${cycleId}/reminders`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        remindedNow: 1,
        alreadyToday: 0,
        pending: 1,
        reminded: [{ unitId: 'hnd-tam-duong', unitName: 'Hội Nông dân huyện Tam Đường' }],
        messageVi: 'Đã nhắc 1 đơn vị chưa nộp báo cáo.',
        day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      const second = await coordinator.call('POST', `/cycles/${cycleId}/reminders`);
      expect(second.body).toMatchObject({ remindedNow: 0, alreadyToday: 1, pending: 1, reminded: [] });
      expect((await streamEvents(stack.db, `reminders-${cycleId}`)).map((e) => e.event_type)).toEqual(['RemindersSentByHand']);
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND; a malformed id → 400', async () => {
      const id = randomUUID();
      expectError(await coordinator.call('POST', `/cycles/${id}/reminders`), 404, 'CYCLE_NOT_FOUND', `cycle ${id} does not exist`);
      expect((await coordinator.call('POST', '/cycles/not-a-uuid/reminders')).status).toBe(400);
    });
    it('invalid: a cycle not yet collecting → 409 CYCLE_WRONG_PHASE; another role → 403 FORBIDDEN', async () => {
      const cycleId = await openCycle(coordinator, [UNIT], { startCollecting: false });
      expectError(
        await coordinator.call('POST', `/cycles/${cycleId}/reminders`),
        409,
        'CYCLE_WRONG_PHASE',
        'units are reminded while collecting or reviewing; the cycle is planned',
      );
      expectError(await reviewer.call('POST', `/cycles/${cycleId}/reminders`), 403, 'FORBIDDEN', 'requires one of the roles: coordinator');
    });
  });

  describe('GET /me/capabilities', () => {
    it('valid: 200, the global actions the caller may do (the coordinator opens cycles, a reporter nothing of the office)', async () => {
      const coordinatorCaps = await coordinator.call('GET', '/me/capabilities');
      expect(coordinatorCaps.status).toBe(200);
      expect(coordinatorCaps.body.actions).toEqual(expect.arrayContaining(['cycle.open', 'cycle.list', 'audit.verify']));
      expect(coordinatorCaps.body.actions).not.toContain('users.manage');
      expect((await reporter.call('GET', '/me/capabilities')).body).toEqual({ actions: [] });
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(await call('GET', '/me/capabilities'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
    });
  });

  describe('GET /audit/verify', () => {
    it('valid: 200, every event checked and none broken; ?streamId= checks one stream', async () => {
      const all = await admin.call('GET', '/audit/verify');
      expect(all.status).toBe(200);
      // The worker signs a checkpoint at start and then every CHECKPOINT_INTERVAL_MS (issue #17).
      expect(all.body).toEqual({
        checkedEvents: await eventCount(stack.db),
        broken: [],
        checkpoint: expect.objectContaining({ status: expect.stringMatching(/^(intact|none)$/) }),
      });
      const one = await coordinator.call('GET', `/audit/verify?streamId=cycle-${stack.demoCycleId}`);
      expect(one.body).toEqual({ checkedEvents: (await streamEvents(stack.db, `cycle-${stack.demoCycleId}`)).length, broken: [] });
    });
    it('invalid: a reporter → 403 FORBIDDEN', async () => {
      expectError(await reporter.call('GET', '/audit/verify'), 403, 'FORBIDDEN', 'requires one of the roles: admin, coordinator');
    });
    it('invalid: no session → 401 AUTHENTICATION_REQUIRED', async () => {
      expectError(await call('GET', '/audit/verify'), 401, 'AUTHENTICATION_REQUIRED', 'log in first (Bearer token or session cookie)');
    });
  });
});
