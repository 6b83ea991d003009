import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './retry-policy';

describe('nextAttemptAt', () => {
  const failedAt = new Date('2026-12-14T01:00:00Z');
  const after = (ms: number) => new Date(failedAt.getTime() + ms);

  it.each([
    [1, after(60_000)],
    [2, after(5 * 60_000)],
    [3, after(30 * 60_000)],
    [4, after(120 * 60_000)],
    [5, null],
    [6, null],
  ])('with the default policy, after failed attempt %p → %p', (attempt, expected) => {
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, attempt, failedAt)).toEqual(expected);
  });

  it('repeats the last wait when there are more attempts than waits', () => {
    expect(nextAttemptAt({ backoffMs: [1000, 2000], maxAttempts: 4 }, 3, failedAt)).toEqual(after(2000));
  });

  it('refuses an attempt number below 1 and an empty policy', () => {
    expect(() => nextAttemptAt(DEFAULT_RETRY_POLICY, 0, failedAt)).toThrow(RangeError);
    expect(() => nextAttemptAt({ backoffMs: [], maxAttempts: 3 }, 1, failedAt)).toThrow(RangeError);
  });
});
