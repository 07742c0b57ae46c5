import { eventMetadata } from "../platform/actor";
import { newId } from "../platform/ids";
import type { DatasetVersionRef } from "./dataset-versions";
import type { TrainingDeps, TrainingReads } from "./deps";
import type { Pipeline } from "./pipeline";
import type { Run } from "./run";
import { trainingStore as store } from "./store";
import { submitRun } from "./submit";

export type Trigger = Run["trigger"];

/**
 * Asks for a run of `pipeline` on `dataset`. With a debounce window, versions arriving
 * inside it fold into the one QUEUED run (which moves to the newest version and waits
 * again); without one the run is submitted at once.
 */
export async function requestRun(
  pipeline: Pipeline,
  dataset: DatasetVersionRef,
  trigger: Trigger,
  deps: TrainingDeps,
  cause: { driftReportId?: string } = {},
): Promise<Run> {
  const debounce = pipeline.trigger.debounceSeconds;
  if (debounce === 0) {
    const run = { ...newRun(pipeline, dataset, trigger, deps, null), ...cause };
    await store(deps.state).putRun(run);
    return (await submitRun(run.id, deps)) ?? run;
  }
  for (let tries = 0; ; tries++) {
    const dueAt = new Date(Date.now() + debounce * 1000);
    const queued = await queuedRun(pipeline.name, tries, deps);
    if (queued) {
      const folded = await fold(queued, dataset, dueAt, deps);
      if (folded) {
        await deps.timer.at(dueAt, folded.id);
        return folded;
      }
      continue;
    }
    const run = { ...newRun(pipeline, dataset, trigger, deps, dueAt), ...cause };
    const claimed = await store(deps.state).updatePipeline(
      pipeline.name,
      { queuedRunId: run.id },
      {
        expression: "attribute_not_exists(queuedRunId) OR queuedRunId = :none",
        values: { ":none": "" },
      },
    );
    if (!claimed) continue;
    await store(deps.state).putRun(run);
    await deps.timer.at(dueAt, run.id);
    return run;
  }
}

/**
 * The pipeline's QUEUED run, if it has one. The claim on the pipeline is written just
 * before the run itself, so a claim without its run is waited for a moment, then dropped.
 */
async function queuedRun(
  pipelineName: string,
  tries: number,
  deps: TrainingReads,
): Promise<Run | "none" | undefined> {
  const queuedRunId = (await store(deps.state).getPipeline(pipelineName))?.queuedRunId;
  if (!queuedRunId) return undefined;
  const run = await store(deps.state).getRun(queuedRunId);
  if (run?.status === "QUEUED") return run;
  if (!run && tries < 10) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return "none";
  }
  await store(deps.state).updatePipeline(
    pipelineName,
    { queuedRunId: "" },
    { expression: "queuedRunId = :id", values: { ":id": queuedRunId } },
  );
  return "none";
}

/** Moves the queued run to the newer dataset version and restarts its window. */
async function fold(
  queued: Run | "none",
  dataset: DatasetVersionRef,
  dueAt: Date,
  deps: TrainingReads,
): Promise<Run | undefined> {
  if (queued === "none") return undefined;
  const newer = dataset.version >= queued.dataset.version ? dataset : queued.dataset;
  const updated = { ...queued, dataset: newer, dueAt: dueAt.toISOString() };
  return (await store(deps.state).saveRun(updated))
    ? { ...updated, revision: updated.revision + 1 }
    : undefined;
}

function newRun(
  pipeline: Pipeline,
  dataset: DatasetVersionRef,
  trigger: Trigger,
  deps: TrainingDeps,
  dueAt: Date | null,
): Run {
  const id = newId("run");
  const metadata = eventMetadata();
  return {
    id,
    pipeline: pipeline.name,
    model: pipeline.model,
    dataset,
    status: "QUEUED",
    trigger,
    queue: pipeline.job.queue,
    resources: { ...pipeline.job.resources, gpus: pipeline.job.resources.gpus ?? 0 },
    image: pipeline.job.image,
    command: pipeline.job.command,
    serve: pipeline.serve ?? null,
    hyperparameters: pipeline.hyperparameters,
    outputUri: `${deps.jobs.outputPrefix}${id}/`,
    jobId: null,
    progress: 0,
    submitFailures: 0,
    revision: 0,
    dueAt: dueAt?.toISOString() ?? null,
    attempts: [],
    createdAt: new Date().toISOString(),
    submittedAt: null,
    startedAt: null,
    stoppedAt: null,
    durationSeconds: null,
    costUsd: null,
    metrics: null,
    artifactUri: null,
    reason: null,
    announced: false,
    driftReportId: null,
    cause: metadata,
  };
}
