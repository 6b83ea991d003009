import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One increment in this many also drops the windows that ended an hour ago or more (one indexed DELETE). */
const SWEEP_EVERY = 200;

/**
 * The login rate limit's counters in PostgreSQL (`login_rate_windows`), shared by every API process: the
 * throttler's default storage is the process's memory, where N processes would allow N times the attempts.
 * A fixed window per key: the first attempt opens it for `ttl` ms; beyond `limit` attempts every one is refused
 * until the window ends (the answer's Retry-After). One statement per attempt, atomic across processes.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  private increments = 0;

  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [row]: { hits: number; ms_left: number }[] = await this.db.query(
      `INSERT INTO login_rate_windows AS w (key, throttler, hits, expires_at)
       VALUES ($1, $2, 1, clock_timestamp() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (key, throttler) DO UPDATE SET
         hits = CASE WHEN w.expires_at <= clock_timestamp() THEN 1 ELSE w.hits + 1 END,
         expires_at = CASE WHEN w.expires_at <= clock_timestamp() THEN EXCLUDED.expires_at ELSE w.expires_at END
       RETURNING hits, greatest(0, extract(epoch FROM w.expires_at - clock_timestamp()) * 1000)::float8 AS ms_left`,
      [key, throttlerName, ttl],
    );
    if (++this.increments % SWEEP_EVERY === 0) {
      await this.db.query(`DELETE FROM login_rate_windows WHERE expires_at < clock_timestamp() - interval '1 hour'`);
    }
    const secondsLeft = Math.max(1, Math.ceil(row.ms_left / 1000));
    const isBlocked = row.hits > limit;
    return { totalHits: row.hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }
}
