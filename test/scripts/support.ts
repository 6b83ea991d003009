// Helpers for the tests of the scripts (scripts/*.js): processes seen through /proc, ports, clones.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { canConnect } = require('../../scripts/lib/util');
const { findPgBin } = require('../../scripts/lib/postgres');

export const root = path.resolve(__dirname, '../..');
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface ProcessInfo {
  pid: number;
  pgid: number;
  state: string;
  cmdline: string;
}

/** Every live (not zombie) process on the machine, read from /proc. */
export function processes(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may contain spaces and parentheses, so split after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), pgid: Number(pgrp), state, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export const alive = (pid: number) => processes().some((p) => p.pid === pid);

/** The postmaster's PID from a cluster's postmaster.pid, or null when it has none (not running). */
export function postmasterPid(clusterDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

/** Ports among `ports` that still accept connections. */
export async function portsInUse(ports: number[]): Promise<number[]> {
  const used: number[] = [];
  for (const port of ports) if (await canConnect(port)) used.push(port);
  return used;
}

/** `git clone` of this repository's HEAD into `dir` (which must not exist). */
export function cloneRepo(dir: string): void {
  execFileSync('git', ['clone', '--quiet', root, dir], { stdio: 'pipe' });
  // The scripts under test are the working tree's (uncommitted edits included); on CI's fresh clone they
  // are the same files as HEAD's.
  fs.cpSync(path.join(root, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
}

/** A fresh private folder (mode 700, like a home directory) in the system's temporary directory. */
export const privateTempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Last-resort cleanup: stops a cluster left running by a failed test, as its owner. */
export function forceStopCluster(clusterDir: string): void {
  if (postmasterPid(clusterDir) === null) return;
  const pgCtl = path.join(findPgBin(), 'pg_ctl');
  const args = ['-D', clusterDir, '-m', 'immediate', '-w', 'stop'];
  if (isRoot) spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { cwd: '/' });
  else spawnSync(pgCtl, args);
}
