import type { AttemptEnd } from "./retry";

/** Batch's own wording, so `evaluateOnExit` patterns written for AWS match locally too. */
export const reasons = {
  containerExited: "Essential container in task exited",
  timeout: "Job attempt duration exceeded timeout",
  failedToStart: "Task failed to start",
  hostTerminated: (instanceId: string) => `Host EC2 (instance ${instanceId}) terminated.`,
  blocked: (why: string) => `MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - ${why}`,
};

/** Why the runner itself stopped an attempt (rather than the process ending on its own). */
export type Stop =
  | { kind: "terminate"; reason: string }
  | { kind: "timeout" }
  | { kind: "lost-host" };

export type ProcessEnd =
  | { kind: "exited"; exitCode: number }
  | { kind: "not-started"; message: string };

export interface AttemptOutcome extends AttemptEnd {
  succeeded: boolean;
  /** False when Batch never retries this end (TerminateJob, timeouts), whatever the strategy says. */
  retryable: boolean;
}

export function attemptOutcome(
  end: ProcessEnd,
  stop: Stop | undefined,
  instanceId: string,
): AttemptOutcome {
  const exitCode = end.kind === "exited" ? { exitCode: end.exitCode } : {};
  switch (stop?.kind) {
    case "terminate":
      return { succeeded: false, retryable: false, statusReason: stop.reason, ...exitCode };
    case "timeout":
      return { succeeded: false, retryable: false, statusReason: reasons.timeout, ...exitCode };
    case "lost-host":
      return lostHost(instanceId);
  }
  if (end.kind === "not-started") {
    const reason = `CannotStartContainerError: ${end.message}`.slice(0, 255);
    return { succeeded: false, retryable: true, statusReason: reasons.failedToStart, reason };
  }
  return {
    succeeded: end.exitCode === 0,
    retryable: true,
    statusReason: reasons.containerExited,
    exitCode: end.exitCode,
  };
}

/** The host went away under the attempt (spot reclaim, a crash): Batch never learns an exit code. */
export function lostHost(instanceId: string): AttemptOutcome {
  return { succeeded: false, retryable: true, statusReason: reasons.hostTerminated(instanceId) };
}
