/** EventBridge's target retry policy, with local defaults scaled down from 185 attempts / 24 h. */
export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  /** First retry waits about this long; each further one twice as long, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const localRetryPolicy: RetryPolicy = {
  maximumRetryAttempts: 8,
  maximumEventAgeSeconds: 15 * 60,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
};

/** Delay before retry number `retry` (1-based): exponential backoff with equal jitter. */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Why an event went to the dead letters: retries ran out, it grew too old, or its handler can never accept it. */
export type GiveUpReason =
  | "MaximumRetryAttemptsExceeded"
  | "MaximumEventAgeExceeded"
  | "InvalidEvent";

export function giveUpReason(
  policy: RetryPolicy,
  attempts: number,
  ageMs: number,
  nextDelayMs: number,
): GiveUpReason | undefined {
  if (attempts > policy.maximumRetryAttempts) return "MaximumRetryAttemptsExceeded";
  if (ageMs + nextDelayMs > policy.maximumEventAgeSeconds * 1000) return "MaximumEventAgeExceeded";
  return undefined;
}
