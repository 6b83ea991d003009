/**
 * What the first administrator does on a fresh installation (issue #17): log in as `admin` with the bootstrap
 * password (BOOTSTRAP_ADMIN_PASSWORD), which answers mustChangePassword, and choose a password of their own
 * (POST /auth/password) before anything else. The one home of that step for the demo seed, the test stacks and
 * the benchmark. Idempotent: when the chosen password already works (a restart), it logs in with it.
 * Returns an access token of a session that may use every route the administrator's role allows.
 */
export async function firstAdminLogin(baseUrl: string, bootstrapPassword: string, chosenPassword: string): Promise<string> {
  if (bootstrapPassword === chosenPassword) throw new Error('the chosen password must differ from the bootstrap one');
  const first = await login(baseUrl, bootstrapPassword);
  if (first.status === 200 && first.body.user?.mustChangePassword) {
    const changed = await fetch(`${baseUrl}/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.body.accessToken}` },
      body: JSON.stringify({ currentPassword: bootstrapPassword, newPassword: chosenPassword }),
    });
    if (changed.status !== 204) throw new Error(`POST /auth/password as admin: ${changed.status} ${await changed.text()}`);
  } else if (first.status === 200) {
    throw new Error('admin logged in with the bootstrap password without having to change it');
  }
  const session = await login(baseUrl, chosenPassword);
  if (session.status !== 200 || session.body.user?.mustChangePassword) {
    throw new Error(
      `admin's first login: ${first.status} with the bootstrap password, ${session.status} with the chosen one ${JSON.stringify(session.body)}`,
    );
  }
  return session.body.accessToken as string;
}

async function login(baseUrl: string, password: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}
