import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './infra/db';
import { RunningProcess, startApi, TEST_BOOTSTRAP_ADMIN_PASSWORD } from './infra/processes';
import { request, STARTUP_TIMEOUT_MS, streamEvents } from './support/api-stack';
import { registeredRoutes } from './support/routes';

/**
 * Issue #17: the `admin` account the API creates from BOOTSTRAP_ADMIN_PASSWORD must choose a password of its own
 * at its first login — the bootstrap one sits in the deployment's configuration. Until then every route but
 * /auth/me, /auth/password and /auth/logout answers 403 PASSWORD_CHANGE_REQUIRED, and the account's UserCreated
 * event says so.
 */
describe('the bootstrap administrator (e2e)', () => {
  let db: TestDatabase;
  let api: RunningProcess & { url: string };
  const ALLOWED_PENDING = ['GET /auth/me', 'POST /auth/password', 'POST /auth/logout'];
  const REQUIRED = {
    statusCode: 403,
    error: 'PASSWORD_CHANGE_REQUIRED',
    message: 'change your password first (POST /auth/password)',
    messageVi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // A fresh API as a first installation runs it: nobody has logged in as admin yet.
    api = await startApi(
      { DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `e2e-${randomUUID()}`, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS! },
      { firstAdminLogin: false },
    );
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('logs in with the bootstrap password, is held to the password change, refuses the same password, then works with a new one', async () => {
    const first = await request(api.url, 'POST', '/auth/login', { body: { username: 'admin', password: TEST_BOOTSTRAP_ADMIN_PASSWORD } });
    expect({ status: first.status, mustChangePassword: first.body.user?.mustChangePassword }).toEqual({
      status: 200,
      mustChangePassword: true,
    });
    const token = first.body.accessToken as string;
    expect((await request(api.url, 'GET', '/auth/me', { token })).body.mustChangePassword).toBe(true);

    // Every other route of the application that needs a session (path parameters filled with a placeholder).
    const held = registeredRoutes().filter((r) => !r.isPublic && !ALLOWED_PENDING.includes(r.route));
    expect(held.length).toBeGreaterThan(40);
    const answers: Record<string, unknown> = {};
    for (const { route } of held) {
      const [method, path] = route.split(' ');
      const res = await request(api.url, method, path.replace(/\{\w+\}/g, 'x'), {
        token,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
      });
      answers[route] = { status: res.status, body: res.body };
    }
    expect(answers).toEqual(Object.fromEntries(held.map(({ route }) => [route, { status: 403, body: REQUIRED }])));

    const same = await request(api.url, 'POST', '/auth/password', {
      token,
      body: { currentPassword: TEST_BOOTSTRAP_ADMIN_PASSWORD, newPassword: TEST_BOOTSTRAP_ADMIN_PASSWORD },
    });
    expect({ status: same.status, error: same.body.error }).toEqual({ status: 422, error: 'PASSWORD_NOT_CHANGED' });
    expect((await request(api.url, 'GET', '/users', { token })).status).toBe(403);

    const chosen = 'mat-khau-quan-tri-moi-2026';
    expect(
      (
        await request(api.url, 'POST', '/auth/password', {
          token,
          body: { currentPassword: TEST_BOOTSTRAP_ADMIN_PASSWORD, newPassword: chosen },
        })
      ).status,
    ).toBe(204);
    expect((await request(api.url, 'GET', '/auth/me', { token })).body.mustChangePassword).toBe(false);
    const users = await request(api.url, 'GET', '/users', { token });
    expect({ status: users.status, usernames: users.body.map((u: { username: string }) => u.username) }).toEqual({
      status: 200,
      usernames: ['admin'],
    });
    expect((await request(api.url, 'GET', '/org-units', { token })).status).toBe(200);

    // The bootstrap password no longer opens the account; the chosen one does, without the hold.
    expect(
      (await request(api.url, 'POST', '/auth/login', { body: { username: 'admin', password: TEST_BOOTSTRAP_ADMIN_PASSWORD } })).status,
    ).toBe(401);
    const again = await request(api.url, 'POST', '/auth/login', { body: { username: 'admin', password: chosen } });
    expect({ status: again.status, mustChangePassword: again.body.user?.mustChangePassword }).toEqual({
      status: 200,
      mustChangePassword: false,
    });

    // The account's stream tells it: created with the flag by the system, cleared by admin's own change.
    const adminId = users.body[0].id as string;
    const [stream] = await db.owner.query(`SELECT stream_id FROM events WHERE event_type = 'UserCreated' AND data->>'userId' = $1`, [
      adminId,
    ]);
    const events = await streamEvents(db, stream.stream_id);
    expect(
      events.map((e) => ({
        type: e.event_type,
        flag: e.data.mustChangePassword ?? e.data.mustChangePasswordCleared,
        actor: e.metadata.actor?.role,
      })),
    ).toEqual([
      { type: 'UserCreated', flag: true, actor: 'system' },
      { type: 'UserPasswordChanged', flag: true, actor: 'admin' },
    ]);
  }, 120_000);
});
