import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useJobRunner } from "@gyre/core/platform/jobs/runner";
import * as Training from "@gyre/core/training/index";
import { trainingDeps, useRunTimer } from "@gyre/functions/training/deps";
import { LocalBatch } from "./batch/index";
import type { LocalConfig } from "./config";
import { localRunTimer } from "./run-timer";

/**
 * Training locally: the Batch-compatible runner for jobs, setTimeout for debounce
 * windows (re-armed for runs still queued from before a restart), and the example
 * pipeline on a fresh GYRE_HOME.
 */
export async function startLocalTraining(
  config: LocalConfig,
  repoRoot: string,
  options: { fresh: boolean },
) {
  const batch = await LocalBatch.start({
    home: config.home,
    cwd: repoRoot,
    account: config.account,
    region: config.region,
    log: (line) => console.log(line),
  });
  useJobRunner(batch);
  const timer = localRunTimer(async (runId) => {
    await Training.submitRun(runId, await trainingDeps());
  });
  useRunTimer(timer);
  await rearmQueuedRuns(timer);
  const seeded = options.fresh && process.env.GYRE_SEED_EXAMPLES !== "0";
  if (seeded) await seedExample(repoRoot);
  return {
    batch,
    seeded,
    async close() {
      await timer.close();
      await batch.close();
    },
  };
}

async function rearmQueuedRuns(timer: ReturnType<typeof localRunTimer>): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await Training.listRuns({ status: "QUEUED", limit: 100, cursor });
    for (const run of page.items) await timer.at(new Date(run.dueAt ?? Date.now()), run.id);
    cursor = page.next ?? undefined;
  } while (cursor);
}

/** Registers examples/churn so a newcomer's first push of dataset churn trains a model. */
async function seedExample(repoRoot: string): Promise<void> {
  const pipeline = JSON.parse(
    await readFile(join(repoRoot, "examples/churn/pipeline.json"), "utf8"),
  );
  await Training.createPipeline(pipeline).catch((error: { code?: string }) => {
    if (error.code !== "pipeline.exists") throw error;
  });
}
