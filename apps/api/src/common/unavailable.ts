import { ServiceError } from '@temporalio/client';
import type { ApiError } from './api-exception.filter';

/**
 * The one home of "a dependency is down, come back later": PostgreSQL or Temporal unreachable (stopped, restarting,
 * a connection lost mid-request) answers 503 with Retry-After, never a 500 and never a hang. Nothing is known to
 * have changed: a client retries with the same Idempotency-Key.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Socket-level failures of a TCP connection (pg's and gRPC's), by Node's error code. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** PostgreSQL SQLSTATEs of a server going away or not taking connections: class 08, admin/crash shutdown, starting up, too many connections. */
const PG_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300)$/;
/** What node-postgres says (without a code) when the server closed the connection or a pooled connect timed out. */
const PG_MESSAGES =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/;
/** gRPC statuses of a Temporal server that cannot be reached (the workflow's own answers are mapped elsewhere). */
const GRPC_UNAVAILABLE = new Set<number>([14 /* UNAVAILABLE */, 4 /* DEADLINE_EXCEEDED */]);

export type Dependency = 'database' | 'temporal';

/** Which dependency `err` says is unreachable, or null when it is another failure. Looks through causes and wrappers. */
export function unavailableDependency(err: unknown, depth = 0): Dependency | null {
  if (!err || typeof err !== 'object' || depth > 5) return null;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (err instanceof ServiceError || isGrpcError(err)) {
    const code = isGrpcError(err) ? (err as { code: number }).code : grpcCode(e.cause);
    if (code !== null && GRPC_UNAVAILABLE.has(code)) return 'temporal';
  }
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return 'database';
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return 'database';
  for (const inner of [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unavailableDependency(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The 503 answer for an unreachable dependency (its name is for operators; the message says no more than that). */
export function unavailableBody(dependency: Dependency): ApiError {
  return dependency === 'database'
    ? {
        statusCode: 503,
        error: 'DATABASE_UNAVAILABLE',
        message: 'the database cannot be reached; retry later',
        messageVi: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu; vui lòng thử lại sau ít phút.',
      }
    : {
        statusCode: 503,
        error: 'WORKFLOW_SERVICE_UNAVAILABLE',
        message: 'the workflow service cannot be reached; retry later',
        messageVi: 'Hệ thống tạm thời không truy cập được dịch vụ điều phối kỳ báo cáo; vui lòng thử lại sau ít phút.',
      };
}

/** Seconds a 503 tells the client to wait (Retry-After): what the refusal says, else the default. */
export const retryAfterOf = (err: unknown): number => {
  const s = (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof s === 'number' && Number.isInteger(s) && s > 0 ? s : RETRY_AFTER_SECONDS;
};

function isGrpcError(err: object): boolean {
  const e = err as { code?: unknown; details?: unknown; metadata?: unknown };
  return typeof e.code === 'number' && typeof e.details === 'string' && typeof e.metadata === 'object';
}

function grpcCode(err: unknown): number | null {
  return err && typeof err === 'object' && isGrpcError(err) ? (err as { code: number }).code : null;
}
