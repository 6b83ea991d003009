import { Injectable } from '@nestjs/common';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Pairs remembered at most (the oldest are forgotten first): the ledger's memory is bounded. */
const MAX_ENTRIES = 50_000;

/**
 * Lock-out against the offending address only: after MAX_FAILED_LOGINS wrong passwords for one username from
 * one address, that address is refused for that username for LOCK_MINUTES — with the same answer and the same
 * argon2 work as a wrong password — while the account's owner still logs in from anywhere else. (A lock on the
 * account itself let anyone keep `admin` locked forever.) Guessing from many addresses is bounded by the
 * per-username rate limit (login-throttle.ts). Kept in memory per API process.
 */
@Injectable()
export class LoginLockouts {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number | null }>();

  isLocked(username: string, address: string, now: Date): boolean {
    const e = this.entries.get(key(username, address));
    return !!e?.lockedUntil && e.lockedUntil > now.getTime();
  }

  recordFailure(username: string, address: string, now: Date): void {
    const k = key(username, address);
    const e = this.entries.get(k) ?? { failures: 0, lockedUntil: null };
    if (e.lockedUntil && e.lockedUntil <= now.getTime()) Object.assign(e, { failures: 0, lockedUntil: null });
    e.failures += 1;
    if (e.failures >= MAX_FAILED_LOGINS) e.lockedUntil = now.getTime() + LOCK_MINUTES * 60_000;
    this.entries.delete(k);
    this.entries.set(k, e);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  recordSuccess(username: string, address: string): void {
    this.entries.delete(key(username, address));
  }

  /** An administrator lifted the account's lock: every address's lock-out of this username too. */
  clear(username: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(`${username}\u0000`)) this.entries.delete(k);
  }
}

const key = (username: string, address: string) => `${username}\u0000${address}`;
