import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { seedDemo } from '../apps/api/src/demo/seed-demo';
import { ApiStack, login, startStack, STARTUP_TIMEOUT_MS, TEST_ADMIN_PASSWORD } from './support/api-stack';

/**
 * Demo accounts have a known password (issue #17): they are loaded only when asked for (KYBAOCAO_DEMO=1, which
 * `npm start` sets on a fresh clone and says so), and never into a database that already holds data.
 */
describe('demo seed', () => {
  let stack: ApiStack;
  const root = path.resolve(__dirname, '..');

  beforeAll(async () => {
    stack = await startStack({ seed: false });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it('the seed command loads nothing without KYBAOCAO_DEMO=1, and says how to ask for it', () => {
    const port = new URL(stack.api.url).port;
    const env = { ...process.env, API_PORT: port, BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, KYBAOCAO_DEMO: '' };
    const run = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/src/demo/seed-demo.js')], { env, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 2,
      stderr: '[demo] not loaded: demo accounts have a known password; set KYBAOCAO_DEMO=1 to load them into an empty database\n',
    });
  });

  it('refuses a database that already holds data: no demo account is created', async () => {
    const admin = await login(stack.api.url, 'admin', TEST_ADMIN_PASSWORD);
    const unit = await admin.call('POST', '/org-units', {
      id: 'huyen-uy-that',
      parentId: null,
      level: 'huyen',
      kind: 'HUYEN_UY',
      canonicalName: 'Huyện ủy thật',
      activeFrom: '2020-01-01',
    });
    expect(unit.status).toBe(201);
    expect(await seedDemo(stack.api.url, TEST_ADMIN_PASSWORD)).toEqual({
      created: false,
      refused: 'the database already holds units or accounts',
    });
    const [{ n }] = await stack.db.owner.query(`SELECT count(*)::int AS n FROM users WHERE username <> 'admin'`);
    expect(n).toBe(0);
    expect((await admin.call('GET', '/org-units')).body.map((u: { id: string }) => u.id)).toEqual(['huyen-uy-that']);
  });
});
