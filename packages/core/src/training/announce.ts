import { Training } from "@gyre/events";
import { type Announcement, announce } from "../platform/outbox/announcement";
import { relaySoon } from "../platform/outbox/relay";
import { tableName } from "../platform/state/tables";
import type { TrainingDeps } from "./deps";
import type { Run } from "./run";
import { runKey } from "./store";

/** Publishes what a run's last write put in its outbox (the sweep does, if this fails). */
export function relayRun(deps: Pick<TrainingDeps, "state" | "bus">, runId: string) {
  return relaySoon(deps, tableName("training"), runKey(runId));
}

const common = (run: Run) => ({
  runId: run.id,
  pipeline: run.pipeline,
  model: run.model,
  dataset: { name: run.dataset.name, version: run.dataset.version, sha256: run.dataset.sha256 },
  metadata: run.cause,
});

/** The run's job is on Batch: its first attempt started. One per run. */
export function runStarted(run: Run, jobId: string): Announcement {
  return announce(Training.TrainingRunStarted, `${run.id}:started`, {
    ...common(run),
    queue: run.queue,
    jobId,
    attempt: 1,
  });
}

export function runCancelled(run: Run, actor: string, reason: string): Announcement {
  return announce(Training.TrainingRunCancelled, `${run.id}:CANCELLED`, {
    ...common(run),
    reason,
    metadata: { ...run.cause, actor },
  });
}

/** The final event of a finished run: Succeeded or Failed. */
export function runFinished(run: Run): Announcement[] {
  if (run.status === "SUCCEEDED") {
    return [
      announce(Training.TrainingRunSucceeded, `${run.id}:SUCCEEDED`, {
        ...common(run),
        metrics: run.metrics ?? {},
        artifactUri: run.artifactUri ?? run.outputUri,
        hyperparameters: run.hyperparameters,
        image: run.image,
        command: run.command,
        serve: run.serve,
        durationSeconds: run.durationSeconds ?? 0,
        costUsd: run.costUsd ?? 0,
        trigger: run.trigger,
        driftReportId: run.driftReportId,
      }),
    ];
  }
  if (run.status === "FAILED") {
    return [
      announce(Training.TrainingRunFailed, `${run.id}:FAILED`, {
        ...common(run),
        reason: run.reason ?? "failed",
        attempts: run.attempts.length,
      }),
    ];
  }
  return [];
}
