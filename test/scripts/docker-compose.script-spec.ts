import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './support';

const { ensureDockerCompose } = require('../../scripts/lib/docker-compose');

const SECRETS = {
  KYBAOCAO_DB_PASSWORD: 'owner-secret-1',
  KYBAOCAO_APP_DB_PASSWORD: 'app-secret-2',
  TEMPORAL_DB_PASSWORD: 'temporal-secret-3',
  JWT_SECRET: 'jwt-secret-of-at-least-32-characters-4',
  CHECKPOINT_KEY: 'checkpoint-key-of-at-least-32-characters-5',
};

/**
 * docker-compose.yml as Docker Compose itself reads it (`docker compose config`; the plugin is built with Go into the
 * cache on first use when the machine's docker client has none): the secrets are required and reach the services that
 * need them, the Temporal Web UI is not published (only with --profile ops, on 127.0.0.1), and each party has its own
 * database user — the owner's credentials only for the migrations.
 */
describe('docker-compose.yml (docker compose config)', () => {
  let compose: { argv: string[]; env: Record<string, string> };
  beforeAll(() => {
    compose = ensureDockerCompose();
  }, 30 * 60_000); // a first build on 2 busy cores; cached afterwards

  /** `docker compose -f docker-compose.yml <args>` with exactly `vars` as the environment's settings (no .env file). */
  const run = (args: string[], vars: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...compose.env, ...vars };
    const [program, ...lead] = compose.argv;
    return spawnSync(program, [...lead, '--env-file', '/dev/null', '-f', 'docker-compose.yml', ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
  };
  const config = (profiles: string[] = []) => {
    const res = run([...profiles.flatMap((p) => ['--profile', p]), 'config', '--format', 'json'], SECRETS);
    if (res.status !== 0) throw new Error(`docker compose config failed: ${res.stderr}`);
    return JSON.parse(res.stdout);
  };
  const user = (url: string) => new URL(url).username;

  it('is valid, and refuses to render without each secret', () => {
    expect(run(['config', '--quiet'], SECRETS).status).toBe(0);
    for (const name of Object.keys(SECRETS)) {
      const { [name]: _, ...rest } = SECRETS as Record<string, string>;
      const res = run(['config', '--quiet'], rest);
      expect([name, res.status === 0, res.stderr.includes(name)]).toEqual([name, false, true]);
    }
  });

  it('passes JWT_SECRET (and the checkpoint key) to the API and the worker', () => {
    const { services } = config();
    for (const s of ['api', 'worker']) {
      expect([s, services[s].environment.JWT_SECRET, services[s].environment.CHECKPOINT_KEY]).toEqual([
        s,
        SECRETS.JWT_SECRET,
        SECRETS.CHECKPOINT_KEY,
      ]);
    }
  });

  it('publishes only the API; the Temporal Web UI only with --profile ops and on 127.0.0.1', () => {
    const { services } = config();
    expect(Object.keys(services).filter((s) => services[s].ports?.length)).toEqual(['api']);
    expect(services['temporal-ui']).toBeUndefined();
    expect(services.temporal.ports).toBeUndefined();
    const ops = config(['ops']).services['temporal-ui'];
    expect(ops.ports.map((p: { host_ip?: string; published: string }) => [p.host_ip, p.published])).toEqual([['127.0.0.1', '8080']]);
    expect(ops.environment.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('gives Temporal and the services database users of their own; the owner only migrates', () => {
    const { services } = config();
    const owner = services.postgres.environment.POSTGRES_USER;
    expect(services.temporal.environment.POSTGRES_USER).toBe('temporal');
    expect(services.temporal.environment.POSTGRES_PWD).toBe(SECRETS.TEMPORAL_DB_PASSWORD);
    // The init script that creates Temporal's user on a new volume is mounted where the postgres image runs it.
    const init = services.postgres.volumes.find((v: { target: string }) => v.target.startsWith('/docker-entrypoint-initdb.d/'));
    expect([path.relative(root, init.source), init.read_only]).toEqual(['deploy/postgres/10-temporal-role.sh', true]);
    expect(fs.readFileSync(init.source, 'utf8')).toMatch(/CREATE ROLE temporal WITH LOGIN CREATEDB NOSUPERUSER .*PASSWORD :'pw'/);
    expect(services.postgres.environment.TEMPORAL_DB_PASSWORD).toBe(SECRETS.TEMPORAL_DB_PASSWORD);
    for (const s of ['api', 'worker']) {
      expect([s, services[s].environment.DATABASE_URL, user(services[s].environment.DATABASE_APP_URL)]).toEqual([
        s,
        undefined,
        'kybaocao_app',
      ]);
    }
    expect(user(services.migrate.environment.DATABASE_URL)).toBe(owner);
    expect(owner).not.toBe('kybaocao_app');
    const withOwnerPassword = Object.keys(services).filter((s) =>
      JSON.stringify(services[s].environment ?? {}).includes(SECRETS.KYBAOCAO_DB_PASSWORD),
    );
    expect(withOwnerPassword.sort()).toEqual(['migrate', 'postgres']);
    const withAppPassword = Object.keys(services).filter((s) =>
      JSON.stringify(services[s].environment ?? {}).includes(SECRETS.KYBAOCAO_APP_DB_PASSWORD),
    );
    expect(withAppPassword.sort()).toEqual(['api', 'migrate', 'worker']);
  });
});
