import type { RetryStrategy } from "@gyre/core/platform/jobs/port";

/** What Batch matches `evaluateOnExit` against: the attempt's statusReason, container reason and exit code. */
export interface AttemptEnd {
  statusReason: string;
  reason?: string;
  exitCode?: number;
}

/**
 * Batch's retry decision after a failed attempt: none left → exit; else the first rule whose
 * given conditions all match decides (action in any case); no rule matches → retry.
 */
export function shouldRetry(
  strategy: RetryStrategy,
  attemptsMade: number,
  end: AttemptEnd,
): boolean {
  if (attemptsMade >= strategy.attempts) return false;
  const rule = strategy.evaluateOnExit?.find(
    (rule) =>
      matches(rule.onStatusReason, end.statusReason) &&
      matches(rule.onReason, end.reason ?? "") &&
      matches(rule.onExitCode, end.exitCode === undefined ? "" : String(end.exitCode)),
  );
  return rule ? rule.action.toUpperCase() === "RETRY" : true;
}

/** Batch's glob: an exact, case-sensitive match, or a prefix match when the pattern ends with `*`. */
export function globMatches(pattern: string, value: string): boolean {
  return pattern.endsWith("*") ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || globMatches(pattern, value);
}
