import { startNotificationLoop } from './notification-loop';

describe('startNotificationLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('issues digests then dispatches, once per interval, and goes on after a failing step', async () => {
    const calls: string[] = [];
    const errors: unknown[] = [];
    let failDigest = true;
    const loop = startNotificationLoop({
      digests: {
        issueDue: async () => {
          calls.push('digest');
          if (failDigest) {
            failDigest = false;
            throw new Error('database down');
          }
        },
      },
      dispatcher: { dispatchDue: async () => calls.push('dispatch') },
      intervalMs: 1000,
      onError: (e) => errors.push(e),
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['digest', 'dispatch']); // a failed digest does not hold back the dispatch
    expect(errors).toEqual([new Error('database down')]);
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['digest', 'dispatch', 'digest', 'dispatch']);

    await loop.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(4);
  });

  it('never overlaps ticks: a slow dispatch delays the next one, and stop() waits for it', async () => {
    let release!: () => void;
    let started = 0;
    const loop = startNotificationLoop({
      dispatcher: { dispatchDue: () => { started++; return new Promise<void>((resolve) => { release = resolve; }); } },
      intervalMs: 1000,
      onError: () => undefined,
    });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(1);
    release();
    await jest.advanceTimersByTimeAsync(999);
    expect(started).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toBe(2);

    let stopped = false;
    const stopping = loop.stop().then(() => { stopped = true; });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // the second dispatch is still running
    release();
    await stopping;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(2);
  });
});
