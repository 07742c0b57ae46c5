import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { jsonFile } from "../json-file";

/**
 * The model-server processes this host started, kept under GYRE_HOME, so a restart after a
 * crash (kill -9) stops the orphans first: only processes that carry the instance's marker.
 */
export class ServerRegistry {
  private readonly file;
  constructor(home: string) {
    this.file = jsonFile<Record<string, number>>(join(home, "endpoints", "servers.json"), {});
  }

  add(instance: string, pid: number): Promise<void> {
    return this.update((all) => {
      all[instance] = pid;
    });
  }

  remove(instance: string): Promise<void> {
    return this.update((all) => {
      delete all[instance];
    });
  }

  async killOrphans(): Promise<void> {
    for (const [instance, pid] of Object.entries(await this.file.read())) {
      const environ = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
      if (!environ.split("\0").includes(`GYRE_MODEL_SERVER=${instance}`)) continue;
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
    }
    await this.update((all) => {
      for (const key of Object.keys(all)) delete all[key];
    });
  }

  /** Resolves once every pending write is on disk. */
  drained(): Promise<void> {
    return this.file.settled();
  }

  private update(change: (all: Record<string, number>) => void): Promise<void> {
    return this.file.update(change);
  }
}
