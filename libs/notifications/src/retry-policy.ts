/** How often and how long a failed e-mail is tried again. */
export interface RetryPolicy {
  /** Wait after the 1st, 2nd … failed attempt; the last value repeats if there are more attempts than values. */
  backoffMs: readonly number[];
  /** Attempts in all, the first included; after the last failure the delivery is given up. */
  maxAttempts: number;
}

const MINUTE = 60_000;

/** 1 min, 5 min, 30 min, 2 h: five attempts over about 2 h 36 min. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { backoffMs: [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE], maxAttempts: 5 };

/** When to try again after attempt number `attempt` failed at `failedAt`; null when it was the last one. */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, failedAt: Date): Date | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  if (policy.backoffMs.length === 0 || policy.maxAttempts < 1)
    throw new RangeError('a retry policy needs a backoff and at least one attempt');
  if (attempt >= policy.maxAttempts) return null;
  const wait = policy.backoffMs[Math.min(attempt, policy.backoffMs.length) - 1];
  return new Date(failedAt.getTime() + wait);
}
