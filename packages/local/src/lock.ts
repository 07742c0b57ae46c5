import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

export class AlreadyRunningError extends Error {}

/** One Gyre per GYRE_HOME: a pid file taken with O_EXCL; a stale one (its process gone) is taken over. */
export async function lockHome(home: string): Promise<() => Promise<void>> {
  const path = join(home, "gyre.pid");
  for (let tries = 0; tries < 2; tries++) {
    try {
      const file = await open(path, "wx");
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(await readFile(path, "utf8").catch(() => ""));
      if (isAlive(pid)) {
        throw new AlreadyRunningError(
          `Gyre is already running on GYRE_HOME=${home} (pid ${pid}). Stop it first, or set GYRE_HOME to another folder.`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new AlreadyRunningError(
    `Could not lock ${path}: another Gyre is starting on the same GYRE_HOME.`,
  );
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
