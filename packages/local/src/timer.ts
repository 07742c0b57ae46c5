import { join } from "node:path";
import type { Timer } from "@gyre/core/platform/timers/port";
import { jsonFile } from "./json-file";

export type Fire = (id: string) => Promise<void>;

export interface LocalTimer extends Timer {
  /** Arms every pending timer (kept under GYRE_HOME) and calls `fire` from now on. */
  start(fire: Fire): Promise<void>;
  close(): Promise<void>;
}

/**
 * The timers port on one machine: one setTimeout per id, and the pending ones in
 * `<home>/timers.json`, so a timer set before a restart still fires after it, as an
 * EventBridge Scheduler one-time schedule would. A timer that fired is forgotten.
 */
export function localTimer(home: string, log: (line: string) => void = console.error): LocalTimer {
  const file = jsonFile<Record<string, string>>(join(home, "timers.json"), {});
  const timers = new Map<string, NodeJS.Timeout>();
  let fire: Fire | undefined;

  const remember = (id: string, when: Date) =>
    file.update((pending) => {
      pending[id] = when.toISOString();
    });
  // Only the time that fired: `at` may have moved the timer while it ran.
  const forget = (id: string, when: Date) =>
    file.update((pending) => {
      if (pending[id] === when.toISOString()) delete pending[id];
    });
  const arm = (id: string, when: Date) => {
    clearTimeout(timers.get(id));
    if (!fire) return;
    const call = fire;
    const timer = setTimeout(
      () => {
        timers.delete(id);
        call(id)
          .then(() => forget(id, when))
          .catch((error: unknown) => log(`Timer ${id} failed: ${String(error)}`));
      },
      Math.max(0, when.getTime() - Date.now()),
    );
    timers.set(id, timer);
  };

  return {
    async at(when, id) {
      await remember(id, when);
      arm(id, when);
    },
    async start(callback) {
      fire = callback;
      for (const [id, when] of Object.entries(await file.read())) arm(id, new Date(when));
    },
    async close() {
      fire = undefined;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
