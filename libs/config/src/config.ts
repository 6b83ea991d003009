import type { PartyTerm } from '@kybaocao/domain/document/document-number';

/**
 * Every setting is an environment variable (documented in README.md); defaults suit `npm start`.
 * A class, so that Nest can inject it by type.
 */
export class AppConfig {
  /**
   * What the services connect with: DATABASE_APP_URL (their own login role: not superuser, not owner, not a member
   * of the owner), else DATABASE_URL (the owner's; only for setups that predate DATABASE_APP_URL, with SET ROLE).
   */
  databaseUrl: string;
  /** Role the services SET ROLE to: INSERT/SELECT on the event store only. Empty: no SET ROLE (default with DATABASE_APP_URL). */
  databaseAppRole: string;
  /** HMAC key of the event log's signed checkpoints (CHECKPOINT_KEY); null: no checkpoints. */
  checkpointKey: { secret: string } | null;
  /** How often the worker signs a checkpoint when the log moved. */
  checkpointIntervalMs: number;
  /** Login attempts allowed per window, per client address and per username. */
  loginRateLimit: { perAddress: number; perUsername: number; windowMs: number };
  /** argon2 hashes and verifications at once, and how many more may wait (beyond: 503 SERVER_BUSY). */
  passwordHashing: { concurrency: number; queue: number };
  temporal: { address: string; namespace: string; taskQueue: string };
  /**
   * Where the API listens. `processIndex`: this process's place among the API's processes (API_PROCESS_INDEX, set
   * by the clustered API's primary, see API_PROCESSES; 0 when it runs alone): process 0 alone keeps the read
   * models current in the background.
   */
  api: { host: string; port: number; publicUrl: string; processIndex: number };
  /** HMAC secret of session tokens (JWT). */
  jwtSecret: string;
  /** When set and no account exists yet, the API creates `admin` with this password at start. */
  bootstrapAdminPassword: string | null;
  /**
   * Party committee terms (nhiệm kỳ) the numbering register uses: a Party document's number runs from 01 for
   * the whole term. PARTY_TERMS (JSON list of { fromYear, toYear, startsOn?, endsOn? }); the default is the
   * 2020–2025 term and the 2025–2030 term from the congresses of mid-2025.
   */
  partyTerms: PartyTerm[];
  /** PDF export (LibreOffice): conversions at once (PDF_CONCURRENCY, default 2; the others wait) and documents cached. */
  pdf: { concurrency: number; cacheEntries: number };
  /** Rendered DOCX files kept, in bytes (DOCX_CACHE_MB, default 64): a download of a document kept renders nothing. */
  docx: { maxBytes: number };

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const port = Number(env.API_PORT ?? 3000);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`API_PORT=${env.API_PORT} is not a port`);
    const host = env.API_HOST ?? '127.0.0.1';
    return Object.assign(new AppConfig(), {
      databaseUrl: env.DATABASE_APP_URL || required(env, 'DATABASE_URL'),
      databaseAppRole: env.DATABASE_APP_ROLE ?? (env.DATABASE_APP_URL ? '' : 'kybaocao_app'),
      checkpointKey: env.CHECKPOINT_KEY ? { secret: requiredSecret(env, 'CHECKPOINT_KEY') } : null,
      checkpointIntervalMs: Number(env.CHECKPOINT_INTERVAL_MS ?? 60_000),
      loginRateLimit: {
        perAddress: Number(env.LOGIN_RATE_LIMIT_PER_ADDRESS ?? 30),
        perUsername: Number(env.LOGIN_RATE_LIMIT_PER_USERNAME ?? 10),
        windowMs: Number(env.LOGIN_RATE_LIMIT_WINDOW_MS ?? 60_000),
      },
      passwordHashing: {
        concurrency: Math.max(1, Number(env.PASSWORD_HASH_CONCURRENCY ?? 2)),
        queue: Math.max(0, Number(env.PASSWORD_HASH_QUEUE ?? 32)),
      },
      temporal: {
        address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
        namespace: env.TEMPORAL_NAMESPACE ?? 'default',
        taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'kybaocao-cycles',
      },
      api: {
        host,
        port,
        publicUrl: env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
        processIndex: Number(env.API_PROCESS_INDEX ?? 0),
      },
      jwtSecret: requiredSecret(env, 'JWT_SECRET'),
      bootstrapAdminPassword: env.BOOTSTRAP_ADMIN_PASSWORD || null,
      partyTerms: partyTerms(env),
      pdf: { concurrency: Number(env.PDF_CONCURRENCY ?? 2), cacheEntries: Number(env.PDF_CACHE_ENTRIES ?? 50) },
      docx: { maxBytes: positiveNumber(env, 'DOCX_CACHE_MB', 64) * 1024 * 1024 },
    });
  }
}

export function partyTerms(env: NodeJS.ProcessEnv = process.env): PartyTerm[] {
  if (env.PARTY_TERMS) return JSON.parse(env.PARTY_TERMS) as PartyTerm[];
  return [
    { fromYear: 2020, toYear: 2025, startsOn: '2020-07-01', endsOn: '2025-06-30' },
    { fromYear: 2025, toYear: 2030, startsOn: '2025-07-01' },
  ];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

function requiredSecret(env: NodeJS.ProcessEnv, name: string): string {
  const value = required(env, name);
  if (value.length < 32) throw new Error(`environment variable ${name} must be at least 32 characters`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${env[name]} is not a positive number`);
  return value;
}
