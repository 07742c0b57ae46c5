import type { CurrentAttempt, JobRecord } from "./job-record";
import { type AttemptOutcome, reasons } from "./outcome";
import { shouldRetry } from "./retry";

/** RUNNABLE: waiting for slots. `shortfall` says why it can never get them on this machine. */
export function toRunnable(job: JobRecord, shortfall: string | undefined, reason?: string): void {
  job.status = "RUNNABLE";
  job.blocked = shortfall !== undefined;
  job.statusReason = shortfall ? reasons.blocked(shortfall) : reason;
}

export function toStarting(job: JobRecord, current: CurrentAttempt): void {
  job.status = "STARTING";
  job.statusReason = undefined;
  job.blocked = undefined;
  job.current = current;
}

export function toRunning(job: JobRecord, pid: number, now: number): void {
  const current = job.current as CurrentAttempt;
  current.startedAt = now;
  current.pid = pid;
  job.startedAt = now;
  job.status = "RUNNING";
}

/**
 * Records the ended attempt in Batch's AttemptDetail shape, then decides as Batch does:
 * SUCCEEDED, back to RUNNABLE for another attempt, or FAILED.
 */
export function endAttempt(job: JobRecord, outcome: AttemptOutcome, now: number): void {
  const current = job.current as CurrentAttempt;
  const ran = current.startedAt !== undefined;
  job.attempts.push({
    container: {
      containerInstanceArn: current.containerInstanceArn,
      taskArn: current.taskArn,
      ...(outcome.exitCode !== undefined && { exitCode: outcome.exitCode }),
      ...(outcome.reason !== undefined && { reason: outcome.reason }),
      ...(ran && { logStreamName: current.logStreamName }),
    },
    ...(ran && { startedAt: current.startedAt }),
    stoppedAt: now,
    statusReason: outcome.statusReason,
  });
  job.current = undefined;
  const retry =
    !outcome.succeeded &&
    outcome.retryable &&
    shouldRetry(job.spec.retryStrategy, job.attempts.length, outcome);
  if (retry) {
    job.status = "RUNNABLE";
    job.statusReason = outcome.statusReason;
    return;
  }
  job.status = outcome.succeeded ? "SUCCEEDED" : "FAILED";
  job.statusReason = outcome.statusReason;
  job.stoppedAt = now;
}

/** TerminateJob on a job that never reached STARTING: cancelled, and FAILED with the caller's reason. */
export function cancel(job: JobRecord, reason: string, now: number): void {
  job.status = "FAILED";
  job.statusReason = reason;
  job.stoppedAt = now;
  job.blocked = undefined;
}
