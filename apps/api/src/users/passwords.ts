/** Shortest password an account may have (set by its user or by an administrator's reset). */
export const MIN_PASSWORD_LENGTH = 10;
