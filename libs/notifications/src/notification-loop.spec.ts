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
      dispatcher: {
        dispatchDue: () => {
          started++;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      },
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
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // the second dispatch is still running
    release();
    await stopping;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(2);
  });
});

describe('NotificationLoop.wake', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a tick at once instead of after the pause, and one more right after a tick in progress', async () => {
    let ticks = 0;
    let release: (() => void) | null = null;
    let hold = false;
    const loop = startNotificationLoop({
      dispatcher: {
        dispatchDue: () => {
          ticks++;
          return hold
            ? new Promise<void>((resolve) => {
                release = resolve;
              })
            : Promise.resolve();
        },
      },
      intervalMs: 60_000,
      onError: () => undefined,
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(1);
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(2); // not 60 s later

    hold = true;
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(3); // a slow tick is under way
    loop.wake();
    loop.wake();
    await jest.advanceTimersByTimeAsync(1000);
    expect(ticks).toBe(3); // never overlapping
    hold = false;
    release!();
    await jest.advanceTimersByTimeAsync(0);
    expect(ticks).toBe(4); // one follow-up tick for the wakes during the slow one
    await jest.advanceTimersByTimeAsync(59_999);
    expect(ticks).toBe(4);
    await jest.advanceTimersByTimeAsync(1);
    expect(ticks).toBe(5);
    await loop.stop();
    loop.wake();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(ticks).toBe(5);
  });
});
