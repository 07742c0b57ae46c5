import type { JobSpec } from "../platform/jobs/port";
import { relayRun, runStarted } from "./announce";
import type { TrainingDeps, TrainingReads } from "./deps";
import type { Pipeline } from "./pipeline";
import type { Run } from "./run";
import { trainingStore as store } from "./store";

export const RUN_TAG = "gyre:run";

/** Submits a QUEUED run whose debounce window has closed; anything else is left as it is. */
export async function submitRun(runId: string, deps: TrainingDeps): Promise<Run | undefined> {
  const run = await store(deps.state).getRun(runId);
  if (run?.status !== "QUEUED") return run;
  if (run.dueAt && Date.parse(run.dueAt) > Date.now()) {
    await deps.timer.at(new Date(run.dueAt), run.id);
    return run;
  }
  const pipeline = await store(deps.state).getPipeline(run.pipeline);
  if (!pipeline) return run;
  const submitted: Run = { ...run, status: "SUBMITTED", dueAt: null, progress: 1, reason: null };
  if (!(await store(deps.state).saveRun(submitted))) return submitRun(runId, deps);
  let job: Awaited<ReturnType<TrainingDeps["jobs"]["submit"]>>;
  try {
    job = await deps.jobs.submit(jobSpec(run, pipeline));
  } catch (error) {
    return requeue({ ...submitted, revision: submitted.revision + 1 }, error, deps);
  }
  const started = await recordJobId(run.id, job.jobId, deps);
  await relayRun(deps, run.id);
  await releaseQueue(run, deps);
  return started;
}

/**
 * The pipeline's pointer to its QUEUED run is cleared last, once the run has its job: the run
 * and the pipeline are two items, and this order is safe. A crash before the clear leaves the
 * pointer on a run that is no longer QUEUED; the next request for the pipeline finds it so and
 * clears it (request.ts, queuedRun), so a new version never folds into a submitted run, and
 * the submitted run goes on. A SubmitJob that throws puts the run back QUEUED with the pointer
 * still on it, so versions arriving meanwhile fold into it. Clearing it again is a no-op.
 */
function releaseQueue(run: Run, deps: TrainingDeps) {
  return store(deps.state).updatePipeline(
    run.pipeline,
    { queuedRunId: "" },
    { expression: "queuedRunId = :id", values: { ":id": run.id } },
  );
}

/** The first retry a second after SubmitJob threw, then twice as long each time, up to 5 minutes. */
export function resubmitDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** (failures - 1), 5 * 60_000);
}

/**
 * SubmitJob threw, so Batch has no job for the run: back to QUEUED, due again after a backoff,
 * with the timer armed, so the run is submitted again rather than left SUBMITTED with no job.
 */
async function requeue(run: Run, error: unknown, deps: TrainingDeps): Promise<Run | undefined> {
  const submitFailures = run.submitFailures + 1;
  const dueAt = new Date(Date.now() + resubmitDelayMs(submitFailures));
  const queued: Run = {
    ...run,
    status: "QUEUED",
    progress: 0,
    dueAt: dueAt.toISOString(),
    submitFailures,
    reason: `SubmitJob failed (${(error as Error).message}); submitting again at ${dueAt.toISOString()}`,
  };
  if (!(await store(deps.state).saveRun(queued))) return store(deps.state).getRun(run.id);
  await deps.timer.at(dueAt, run.id);
  return { ...queued, revision: queued.revision + 1 };
}

/**
 * The job id and the Started event, in one write. A crash before it is repaired by the job's
 * first Batch event, which records the id and announces Started (batch-events.ts).
 */
async function recordJobId(
  runId: string,
  jobId: string,
  deps: TrainingReads,
): Promise<Run | undefined> {
  for (;;) {
    const current = await store(deps.state).getRun(runId);
    if (!current || current.jobId) return current;
    if (await store(deps.state).saveRun({ ...current, jobId }, [runStarted(current, jobId)]))
      return { ...current, jobId, revision: current.revision + 1 };
  }
}

/** The job Batch (or the local runner) gets: the pipeline's job, with the job contract's environment. */
export function jobSpec(run: Run, pipeline: Pipeline): JobSpec {
  return {
    jobName: `${run.pipeline}-${run.id}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 128),
    queue: run.queue,
    image: run.image,
    command: run.command,
    resources: run.resources,
    environment: {
      GYRE_RUN_ID: run.id,
      GYRE_PIPELINE: run.pipeline,
      GYRE_MODEL: run.model,
      GYRE_DATASET_URI: run.dataset.uri,
      GYRE_DATASET_VERSION: String(run.dataset.version),
      GYRE_HYPERPARAMETERS: JSON.stringify(run.hyperparameters),
      GYRE_OUTPUT_URI: run.outputUri,
    },
    retryStrategy: pipeline.job.retry,
    timeoutSeconds: pipeline.job.timeoutSeconds,
    tags: { [RUN_TAG]: run.id, "gyre:pipeline": run.pipeline, "gyre:model": run.model },
    ...(pipeline.local ? { local: pipeline.local } : {}),
  };
}
