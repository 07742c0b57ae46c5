import type { Db } from "@gyre/core/platform/state/client";

/**
 * Makes the state port throw, once, on the first command `matches` picks: the process dying
 * just before that write, or, with `after`, just after it (the write is made, and nothing the
 * caller meant to do next). `happened` tells the test it did.
 */
export function crashOnce(
  db: Db,
  matches: (command: unknown) => boolean,
  options: { after?: boolean } = {},
) {
  const send = db.send.bind(db);
  const crash = { happened: false };
  db.send = ((command: unknown, ...rest: unknown[]) => {
    if (matches(command)) {
      db.send = send;
      crash.happened = true;
      if (!options.after) return Promise.reject(new Error("crash"));
      return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest).then(() => {
        throw new Error("crash");
      });
    }
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Db["send"];
  return crash;
}

/**
 * Holds the first command `matches` picks until `release` resolves, then sends it: a process
 * that stalls just before that write while everything else goes on.
 */
export function holdOnce(
  db: Db,
  matches: (command: unknown) => boolean,
  release: () => Promise<void>,
) {
  const send = db.send.bind(db);
  const held = { happened: false };
  db.send = ((command: unknown, ...rest: unknown[]) => {
    const forward = () => (send as (...args: unknown[]) => unknown)(command, ...rest);
    if (!matches(command)) return forward();
    db.send = send;
    held.happened = true;
    return release().then(forward);
  }) as Db["send"];
  return held;
}
