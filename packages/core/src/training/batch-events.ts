import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { AwsBatch } from "@gyre/events";
import { Training } from "@gyre/events";
import type * as z from "zod";
import { estimateCost } from "./cost";
import type { TrainingDeps } from "./deps";
import { type Attempt, type Run, type RunStatus, TERMINAL } from "./run";
import { trainingStore as store } from "./store";
import { RUN_TAG } from "./submit";
import { CONTAINER_EXITED, trainerReason } from "./trainer-reason";

type BatchDetail = z.infer<typeof AwsBatch.BatchJobStateChange.detail>;

const RANK: Record<string, number> = {
  SUBMITTED: 1,
  PENDING: 2,
  RUNNABLE: 3,
  STARTING: 4,
  RUNNING: 5,
  SUCCEEDED: 6,
  FAILED: 6,
};

/** Batch events may come twice, late or out of order: this orders them (a retry restarts at RUNNABLE). */
export function progressOf(detail: BatchDetail): number {
  return detail.attempts.length * 10 + (RANK[detail.status] ?? 0);
}

/** Moves the run along a `Batch Job State Change`, ignoring anything older than what it already knows. */
export async function applyBatchEvent(
  detail: BatchDetail,
  deps: TrainingDeps,
): Promise<Run | undefined> {
  const runId = detail.tags?.[RUN_TAG];
  if (!runId) return undefined;
  for (;;) {
    const run = await store(deps.state).getRun(runId);
    if (run && TERMINAL.has(run.status) && !run.announced) return announceOnce(run, deps);
    if (!run || TERMINAL.has(run.status) || progressOf(detail) <= run.progress) return run;
    const next = await advance(run, detail, deps);
    if (await store(deps.state).saveRun(next))
      return TERMINAL.has(next.status)
        ? announceOnce({ ...next, revision: next.revision + 1 }, deps)
        : next;
  }
}

async function advance(run: Run, detail: BatchDetail, deps: TrainingDeps): Promise<Run> {
  const attempts = attemptsOf(detail);
  const status = detail.status as RunStatus;
  const next: Run = {
    ...run,
    status,
    jobId: run.jobId ?? detail.jobId,
    progress: progressOf(detail),
    attempts,
    startedAt: run.startedAt ?? attempts[0]?.startedAt ?? null,
  };
  if (status !== "SUCCEEDED" && status !== "FAILED") return next;
  const stoppedAt = iso(detail.stoppedAt) ?? new Date().toISOString();
  const finished: Run = {
    ...next,
    stoppedAt,
    durationSeconds: next.startedAt
      ? (Date.parse(stoppedAt) - Date.parse(next.startedAt)) / 1000
      : 0,
    costUsd: estimateCost({ ...next, attempts }),
  };
  if (status === "FAILED") return { ...finished, reason: await failureReason(detail, deps) };
  const metrics = await readMetrics(deps, run.outputUri);
  if (!metrics.ok) return { ...finished, status: "FAILED", reason: metrics.reason };
  return { ...finished, metrics: metrics.metrics, artifactUri: `${run.outputUri}model/` };
}

/** Batch's reason, unless the trainer exited on its own and its log says why. */
async function failureReason(detail: BatchDetail, deps: TrainingDeps): Promise<string> {
  const last = detail.attempts.at(-1);
  const batch = detail.statusReason ?? last?.statusReason ?? last?.container?.reason ?? "failed";
  if (!batch.startsWith(CONTAINER_EXITED) || !last) return batch;
  return (await trainerReason(deps.jobs, detail.jobId, detail.attempts.length)) ?? batch;
}

function attemptsOf(detail: BatchDetail): Attempt[] {
  const done = detail.attempts.map((a, i) => ({
    number: i + 1,
    startedAt: iso(a.startedAt),
    stoppedAt: iso(a.stoppedAt),
    exitCode: a.container?.exitCode ?? null,
    statusReason: a.statusReason ?? a.container?.reason ?? null,
    host: a.container?.containerInstanceArn ?? a.container?.taskArn ?? null,
    logStream: a.container?.logStreamName ?? null,
  }));
  if (detail.status !== "RUNNING" && detail.status !== "STARTING") return done;
  const container = detail.container as
    | { logStreamName?: string; containerInstanceArn?: string }
    | undefined;
  const current = {
    number: done.length + 1,
    startedAt: iso(detail.startedAt) ?? new Date().toISOString(),
    stoppedAt: null,
    exitCode: null,
    statusReason: null,
    host: container?.containerInstanceArn ?? null,
    logStream: container?.logStreamName ?? null,
  };
  return [...done, current];
}

async function readMetrics(deps: TrainingDeps, outputUri: string) {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(outputUri);
  const key = `${match?.[2] ?? ""}metrics.json`;
  try {
    const object = await deps.objects.s3.send(
      new GetObjectCommand({ Bucket: match?.[1], Key: key }),
    );
    const parsed: unknown = JSON.parse((await object.Body?.transformToString()) ?? "");
    const numbers = Object.entries(parsed as Record<string, unknown>).filter(
      ([, v]) => typeof v === "number" && Number.isFinite(v),
    );
    return { ok: true as const, metrics: Object.fromEntries(numbers) as Record<string, number> };
  } catch (error) {
    return {
      ok: false as const,
      reason: `The job succeeded but ${outputUri}metrics.json is missing or not a JSON object (${(error as Error).name}).`,
    };
  }
}

/** Publishes the run's final event, then records that it did: at least once, even across a crash. */
async function announceOnce(run: Run, deps: TrainingDeps): Promise<Run> {
  await announce(run, deps);
  const announced = { ...run, announced: true };
  return (await store(deps.state).saveRun(announced))
    ? { ...announced, revision: announced.revision + 1 }
    : announced;
}

async function announce(run: Run, deps: TrainingDeps): Promise<void> {
  const common = {
    runId: run.id,
    pipeline: run.pipeline,
    model: run.model,
    dataset: { name: run.dataset.name, version: run.dataset.version, sha256: run.dataset.sha256 },
    metadata: run.cause,
  };
  if (run.status === "SUCCEEDED") {
    await Training.TrainingRunSucceeded.publish(deps.bus, {
      ...common,
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
    });
  } else if (run.status === "FAILED") {
    await Training.TrainingRunFailed.publish(deps.bus, {
      ...common,
      reason: run.reason ?? "failed",
      attempts: run.attempts.length,
    });
  }
}

function iso(epochMs: number | undefined): string | null {
  return epochMs === undefined ? null : new Date(epochMs).toISOString();
}
