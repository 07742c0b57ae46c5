import { mkdir, open, readdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { JobRecord } from "./job-record";

/** One JSON file per job under `<home>/batch/jobs/`, replaced atomically (write, fsync, rename). */
export class JobStore {
  private writes = 0;

  private constructor(private readonly directory: string) {}

  static async open(home: string): Promise<JobStore> {
    const directory = join(home, "batch", "jobs");
    await mkdir(directory, { recursive: true });
    return new JobStore(directory);
  }

  /** `durable: false` skips the fsync, for writes whose loss only causes a duplicate event. */
  async save(job: JobRecord, options: { durable?: boolean } = {}): Promise<void> {
    const path = this.path(job.jobId);
    const temporary = `${path}.${process.pid}.${++this.writes}.tmp`;
    const file = await open(temporary, "w");
    try {
      await file.writeFile(JSON.stringify(job));
      if (options.durable ?? true) await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  }

  async load(jobId: string): Promise<JobRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(jobId)) return undefined;
    try {
      return JSON.parse(await readFile(this.path(jobId), "utf8")) as JobRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Every stored job, oldest first. */
  async all(): Promise<JobRecord[]> {
    const names = (await readdir(this.directory)).filter((name) => name.endsWith(".json"));
    const jobs = await Promise.all(names.map((name) => this.load(name.slice(0, -".json".length))));
    return jobs
      .filter((job): job is JobRecord => job !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private path(jobId: string): string {
    return join(this.directory, `${jobId}.json`);
  }
}
