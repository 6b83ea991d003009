'use strict';
// Acquires the external programs the project runs: the Temporal CLI (dev server) and the Temporal
// time-skipping test server. Dependency-free: it runs before `npm install` may have finished.
// Everything is cached outside the clone (KYBAOCAO_CACHE, default ~/.cache/kybaocao) so that a fresh
// clone — CI's in particular — reuses what an earlier run built.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { log, which } = require('./util');

const TEMPORAL_CLI_VERSION = 'v1.5.1'; // later tags carry a `replace` directive and cannot be `go install`ed
const TEST_SERVER_VERSION = '1.38.0'; // io.temporal:temporal-test-server on Maven Central

function cacheDir() {
  const base = process.env.KYBAOCAO_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kybaocao');
  fs.mkdirSync(base, { recursive: true });
  return base;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Path of a `temporal` CLI binary, building it with Go on first use.
 * Order: $TEMPORAL_CLI, `temporal` on PATH, the cache, `go install` into the cache.
 * Returns null when none works (callers then fall back to the SDK's own download).
 */
function ensureTemporalCli() {
  if (process.env.TEMPORAL_CLI) {
    if (!isExecutable(process.env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} is not executable`);
    return process.env.TEMPORAL_CLI;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const binDir = path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const bin = path.join(binDir, 'temporal');
  if (isExecutable(bin)) return bin;
  if (!which('go')) {
    log('tools', 'no Temporal CLI and no Go toolchain: falling back to the SDK download of the dev server');
    return null;
  }
  log('tools', `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${binDir} (first time only, 3–8 min on 2 cores)…`);
  const started = Date.now();
  const tmpBin = fs.mkdtempSync(path.join(cacheDir(), 'gobin-'));
  const res = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: tmpBin, GOFLAGS: '-buildvcs=false' },
  });
  if (res.status !== 0) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    throw new Error(`go install of the Temporal CLI failed (exit ${res.status}); see the output above`);
  }
  fs.mkdirSync(binDir, { recursive: true });
  fs.renameSync(path.join(tmpBin, 'temporal'), bin); // atomic: a half-built binary is never cached
  fs.rmSync(tmpBin, { recursive: true, force: true });
  log('tools', `Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s`);
  return bin;
}

/**
 * Path of an executable that starts the Java time-skipping test server as `<exe> <port>`.
 * It is a wrapper that `exec`s java, because the SDK kills only its direct child on teardown.
 * Order: $TEMPORAL_TEST_SERVER, the cache, Maven into the cache. Null when neither works.
 */
function ensureTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER) return process.env.TEMPORAL_TEST_SERVER;
  // -cds: the wrapper starts the JVM with C1 only and an AppCDS archive (≈1 s instead of ≈3 s idle), because
  // the SDK gives the server only 5 s to open its port, which a loaded 2-core machine can exceed.
  const dir = path.join(cacheDir(), `temporal-test-server-${TEST_SERVER_VERSION}-cds`);
  const wrapper = path.join(dir, 'temporal-test-server');
  if (isExecutable(wrapper)) return wrapper;
  if (!which('mvn') || !which('java')) {
    log('tools', 'no Maven/Java: falling back to the SDK download of the time-skipping test server');
    return null;
  }
  log(
    'tools',
    `fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} and its dependencies with Maven (first time only, ~30–60 s)…`,
  );
  const work = fs.mkdtempSync(path.join(cacheDir(), 'mvn-'));
  const jars = path.join(work, 'jars');
  fs.writeFileSync(
    path.join(work, 'pom.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kybaocao.tools</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`,
  );
  const res = spawnSync('mvn', ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${jars}`], {
    cwd: work,
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`Maven could not fetch the Temporal test server (exit ${res.status}); see the output above`);
  }
  const jvm = '-Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1';
  fs.writeFileSync(
    path.join(work, 'temporal-test-server'),
    '#!/bin/sh\n# Generated by kybaocao scripts/lib/tools.js. exec: the SDK kills only its direct child.\n' +
      'here="$(cd "$(dirname "$0")" && pwd)"\n' +
      'cds=""; [ -f "$here/classes.jsa" ] && cds="-XX:SharedArchiveFile=$here/classes.jsa -Xshare:auto"\n' +
      `exec java ${jvm} $cds -cp "$here/jars/*" io.temporal.testserver.TestServer "$@"\n`,
    { mode: 0o755 },
  );
  // Class-data-sharing archive: start the server once, let it load its classes, stop it gracefully.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const cds = spawnSync(
    'bash',
    [
      '-c',
      `java ${jvm} -XX:ArchiveClassesAtExit="$1/classes.jsa" -cp "$1/jars/*" io.temporal.testserver.TestServer ${port} >/dev/null 2>&1 & pid=$!
    for i in $(seq 1 600); do (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null && break; sleep 0.1; done
    sleep 1; kill -TERM $pid; wait $pid; test -f "$1/classes.jsa"`,
      'cds',
      work,
    ],
    { stdio: 'inherit' },
  );
  if (cds.status !== 0) log('tools', 'could not build the class-data-sharing archive; the test server starts without it');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(work, dir);
  return wrapper;
}

/**
 * Path of a Chromium for the browser tests (playwright-core drives it; no Playwright browser download).
 * Order: $CHROMIUM_PATH, `chromium` / `chromium-browser` on PATH, /usr/bin/chromium; else, when running as
 * root with apt-get, installs Debian's `chromium` package (first time only); else throws.
 */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (!isExecutable(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable`);
    return process.env.CHROMIUM_PATH;
  }
  const found = () => which('chromium') || which('chromium-browser') || (isExecutable('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
  const existing = found();
  if (existing) return existing;
  if (!canAptInstall()) {
    throw new Error('no Chromium found: install it (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to its executable');
  }
  const started = Date.now();
  log('tools', "installing Debian's chromium with apt-get for the browser tests (first time only, ≈1–3 min)…");
  const status = aptInstall(['chromium']);
  const bin = found();
  if (status !== 0 || !bin) throw new Error(`apt-get install chromium failed (exit ${status}); install Chromium or set CHROMIUM_PATH`);
  log('tools', `Chromium installed in ${Math.round((Date.now() - started) / 1000)} s: ${bin}`);
  return bin;
}

/** The Debian package that gives the API its PDF export (LibreOffice Writer without the desktop parts). */
const LIBREOFFICE_PACKAGE = 'libreoffice-writer-nogui';

/** LibreOffice as the API looks for it (`soffice`, else `libreoffice`, on PATH), or null. */
function findLibreOffice() {
  return which('soffice') || which('libreoffice');
}

/** Installs LibreOffice with apt-get (root only); returns its path, or null when that was not possible. */
function installLibreOffice() {
  if (!canAptInstall()) {
    log('tools', `cannot install LibreOffice: needs root and apt-get (install ${LIBREOFFICE_PACKAGE} yourself)`);
    return null;
  }
  const started = Date.now();
  log('tools', `installing Debian's ${LIBREOFFICE_PACKAGE} with apt-get for PDF export (first time only, ≈2–5 min)…`);
  const status = aptInstall([LIBREOFFICE_PACKAGE]);
  const bin = findLibreOffice();
  if (status !== 0 || !bin) {
    log('tools', `apt-get install ${LIBREOFFICE_PACKAGE} failed (exit ${status})`);
    return null;
  }
  log('tools', `LibreOffice installed in ${Math.round((Date.now() - started) / 1000)} s: ${bin}`);
  return bin;
}

const canAptInstall = () => Boolean(which('apt-get')) && typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * `apt-get install` of Debian packages (root): refreshes the package lists first when there are none, and
 * once more before a retry when the install fails (stale lists). Returns apt-get's exit status.
 */
function aptInstall(packages) {
  const apt = which('apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync(apt, ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  const listsEmpty = () => {
    try {
      return !fs.readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('Packages') || f.includes('_Packages'));
    } catch {
      return true;
    }
  };
  if (listsEmpty()) {
    log('tools', 'no apt package lists: running apt-get update (≈10–30 s)…');
    spawnSync(apt, ['update', '-qq'], { stdio: 'inherit', env });
  }
  let res = install();
  if (res.status !== 0) {
    log('tools', 'apt-get install failed; refreshing the package lists with apt-get update and retrying…');
    spawnSync(apt, ['update', '-qq'], { stdio: 'inherit', env });
    res = install();
  }
  return res.status;
}

module.exports = {
  cacheDir,
  ensureTemporalCli,
  ensureTestServer,
  ensureChromium,
  findLibreOffice,
  installLibreOffice,
  LIBREOFFICE_PACKAGE,
  TEMPORAL_CLI_VERSION,
  TEST_SERVER_VERSION,
};
