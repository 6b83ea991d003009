import type { Role } from './roles';

/** The authenticated caller, as the session guard loads it on every request (session-token.ts). */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Units the user reports for (reporter). */
  unitIds: string[];
  /** The office (coordinator, reviewer). */
  officeUnitId: string | null;
  /** An administrator reset the password: only /auth/me, /auth/password and /auth/logout until it is changed. */
  mustChangePassword: boolean;
  sessionId: string;
}
