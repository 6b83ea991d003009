#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing (npm packages, Temporal CLI, time-skipping server), lints the
// deterministic code, type-checks and builds (the end-to-end tests run the built API and worker), then runs
// every Jest project. Jest's integration global setup starts PostgreSQL and Temporal. Extra arguments go to Jest.
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureNodeModules } = require('./lib/deps');
const { log } = require('./lib/util');

const root = path.resolve(__dirname, '..');

function step(name, args) {
  const started = Date.now();
  log('test', `${name}…`);
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  log('test', `${name}: ${res.status === 0 ? 'ok' : `failed (exit ${res.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (res.status !== 0) process.exit(res.status || 1);
}

ensureNodeModules(root);
const { ensureTemporalCli, ensureTestServer, ensureChromium } = require('./lib/tools');
const cli = ensureTemporalCli();
const testServer = ensureTestServer();
process.env.CHROMIUM_PATH = ensureChromium(); // for the browser tests of the web UI
if (cli) process.env.TEMPORAL_CLI = cli;
if (testServer) process.env.TEMPORAL_TEST_SERVER = testServer;
// Docker Compose for the check of docker-compose.yml (test/scripts/docker-compose.script-spec.ts): built here, first time only.
try {
  require('./lib/docker-compose').ensureDockerCompose();
} catch (err) {
  log('test', `${err.message} (the docker-compose.yml check will fail)`);
}

// Packages' own entry scripts (some packages do not export them, so no require.resolve).
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
step('lint (type-aware, whole repository; workflow determinism, pure domain)', [bin('eslint', 'bin/eslint.js'), '.']);
step('formatting (prettier --check)', [bin('prettier', 'bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']);
step('type-check and build', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json']);
step('path aliases in dist (@kybaocao/* → relative)', [bin('tsc-alias', 'dist/bin/index.js'), '-p', 'tsconfig.build.json']);
step('type-check tests', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
// --- web app (apps/web): typed client, type-check, lint, build, component tests; before jest, whose browser specs load dist/web ---
for (const [name, args] of require('./lib/web').webSteps(root)) step(name, args);
// --- end web app ---
step('jest', [bin('jest', 'bin/jest.js'), '--ci', ...process.argv.slice(2)]);
