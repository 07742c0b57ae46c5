import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { useJobRunner } from "@gyre/core/platform/jobs/runner";
import * as Training from "@gyre/core/training/index";
import { trainingDeps, useRunTimer, useScheduleSync } from "@gyre/functions/training/deps";
import { handler as scheduleFired } from "@gyre/functions/training/schedule-fired";
import { LocalBatch } from "./batch/index";
import type { LocalConfig } from "./config";
import { localRunTimer } from "./run-timer";
import { type LocalScheduleSync, localScheduleSync } from "./schedules";

/**
 * Training locally: the Batch-compatible runner for jobs, setTimeout for debounce
 * windows (re-armed for runs still queued from before a restart) and for pipeline
 * schedules (armed for every pipeline at startup), and the example pipeline on a
 * fresh GYRE_HOME.
 */
export async function startLocalTraining(
  config: Pick<LocalConfig, "home" | "account" | "region">,
  repoRoot: string,
  options: { fresh: boolean; now?: () => Date; log?: (line: string) => void },
) {
  const batch = await LocalBatch.start({
    home: config.home,
    cwd: repoRoot,
    account: config.account,
    region: config.region,
    log: options.log ?? ((line) => console.log(line)),
  });
  useJobRunner(batch);
  const timer = localRunTimer(async (runId) => {
    await Training.submitRun(runId, await trainingDeps());
  });
  useRunTimer(timer);
  await rearmQueuedRuns(timer);
  const schedules = localScheduleSync(
    (pipeline, scheduledTime) =>
      scheduleFired({ pipeline, scheduledTime: scheduledTime.toISOString() }),
    { now: options.now },
  );
  useScheduleSync(schedules);
  await armSchedules(schedules);
  const seeded = options.fresh && process.env.GYRE_SEED_EXAMPLES !== "0";
  if (seeded) await seedExample(repoRoot);
  return {
    batch,
    seeded,
    schedules,
    async close() {
      await schedules.close();
      await timer.close();
      await batch.close();
    },
  };
}

/** Arms the schedule of every pipeline (the sync skips disabled and unscheduled ones). */
export async function armSchedules(schedules: LocalScheduleSync): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await Training.listPipelines({ limit: 100, cursor });
    for (const pipeline of page.items) await schedules.sync(pipeline);
    cursor = page.next ?? undefined;
  } while (cursor);
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
  await Training.createPipeline(pipeline, await trainingDeps()).catch(
    (error: { code?: string }) => {
      if (error.code !== "pipeline.exists") throw error;
    },
  );
}
