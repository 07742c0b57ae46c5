import type { JobSpec } from "../platform/jobs/port";
import { relayRun, runFinished, runStarted } from "./announce";
import type { TrainingDeps, TrainingReads } from "./deps";
import type { Pipeline } from "./pipeline";
import type { Run } from "./run";
import { trainingStore as store } from "./store";

export const RUN_TAG = "gyre:run";

/**
 * How long a run may sit SUBMITTED without a job before Batch is asked whether it has one and,
 * if not, the run is submitted again: longer than a SubmitJob takes, retries included, so a
 * copy of the timer's event never submits beside a SubmitJob still under way.
 */
export const RECONCILE_AFTER_MS = 2 * 60_000;

/**
 * Submits a QUEUED run whose debounce window has closed, and looks after a SUBMITTED one
 * without a job (cut off before SubmitJob answered); anything else is left as it is.
 */
export async function submitRun(runId: string, deps: TrainingDeps): Promise<Run | undefined> {
  const run = await store(deps.state).getRun(runId);
  if (run?.status === "SUBMITTED" && !run.jobId) return reconcile(run, deps);
  if (run?.status !== "QUEUED") return run;
  if (run.dueAt && Date.parse(run.dueAt) > Date.now()) {
    await deps.timer.at(new Date(run.dueAt), run.id);
    return run;
  }
  const pipeline = await store(deps.state).getPipeline(run.pipeline);
  if (!pipeline) return run;
  const now = new Date();
  const submitted: Run = {
    ...run,
    status: "SUBMITTED",
    dueAt: null,
    progress: 1,
    reason: null,
    submittedAt: now.toISOString(),
  };
  // Armed before the save: a crash anywhere after it leaves a timer that comes back to the run.
  await deps.timer.at(new Date(now.getTime() + RECONCILE_AFTER_MS), run.id);
  if (!(await store(deps.state).saveRun(submitted))) return submitRun(runId, deps);
  let job: Awaited<ReturnType<TrainingDeps["jobs"]["submit"]>>;
  try {
    // After a refusal, Batch may have made the job anyway (SubmitJob's answer lost on the way).
    const made =
      run.submitFailures > 0 ? await deps.jobs.findByName(run.queue, jobNameOf(run)) : undefined;
    job = made ?? (await deps.jobs.submit(jobSpec(run, pipeline)));
  } catch (error) {
    return requeue({ ...submitted, revision: submitted.revision + 1 }, error, deps);
  }
  return jobFound(run, job.jobId, deps);
}

/** The run's job exists: its id and Started in one write, then the pipeline's queue pointer freed. */
async function jobFound(run: Run, jobId: string, deps: TrainingDeps) {
  const started = await recordJobId(run.id, jobId, deps);
  await relayRun(deps, run.id);
  await releaseQueue(run, deps);
  return started;
}

/**
 * A run SUBMITTED with no job id: Gyre stopped after saving it and before SubmitJob answered.
 * If Batch has the job (its name is the run's), the run takes it; if not, once SubmitJob
 * would long have answered, the run goes back QUEUED and is submitted again; before that, the
 * timer comes back then.
 */
async function reconcile(run: Run, deps: TrainingDeps): Promise<Run | undefined> {
  const found = await deps.jobs.findByName(run.queue, jobNameOf(run));
  if (found) return jobFound(run, found.jobId, deps);
  const due = Date.parse(run.submittedAt ?? run.createdAt) + RECONCILE_AFTER_MS;
  if (Date.now() < due) {
    await deps.timer.at(new Date(due), run.id);
    return run;
  }
  const cutOff = new Error(`cut off before it answered, and Batch has no job ${jobNameOf(run)}`);
  return requeue(run, cutOff, deps);
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

/** SubmitJob refusals a run takes before it fails: about 8.5 minutes of backoff (resubmitDelayMs). */
export const MAX_SUBMIT_FAILURES = 10;

/**
 * SubmitJob threw, so Batch has no job for the run: back to QUEUED, due again after a backoff,
 * with the timer armed, so the run is submitted again rather than left SUBMITTED with no job.
 * The MAX_SUBMIT_FAILURES-th refusal fails the run instead (announced, its queue freed): Batch
 * refusing that long is a setting to fix (a queue, a role, a quota), not a blip.
 */
async function requeue(run: Run, error: unknown, deps: TrainingDeps): Promise<Run | undefined> {
  const submitFailures = run.submitFailures + 1;
  const refusal = `SubmitJob failed (${(error as Error).message})`;
  if (submitFailures >= MAX_SUBMIT_FAILURES) return giveUp(run, submitFailures, refusal, deps);
  const dueAt = new Date(Date.now() + resubmitDelayMs(submitFailures));
  const queued: Run = {
    ...run,
    status: "QUEUED",
    progress: 0,
    dueAt: dueAt.toISOString(),
    submitFailures,
    reason: `${refusal}; submitting again at ${dueAt.toISOString()}`,
  };
  if (!(await store(deps.state).saveRun(queued))) return store(deps.state).getRun(run.id);
  await deps.timer.at(dueAt, run.id);
  return { ...queued, revision: queued.revision + 1 };
}

async function giveUp(run: Run, submitFailures: number, refusal: string, deps: TrainingDeps) {
  const failed: Run = {
    ...run,
    status: "FAILED",
    dueAt: null,
    submitFailures,
    announced: true,
    reason: `${refusal}, the ${submitFailures}th time; the run is given up`,
    stoppedAt: new Date().toISOString(),
  };
  if (!(await store(deps.state).saveRun(failed, runFinished(failed))))
    return store(deps.state).getRun(run.id);
  await relayRun(deps, run.id);
  await releaseQueue(run, deps);
  return { ...failed, revision: failed.revision + 1 };
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

/** The run's Batch job name: the pipeline and the run id, so Batch can be asked for it by name. */
function jobNameOf(run: Run): string {
  return `${run.pipeline}-${run.id}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 128);
}

/** The job Batch (or the local runner) gets: the pipeline's job, with the job contract's environment. */
export function jobSpec(run: Run, pipeline: Pipeline): JobSpec {
  return {
    jobName: jobNameOf(run),
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
