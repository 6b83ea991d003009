import type { CookieOptions, Request } from 'express';

/**
 * Express's `trust proxy` from TRUST_PROXY: unset or '' → false (the connection itself says whether it is HTTPS);
 * 'true' → every proxy; a number → that many hops; anything else → Express's list syntax ('loopback',
 * '10.0.0.0/8, 127.0.0.1', …). Only a trusted proxy's X-Forwarded-Proto and X-Forwarded-For count, for the
 * Secure cookie and for the address the login rate limit and lock-out see.
 */
export function trustProxySetting(value = process.env.TRUST_PROXY ?? ''): boolean | number | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** The session cookie: httpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export function sessionCookieOptions(req: Pick<Request, 'secure'>, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure, ...(expires ? { expires } : {}) };
}
