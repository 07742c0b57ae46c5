import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** A small JSON record kept in one file, replaced atomically (write, then rename). */
export function jsonFile<T extends object>(path: string, empty: T) {
  let writes = 0;
  return {
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
  };
}
