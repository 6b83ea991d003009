'use strict';
// Installs node_modules on first use (and again when package-lock.json is newer than the installed tree),
// without ever modifying a tracked file: `npm ci` installs exactly the lock; should it refuse the lock
// (say a lock edited by hand or made by an npm that left some platform's optional packages out), the
// fallback `npm install --no-save` resolves from the same lock but writes neither package.json nor
// package-lock.json. Both leave node_modules/.package-lock.json, npm's record of the installed tree, which
// serves as the freshness marker.
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
    log('deps', '`npm ci` refused the lock (see above); installing with `npm install --no-save`, which leaves the lock as it is');
    res = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund'], opts);
  }
  if (res.status !== 0) throw new Error(`npm install failed with exit code ${res.status}`);
  // npm may keep the marker's old mtime when nothing changed; touch it so that the next run does not reinstall.
  if (fs.existsSync(marker)) {
    const now = new Date();
    fs.utimesSync(marker, now, now);
  }
}

module.exports = { ensureNodeModules };
