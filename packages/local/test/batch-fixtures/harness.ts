import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsBatch, type Envelope } from "@gyre/events";
import { LocalBatch, type LocalBatchOptions } from "../../src/batch/index";
import { waitFor } from "../../src/testing/gyre-process";
import { startTestPlatform, type TestPlatform } from "../../src/testing/index";

export { nodeJob, scripts, spotRetry } from "./jobs";

export type BatchDetail = Record<string, unknown> & {
  jobId: string;
  status: string;
  statusReason?: string;
  attempts: {
    container?: { exitCode?: number; reason?: string; logStreamName?: string };
    statusReason?: string;
  }[];
};

/**
 * The real local platform (bus, dynalite) collecting every `aws.batch` event, and runners on
 * temp homes. One per test file: the platform's DynamoDB client is shared per process.
 */
export class BatchHarness {
  readonly events: Envelope[] = [];
  readonly lines: string[] = [];
  batch!: LocalBatch;
  home = "";
  private runners: LocalBatch[] = [];
  private homes: string[] = [];

  private constructor(readonly platform: TestPlatform) {
    platform.bus.addRule({
      name: "collect-batch-events",
      pattern: { source: ["aws.batch"] },
      target: (event) => {
        this.events.push(event);
      },
    });
  }

  static async start(): Promise<BatchHarness> {
    return new BatchHarness(await startTestPlatform());
  }

  /** A runner on a new home. */
  async newRunner(options: Partial<LocalBatchOptions> = {}): Promise<LocalBatch> {
    await this.newHome();
    return this.restart(options);
  }

  async newHome(): Promise<string> {
    this.home = await mkdtemp(join(tmpdir(), "gyre-batch-"));
    this.homes.push(this.home);
    return this.home;
  }

  /** Another runner on the current home: the next start of Gyre. */
  async restart(options: Partial<LocalBatchOptions> = {}): Promise<LocalBatch> {
    this.batch = await LocalBatch.start({
      home: this.home,
      account: "123456789012",
      region: "eu-west-1",
      vcpus: 2,
      memoryMiB: 4096,
      gpus: 0,
      killGraceMs: 2_000,
      bus: this.platform.bus,
      log: (line) => this.lines.push(line),
      ...options,
    });
    this.runners.push(this.batch);
    return this.batch;
  }

  async settle(): Promise<void> {
    await this.batch.idle();
    await this.platform.bus.drain();
  }

  /** The job's events' details, in arrival order, each checked against the catalog's schema. */
  details(jobId: string): BatchDetail[] {
    return this.events
      .filter((event) => event.detail.jobId === jobId)
      .map((event) => AwsBatch.BatchJobStateChange.envelope.parse(event).detail as BatchDetail);
  }

  statuses(jobId: string): string[] {
    return this.details(jobId).map((detail) => detail.status);
  }

  last(jobId: string): BatchDetail {
    return this.details(jobId).at(-1) as BatchDetail;
  }

  /** Waits for the job's `count`-th event with this status. */
  async until(jobId: string, status: string, count = 1): Promise<void> {
    await waitFor(() => this.statuses(jobId).filter((s) => s === status).length >= count, 10_000);
  }

  /** A file a gated job waits for; `open()` lets it exit 0. */
  gate(name: string): { path: string; open: () => Promise<void> } {
    const path = join(this.home, `${name}.gate`);
    return { path, open: () => writeFile(path, "") };
  }

  async close(): Promise<void> {
    for (const runner of this.runners) await runner.close();
    await this.platform.close();
    for (const home of this.homes) await rm(home, { recursive: true, force: true });
  }
}
