import type { RunTimer } from "@gyre/core/training/index";

/** The local debounce timer: one setTimeout per queued run, replaced when the run's window moves. */
export function localRunTimer(
  fire: (runId: string) => Promise<void>,
): RunTimer & { close(): Promise<void> } {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    async at(when: Date, runId: string) {
      clearTimeout(timers.get(runId));
      const timer = setTimeout(
        () => {
          timers.delete(runId);
          fire(runId).catch((error: unknown) =>
            console.error(`Submitting run ${runId} failed: ${String(error)}`),
          );
        },
        Math.max(0, when.getTime() - Date.now()),
      );
      timers.set(runId, timer);
    },
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
