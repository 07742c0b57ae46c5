import { join } from "node:path";
import { nextFireTime } from "@gyre/core/platform/schedules/expression";
import type { RecurringSchedules } from "@gyre/core/platform/schedules/port";
import { jsonFile } from "./json-file";

/** setTimeout's ceiling (about 24.8 days); a later fire waits in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export type FireSchedule = (name: string, scheduledTime: Date) => Promise<void>;

export interface LocalSchedules extends RecurringSchedules {
  /** Arms every schedule kept under GYRE_HOME and calls `fire` from now on. */
  start(fire: FireSchedule): Promise<void>;
  /** When each armed schedule fires next. */
  nextFires(): Map<string, Date>;
  close(): Promise<void>;
}

/**
 * The recurring schedules port on one machine: one setTimeout per name, to its next fire time
 * in UTC, re-armed from each fire and on every sync; the expressions are kept in
 * `<home>/schedules.json`, so they fire again after a restart, as EventBridge Scheduler's
 * would. `now` is the clock the delays are measured on (tests move it next to a fire time).
 */
export function localSchedules(
  home: string,
  options: { now?: () => Date; log?: (line: string) => void } = {},
): LocalSchedules {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? console.error;
  const file = jsonFile<Record<string, string>>(join(home, "schedules.json"), {});
  const armed = new Map<string, { timer: NodeJS.Timeout; at: Date }>();
  let fire: FireSchedule | undefined;

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
        fire?.(name, at).catch((error: unknown) =>
          log(`Scheduled run of pipeline ${name} failed: ${String(error)}`),
        );
      },
      Math.min(Math.max(0, delay), MAX_DELAY_MS),
    );
    armed.set(name, { timer, at });
  };
  const arm = (name: string, expression: string, after: Date) => {
    disarm(name);
    const at = nextFireTime(expression, after);
    if (at && fire) wait(name, expression, at);
  };
  const keep = (name: string, expression: string | undefined) =>
    file.update((kept) => {
      if (expression) kept[name] = expression;
      else delete kept[name];
    });

  return {
    async sync(name, expression) {
      await keep(name, expression);
      if (expression) arm(name, expression, now());
      else disarm(name);
    },
    async start(callback) {
      fire = callback;
      for (const [name, expression] of Object.entries(await file.read())) {
        arm(name, expression, now());
      }
    },
    nextFires() {
      return new Map([...armed].map(([name, { at }]) => [name, at]));
    },
    async close() {
      fire = undefined;
      for (const name of [...armed.keys()]) disarm(name);
    },
  };
}
