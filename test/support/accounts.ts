import { randomUUID } from 'node:crypto';
import { ApiSession } from '../../apps/api/src/demo/seed-demo';
import { request } from './api-stack';

/** Accounts for the tests of account administration (GET/PATCH /users/{id}, disable, enable, reset-password, unlock). */
export const ACCOUNT_PASSWORD = 'tai-khoan-thu-1';

/** A fresh clerk account (unique username with `prefix`). */
export async function createAccount(
  admin: ApiSession,
  prefix: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; username: string }> {
  const username = `${prefix}.${randomUUID().slice(0, 8)}`;
  const res = await admin.call('POST', '/users', {
    username,
    displayName: 'Tài khoản thử',
    password: ACCOUNT_PASSWORD,
    roles: ['clerk'],
    ...extra,
  });
  if (res.status !== 201) throw new Error(`POST /users ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username };
}

/** Five wrong passwords in a row: the account is locked out from this address (each answered 401, as any wrong password). */
export async function lockOut(baseUrl: string, username: string): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const res = await request(baseUrl, 'POST', '/auth/login', { body: { username, password: `sai-mat-khau-${i}` } });
    if (res.status !== 401) throw new Error(`failed login ${i} of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** One account per administrative endpoint, each in the state its allowed call needs. */
export interface AccountFixtures {
  read: string;
  change: string;
  disable: string;
  /** Disabled. */
  enable: string;
  reset: string;
  /** Locked out. */
  unlock: string;
}

export async function accountFixtures(baseUrl: string, admin: ApiSession): Promise<AccountFixtures> {
  const [read, change, disable, enable, reset, unlock] = await Promise.all(
    ['doc', 'sua', 'khoa', 'mo', 'datlai', 'mokhoa'].map((p) => createAccount(admin, `matrix-${p}`)),
  );
  const disabled = await admin.call('POST', `/users/${enable.id}/disable`, {});
  if (disabled.status !== 200) throw new Error(`disable fixture: ${disabled.status} ${JSON.stringify(disabled.body)}`);
  await lockOut(baseUrl, unlock.username);
  return { read: read.id, change: change.id, disable: disable.id, enable: enable.id, reset: reset.id, unlock: unlock.id };
}
