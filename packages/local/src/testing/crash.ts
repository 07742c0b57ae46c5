import type { Db } from "@gyre/core/platform/state/client";

/**
 * Makes the state port throw, once, on the first command `matches` picks: the process dying
 * just before that write. `happened` tells the test it did.
 */
export function crashOnce(db: Db, matches: (command: unknown) => boolean) {
  const send = db.send.bind(db);
  const crash = { happened: false };
  db.send = ((command: unknown, ...rest: unknown[]) => {
    if (matches(command)) {
      db.send = send;
      crash.happened = true;
      return Promise.reject(new Error("crash"));
    }
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Db["send"];
  return crash;
}
