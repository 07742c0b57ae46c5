/** Calls each tick again `everyMs` after its last call ended; never two calls of one tick at once. */
export interface LocalTicks {
  start(name: string, fire: () => Promise<void>): void;
  close(): Promise<void>;
}

/**
 * The fixed-rate callbacks on one machine (an EventBridge Scheduler `rate(...)` schedule on
 * AWS): a timer per tick, re-armed when its call ends, so a slow call is never overlapped.
 * `everyMs` 0 starts nothing (tests drive the callbacks themselves).
 */
export function localTicks(
  everyMs: number,
  log: (line: string) => void = console.error,
): LocalTicks {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;
  const arm = (name: string, fire: () => Promise<void>) => {
    if (closed || everyMs <= 0) return;
    const timer = setTimeout(() => {
      const call = fire()
        .catch((error: unknown) => log(`Tick ${name} failed: ${String(error)}`))
        .finally(() => {
          running.delete(call);
          arm(name, fire);
        });
      running.add(call);
    }, everyMs);
    timer.unref();
    timers.set(name, timer);
  };
  return {
    start: arm,
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
