import { nextFireTime, type Pipeline, type ScheduleSync } from "@gyre/core/training/index";

/** setTimeout's ceiling (about 24.8 days); a later fire waits in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface LocalScheduleSync extends ScheduleSync {
  /** When each armed pipeline fires next. */
  nextFires(): Map<string, Date>;
  close(): Promise<void>;
}

/**
 * Pipeline schedules locally: one setTimeout per enabled scheduled pipeline, to its next
 * fire time in UTC, re-armed from each fire and on every sync. `now` is the clock the
 * delays are measured on (tests move it next to a fire time instead of waiting a minute).
 */
export function localScheduleSync(
  fire: (pipeline: string, scheduledTime: Date) => Promise<void>,
  options: { now?: () => Date } = {},
): LocalScheduleSync {
  const now = options.now ?? (() => new Date());
  const armed = new Map<string, { timer: NodeJS.Timeout; at: Date }>();

  const disarm = (name: string) => {
    clearTimeout(armed.get(name)?.timer);
    armed.delete(name);
  };
  const wait = (name: string, expression: string, at: Date) => {
    const delay = at.getTime() - now().getTime();
    const timer = setTimeout(
      () => {
        if (delay > MAX_DELAY_MS) return wait(name, expression, at);
        // A fire that came late (a sleeping laptop) is not followed by every one it missed.
        arm(name, expression, new Date(Math.max(at.getTime(), now().getTime())));
        fire(name, at).catch((error: unknown) =>
          console.error(`Scheduled run of pipeline ${name} failed: ${String(error)}`),
        );
      },
      Math.min(Math.max(0, delay), MAX_DELAY_MS),
    );
    armed.set(name, { timer, at });
  };
  const arm = (name: string, expression: string, after: Date) => {
    disarm(name);
    const at = nextFireTime(expression, after);
    if (at) wait(name, expression, at);
  };

  return {
    async sync(pipeline: Pipeline) {
      const expression = pipeline.trigger.schedule;
      if (pipeline.enabled && expression) arm(pipeline.name, expression, now());
      else disarm(pipeline.name);
    },
    nextFires() {
      return new Map([...armed].map(([name, { at }]) => [name, at]));
    },
    async close() {
      for (const name of [...armed.keys()]) disarm(name);
    },
  };
}
