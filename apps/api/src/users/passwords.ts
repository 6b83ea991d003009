import * as argon2 from 'argon2';

/** Shortest password an account may have (set by its user or by an administrator's reset). */
export const MIN_PASSWORD_LENGTH = 10;

/** argon2id hash of a password (slow on purpose). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
