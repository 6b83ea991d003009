'use strict';
// Installs node_modules on first use. `npm ci` may reject a lock made on another platform (npm leaves
// foreign optional packages the registry lacks out of the lock), so fall back to `npm install`.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { log } = require('./util');

function ensureNodeModules(root) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('deps', 'installing npm dependencies (first time ~40 s)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const opts = { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true' } };
  let res = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], opts);
  if (res.status !== 0) {
    log('deps', '`npm ci` failed (often a lock file made on another platform); retrying with `npm install`');
    res = spawnSync(npm, ['install', '--no-audit', '--no-fund'], opts);
  }
  if (res.status !== 0) throw new Error(`npm install failed with exit code ${res.status}`);
}

module.exports = { ensureNodeModules };
