/**
 * Loads the demo (a district, its organisations and communes, an account for every role, one open cycle)
 * through the running API, the first time only. `node dist/apps/api/src/demo/seed-demo.js` with API_PORT
 * and BOOTSTRAP_ADMIN_PASSWORD (the admin account the API created at its first start): the command makes admin's
 * first-login password change (to DEMO_ADMIN_PASSWORD) as the first administrator would, then loads the demo.
 */
import { firstAdminLogin } from './first-admin-login';
import { DEMO_ACTIVE_FROM, DEMO_DISTRICT_ID, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, demoCycleBody } from './demo-data';

export class ApiSession {
  /** The highest X-Written-Position this client was answered (its consistency token), sent back with each request. */
  private written: bigint | null = null;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new ApiSession(baseUrl, ((await res.json()) as { accessToken: string }).accessToken);
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        ...(this.written === null ? {} : { 'x-written-position': this.written.toString() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Read-your-own-writes: the board's reads wait for the read models up to what this client wrote.
    const written = res.headers.get('x-written-position');
    if (written && /^\d+$/.test(written) && (this.written === null || BigInt(written) > this.written)) this.written = BigInt(written);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
}

/** admin's password once the demo command made its first login's change (`npm start` prints it). */
export const DEMO_ADMIN_PASSWORD = 'kybaocao-demo-admin';

export async function seedDemo(baseUrl: string, adminPassword: string): Promise<{ created: boolean; cycleId?: string; refused?: string }> {
  const admin = await ApiSession.login(baseUrl, 'admin', adminPassword);
  const existing = await admin.call('GET', '/org-units');
  if (existing.body.some((u: { id: string }) => u.id === DEMO_DISTRICT_ID)) return { created: false };
  // Never on a database that already holds data: demo accounts with a known password beside real ones.
  const accounts = await admin.call('GET', '/users');
  if (existing.body.length > 0 || accounts.body.length > 1)
    return { created: false, refused: 'the database already holds units or accounts' };
  for (const unit of DEMO_UNITS) {
    const res = await admin.call('POST', '/org-units', { ...unit, activeFrom: DEMO_ACTIVE_FROM });
    if (res.status !== 201) throw new Error(`POST /org-units ${unit.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const user of DEMO_USERS) {
    const res = await admin.call('POST', '/users', { ...user, password: DEMO_PASSWORD });
    if (res.status !== 201 && res.body?.error !== 'USERNAME_TAKEN')
      throw new Error(`POST /users ${user.username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const coordinator = await ApiSession.login(baseUrl, 'chuyenvien.bdv', DEMO_PASSWORD);
  const res = await coordinator.call('POST', '/cycles', demoCycleBody(2026), { 'idempotency-key': 'demo-cycle-2026' });
  if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${JSON.stringify(res.body)}`);
  return { created: true, cycleId: res.body.id };
}

if (require.main === module) {
  const url = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;
  if (process.env.KYBAOCAO_DEMO !== '1') {
    process.stderr.write(
      '[demo] not loaded: demo accounts have a known password; set KYBAOCAO_DEMO=1 to load them into an empty database\n',
    );
    process.exit(2);
  }
  firstAdminLogin(url, process.env.BOOTSTRAP_ADMIN_PASSWORD ?? '', DEMO_ADMIN_PASSWORD)
    .then(() => seedDemo(url, DEMO_ADMIN_PASSWORD))
    .then(
      (r) => {
        process.stderr.write(`[demo] admin's first-login password change is made: admin / ${DEMO_ADMIN_PASSWORD}\n`);
        process.stderr.write(
          r.created
            ? `[demo] loaded: Huyện ủy Tam Đường, ${DEMO_UNITS.length} units, ${DEMO_USERS.length} accounts, cycle ${r.cycleId}\n`
            : r.refused
              ? `[demo] not loaded: ${r.refused}\n`
              : '[demo] already loaded\n',
        );
      },
      (err) => {
        process.stderr.write(`[demo] failed: ${err?.stack ?? err}\n`);
        process.exit(1);
      },
    );
}
