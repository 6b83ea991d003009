/**
 * The one error type the domain throws when it rejects a command.
 *
 * - `code`: stable, UPPER_SNAKE; clients and tests match on it, never on the text.
 * - `message`: English, for logs.
 * - `messageVi`: Vietnamese, for the UI (NFC).
 * - `httpStatus`: 409 when the command conflicts with the current state (wrong phase or status, already
 *   done), 422 when the command itself is semantically invalid (missing reason, unknown indicator, a value
 *   rule violated, dates out of order).
 */
export type DomainErrorStatus = 409 | 422;

const CODE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

export interface DomainErrorInit {
  code: string;
  message: string;
  messageVi: string;
  httpStatus: DomainErrorStatus;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly messageVi: string;
  readonly httpStatus: DomainErrorStatus;
  declare readonly details?: Record<string, unknown>;

  constructor(init: DomainErrorInit) {
    super(init.message);
    if (!CODE_PATTERN.test(init.code)) {
      // A programming mistake, not a business rejection: fail loudly with a plain Error.
      throw new Error(`DomainError code must be UPPER_SNAKE, got "${init.code}"`);
    }
    this.code = init.code;
    this.messageVi = init.messageVi.normalize('NFC');
    this.httpStatus = init.httpStatus;
    if (init.details !== undefined) this.details = init.details;
  }
}

/** 409: the command conflicts with the current state (wrong phase or status). Use as `throw conflict(...)`. */
export function conflict(code: string, message: string, messageVi: string, details?: Record<string, unknown>): DomainError {
  return new DomainError({ code, message, messageVi, httpStatus: 409, details });
}

/** 422: the command is semantically invalid whatever the state. Use as `throw invalid(...)`. */
export function invalid(code: string, message: string, messageVi: string, details?: Record<string, unknown>): DomainError {
  return new DomainError({ code, message, messageVi, httpStatus: 422, details });
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Runs `fn` and returns the DomainError it throws. Throws a plain Error when `fn` returns normally or
 * throws anything else, so a test built on it cannot pass by accident.
 */
export function catchDomainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`expected a DomainError, got: ${String(error)}`);
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
