import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { AwsBatch } from "@gyre/events";
import type * as z from "zod";
import type { Announcement } from "../platform/outbox/announcement";
import { relayRun, runFinished, runStarted } from "./announce";
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
    if (await store(deps.state).saveRun(next, announcements(run, next))) {
      await relayRun(deps, run.id);
      return { ...next, revision: next.revision + 1 };
    }
  }
}

/**
 * What the move announces: the final event of a finished run; and Started when the run had no
 * job id yet, because a crash between SubmitJob and recording its id left it unannounced.
 */
function announcements(run: Run, next: Run): Announcement[] {
  const started = run.jobId || !next.jobId ? [] : [runStarted(run, next.jobId)];
  return [...started, ...(TERMINAL.has(next.status) ? runFinished(next) : [])];
}

async function advance(run: Run, detail: BatchDetail, deps: TrainingDeps): Promise<Run> {
  const attempts = attemptsOf(detail);
  const status = detail.status as RunStatus;
  const next: Run = {
    ...run,
    status,
    jobId: run.jobId ?? detail.jobId,
    progress: progressOf(detail),
    announced: TERMINAL.has(status),
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

/**
 * The run's final event, written into its outbox with `announced` (a run finished before the
 * outbox had neither), then published.
 */
async function announceOnce(run: Run, deps: TrainingDeps): Promise<Run> {
  const announced = { ...run, announced: true };
  if (!(await store(deps.state).saveRun(announced, runFinished(run)))) return run;
  await relayRun(deps, run.id);
  return { ...announced, revision: announced.revision + 1 };
}

function iso(epochMs: number | undefined): string | null {
  return epochMs === undefined ? null : new Date(epochMs).toISOString();
}
