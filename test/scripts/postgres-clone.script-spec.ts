import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { cloneRepo, forceStopCluster, isRoot, postmasterPid, privateTempDir } from './support';

const { freePort } = require('../../scripts/lib/util');

interface Started {
  url: string;
  dataDir: string;
}

/**
 * Issue #11: `npm start` and `npm test` start PostgreSQL from wherever a newcomer clones — root's home
 * directory (mode 700) and paths with spaces included. Each case clones the repository, then runs the
 * clone's own scripts/lib/postgres.js from inside the clone (the working directory the postgres OS user may
 * not enter), in the shapes `npm start` (.data/pg) and the test global setup (.data/test/run-<pid>/pg) use.
 */
describe('PostgreSQL start from a fresh clone', () => {
  const temps: string[] = [];
  const clusters: string[] = [];
  // As on a fresh machine, the fallback folder does not exist yet (the default, /var/tmp/kybaocao, may exist
  // here already, made by an earlier run).
  const fallbackBase = path.join('/var/tmp', `kybaocao-test-${process.pid}-${Date.now()}`);
  temps.push(fallbackBase);

  afterAll(() => {
    for (const dir of clusters) forceStopCluster(dir);
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the cluster through the clone's script (a child process whose cwd is the clone), queries it, stops it. */
  async function startQueryStop(clone: string, shape: { dataDir: string; database: string; quiet: boolean }): Promise<Started> {
    const port = await freePort();
    const script = `
      const { startPostgres } = require('./scripts/lib/postgres');
      startPostgres({ dataDir: ${JSON.stringify(shape.dataDir)}, port: ${port}, database: ${JSON.stringify(shape.database)}, quiet: ${shape.quiet} })
        .then((pg) => {
          process.stdout.write(JSON.stringify({ url: pg.url, dataDir: pg.dataDir }) + '\\n');
          process.stdin.once('data', () => { pg.stop(); pg.stop(); process.exit(0); }); // stop() twice: idempotent
        }, (err) => { process.stderr.write(String(err.stack) + '\\n'); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: clone,
      env: { ...process.env, KYBAOCAO_PG_FALLBACK_DIR: fallbackBase },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = await Promise.race([
      new Promise<Started>((resolve) =>
        child.stdout.on('data', () => {
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
        }),
      ),
      exited.then((code) => {
        throw new Error(`startPostgres failed (exit ${code}) in ${clone}:\n${err}`);
      }),
    ]);
    clusters.push(started.dataDir);

    const client = new Client({ connectionString: started.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT current_database() AS db, current_setting('data_directory') AS dir, 6 * 7 AS answer");
      expect(rows[0]).toEqual({ db: shape.database, dir: started.dataDir, answer: 42 });
    } finally {
      await client.end();
    }

    child.stdin.write('stop\n');
    expect(await exited).toBe(0);
    expect(postmasterPid(started.dataDir)).toBeNull();
    const stillUp = new Client({ connectionString: started.url });
    await expect(stillUp.connect()).rejects.toThrow();
    return started;
  }

  const postgresCanEnter = (dir: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0;

  it('clone in a private directory (mode 700, like /root): both shapes start, answer, and stop', async () => {
    const home = privateTempDir('kybaocao-home-');
    temps.push(home);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    const clone = path.join(home, 'kybaocao');
    cloneRepo(clone);

    const npmStart = await startQueryStop(clone, { dataDir: path.join(clone, '.data', 'pg'), database: 'kybaocao', quiet: false });
    const testRun = path.join(clone, '.data', 'test', 'run-12345');
    const npmTest = await startQueryStop(clone, { dataDir: path.join(testRun, 'pg'), database: 'postgres', quiet: true });

    if (isRoot) {
      expect(postgresCanEnter(clone)).toBe(false); // the case of the issue: initdb cannot work there
      for (const [started, origin] of [
        [npmStart, path.join(clone, '.data')],
        [npmTest, testRun],
      ] as const) {
        // The cluster lives in a fallback folder every level of which the postgres user can pass.
        expect(started.dataDir.startsWith(`${fallbackBase}/`)).toBe(true);
        expect(postgresCanEnter(started.dataDir)).toBe(true);
        expect(fs.readFileSync(path.join(path.dirname(started.dataDir), 'origin'), 'utf8')).toBe(origin);
      }
      // The same clone gets the same cluster back (npm start's data survives restarts)…
      const again = await startQueryStop(clone, { dataDir: path.join(clone, '.data', 'pg'), database: 'kybaocao', quiet: false });
      expect(again.dataDir).toBe(npmStart.dataDir);
      // …and once the test run's folder is gone, the next fallback placement sweeps its cluster away.
      fs.rmSync(testRun, { recursive: true, force: true });
      await startQueryStop(clone, { dataDir: path.join(clone, '.data', 'pg'), database: 'kybaocao', quiet: false });
      expect(fs.existsSync(path.dirname(npmTest.dataDir))).toBe(false);
      expect(fs.existsSync(npmStart.dataDir)).toBe(true);
    } else {
      expect(npmStart.dataDir).toBe(path.join(clone, '.data', 'pg'));
    }
  });

  it('clone whose path contains spaces: the cluster stays in the clone', async () => {
    const parent = privateTempDir('kybaocao-spaces-');
    temps.push(parent);
    fs.chmodSync(parent, 0o755); // reachable: the cluster is made inside the clone, at a path with spaces
    const clone = path.join(parent, 'my projects', 'kybaocao clone');
    fs.mkdirSync(path.dirname(clone));
    cloneRepo(clone);

    const started = await startQueryStop(clone, { dataDir: path.join(clone, '.data', 'pg'), database: 'kybaocao', quiet: false });
    expect(started.dataDir).toBe(path.join(clone, '.data', 'pg'));
  });
});
