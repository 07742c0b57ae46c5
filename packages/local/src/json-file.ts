import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SerialQueue } from "./batch/serial";

/**
 * A small JSON record kept in one file, replaced atomically (write, then rename); `update`
 * reads, changes and writes it one change at a time.
 */
export function jsonFile<T extends object>(path: string, empty: T) {
  let writes = 0;
  const changes = new SerialQueue(console.error);
  const file = {
    async read(): Promise<T> {
      try {
        return JSON.parse(await readFile(path, "utf8")) as T;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return structuredClone(empty);
        throw error;
      }
    },
    async write(value: T): Promise<void> {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${++writes}.tmp`;
      await writeFile(temporary, JSON.stringify(value));
      await rename(temporary, path);
    },
    /** Resolves once every pending update is on disk. */
    settled(): Promise<void> {
      return changes.drained();
    },
    update(change: (value: T) => void): Promise<void> {
      return changes.run(async () => {
        const value = await file.read();
        change(value);
        await file.write(value);
      });
    },
  };
  return file;
}
