'use strict';
// Docker Compose for `npm test`'s check of docker-compose.yml (`docker compose config`), on machines whose docker
// client has no compose plugin. Like the Temporal CLI (tools.js): built with Go on first use into the cache outside
// the clone (KYBAOCAO_CACHE, default ~/.cache/kybaocao), then reused. Dependency-free.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { log, which } = require('./util');
const { cacheDir } = require('./tools');

// Later v2 tags (and v5) carry `exclude`/`replace` directives in go.mod, which `go install pkg@version` refuses.
const COMPOSE_VERSION = 'v2.28.1';

/**
 * How to run `docker compose`: { argv: [program, ...leading args], env } — the machine's own plugin when the docker
 * client has one; else the cached build as a CLI plugin in a DOCKER_CONFIG of its own (or run on its own when there is
 * no docker client); else `go install` of docker/compose into the cache. Throws when none works.
 */
function ensureDockerCompose() {
  const docker = which('docker');
  if (docker && spawnSync(docker, ['compose', 'version'], { stdio: 'ignore' }).status === 0) {
    return { argv: [docker, 'compose'], env: process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {} };
  }
  const configDir = path.join(cacheDir(), `docker-compose-${COMPOSE_VERSION}`);
  const plugin = path.join(configDir, 'cli-plugins', 'docker-compose');
  if (!isExecutable(plugin)) build(plugin);
  return docker ? { argv: [docker, 'compose'], env: { DOCKER_CONFIG: configDir } } : { argv: [plugin], env: {} };
}

function build(plugin) {
  if (!which('go')) {
    throw new Error('docker compose is needed to check docker-compose.yml: install the Docker Compose plugin, or Go (to build it)');
  }
  log('tools', `building Docker Compose ${COMPOSE_VERSION} with Go into ${path.dirname(plugin)} (first time only, 3–10 min on 2 cores)…`);
  const started = Date.now();
  const tmpBin = fs.mkdtempSync(path.join(cacheDir(), 'gobin-'));
  const res = spawnSync(
    'go',
    [
      'install',
      '-ldflags',
      `-s -w -X github.com/docker/compose/v2/internal.Version=${COMPOSE_VERSION}`,
      `github.com/docker/compose/v2/cmd@${COMPOSE_VERSION}`,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: tmpBin, GOFLAGS: '-buildvcs=false' },
    },
  );
  if (res.status !== 0) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    throw new Error(`go install of Docker Compose ${COMPOSE_VERSION} failed (exit ${res.status}); see the output above`);
  }
  fs.mkdirSync(path.dirname(plugin), { recursive: true });
  fs.renameSync(path.join(tmpBin, 'cmd'), plugin); // atomic: a half-built binary is never cached
  fs.rmSync(tmpBin, { recursive: true, force: true });
  log('tools', `Docker Compose built in ${Math.round((Date.now() - started) / 1000)} s`);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { ensureDockerCompose, COMPOSE_VERSION };
