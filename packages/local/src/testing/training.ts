import * as Training from "@gyre/core/training/index";
import { Datasets } from "@gyre/events";
import { training } from "@gyre/functions/training/service";
import type { LocalBatch } from "../batch/index";
import { type LocalSchedules, localSchedules } from "../schedules";
import { startTestPlatform, type TestPlatform } from "./index";

export interface TrainingTest {
  platform: TestPlatform;
  batch: LocalBatch;
  app: TestPlatform["app"];
  /** Pipeline schedules as `npm start` runs them, on the clock given to startTrainingTest. */
  schedules: LocalSchedules;
  /** The schedules a restart on the same GYRE_HOME would arm (started; close them after). */
  restartedSchedules(): Promise<LocalSchedules>;
  /** Publishes Dataset Version Created as the datasets service would. */
  newVersion(dataset: string, version: number): Promise<void>;
  /** Polls the run until `done` holds (runs move on asynchronously, through events). */
  waitForRun(id: string, done: (run: Training.Run) => boolean): Promise<Training.Run>;
  close(): Promise<void>;
}

/** The training service on the real local parts: bus, dynalite, S3 and the Batch-compatible runner. */
export async function startTrainingTest(options: { now?: () => Date } = {}): Promise<TrainingTest> {
  const platform = await startTestPlatform({ s3: true, services: [training], now: options.now });
  return {
    platform,
    batch: platform.batch as LocalBatch,
    schedules: platform.localSchedules,
    app: platform.app,
    async restartedSchedules() {
      const schedules = localSchedules(platform.home, { now: options.now });
      await schedules.start(async () => {});
      return schedules;
    },
    async newVersion(dataset, version) {
      const sha256 = version.toString(16).padStart(64, "0");
      const uri = `s3://gyre-data/datasets/${dataset}/v${version}.csv`;
      const metadata = { actor: "test", correlationId: `cor_${version}`, causationId: null };
      await Datasets.DatasetVersionCreated.publish(platform.bus, {
        ...{ dataset, version, sha256, bytes: 10, uri, etag: "e", format: "csv", rows: 1 },
        ...{
          columns: [{ name: "a", type: "integer" }],
          createdAt: new Date().toISOString(),
          metadata,
        },
      });
    },
    async waitForRun(id, done) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await platform.bus.drain();
        const run = await Training.getRun(id, platform);
        if (done(run)) return run;
        if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => platform.close(),
  };
}

/** A pipeline running the contract-following fixture trainer on the cpu queue. */
export function pipeline(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    dataset: name,
    model: name,
    trigger: { onNewData: true, debounceSeconds: 0 },
    job: {
      image: "node:22-slim",
      command: ["node", "functions/training/fixtures/trainer.mjs"],
      resources: { vcpus: 1, memoryMiB: 256, gpus: 0 },
      queue: "cpu",
      timeoutSeconds: 120,
      retry: {
        attempts: 3,
        evaluateOnExit: [
          { onStatusReason: "Host EC2*", action: "RETRY" },
          { onReason: "*", action: "EXIT" },
        ],
      },
    },
    hyperparameters: {},
    local: { command: ["node", "functions/training/fixtures/trainer.mjs"] },
    ...overrides,
  };
}
