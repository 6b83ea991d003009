export interface NotificationLoopDeps {
  dispatcher: { dispatchDue(): Promise<unknown> };
  /** Issues coordinator digests before each dispatch (so a digest goes out in the same tick). */
  digests?: { issueDue(): Promise<unknown> };
  /** Pause between the end of one tick and the start of the next. Default 60 s. */
  intervalMs?: number;
  onError: (error: unknown) => void;
}

export interface NotificationLoop {
  /**
   * Runs a tick now instead of at the end of the pause (something was just issued that should go out at once,
   * e.g. a return). During a tick, one more tick follows right after it. Never overlaps ticks.
   */
  wake(): void;
  /** Stops scheduling ticks and resolves once the tick in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs digests + dispatch now and then every `intervalMs`, one tick at a time (a slow SMTP server delays the
 * next tick instead of overlapping it). A failing step is reported to `onError` and the loop goes on.
 * Several processes may run a loop at once: the dispatcher's claims and the digest's dedupe key keep every
 * message single.
 */
export function startNotificationLoop(deps: NotificationLoopDeps): NotificationLoop {
  const intervalMs = deps.intervalMs ?? 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  let running = false;
  let wokenDuringTick = false;

  const attempt = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      deps.onError(error);
    }
  };
  // A failing digest must not hold back the reminders, nor the other way round.
  const tick = async () => {
    if (deps.digests) await attempt(() => deps.digests!.issueDue());
    await attempt(() => deps.dispatcher.dispatchDue());
  };
  const schedule = () => {
    if (stopped) return;
    timer = undefined;
    running = true;
    current = tick().then(() => {
      running = false;
      if (stopped) return;
      if (wokenDuringTick) {
        wokenDuringTick = false;
        timer = setTimeout(schedule, 0);
      } else {
        timer = setTimeout(schedule, intervalMs);
      }
    });
  };
  schedule();

  return {
    wake() {
      if (stopped) return;
      if (running) {
        wokenDuringTick = true;
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(schedule, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
