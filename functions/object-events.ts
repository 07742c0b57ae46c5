import type { Subscription } from "./wiring";

/**
 * The object keys whose S3 events the subscriptions receive, as EventBridge key conditions
 * (`[{prefix: "datasets/"}, {prefix: "capture/"}]`): the bucket's events worth forwarding to
 * the Gyre bus. Objects Gyre keeps for itself (`monitoring/`, `models/`...) then raise no
 * event there, so they neither flood the archive nor cost a PutEvents each. Undefined when a
 * subscription takes S3 events under any key, or none takes them: nothing to narrow.
 */
export function watchedObjectKeys(
  subscriptions: Pick<Subscription, "pattern">[],
): unknown[] | undefined {
  const onS3 = subscriptions.filter(({ pattern }) => sourcesOf(pattern).includes("aws.s3"));
  const keys = onS3.map(({ pattern }) => keyConditionsOf(pattern));
  if (!keys.length || keys.some((conditions) => conditions === undefined)) return undefined;
  const unique = new Map(keys.flat().map((condition) => [JSON.stringify(condition), condition]));
  return [...unique.values()];
}

/** The pattern of the bucket's events that reach the Gyre bus. */
export function objectEventsPattern(bucket: unknown, keys: unknown[] | undefined) {
  return {
    source: ["aws.s3"],
    detail: { bucket: { name: [bucket] }, ...(keys ? { object: { key: keys } } : {}) },
  };
}

function sourcesOf(pattern: Record<string, unknown>): unknown[] {
  return Array.isArray(pattern.source) ? pattern.source : [];
}

function keyConditionsOf(pattern: Record<string, unknown>): unknown[] | undefined {
  const detail = pattern.detail as { object?: { key?: unknown } } | undefined;
  const key = detail?.object?.key;
  return Array.isArray(key) ? key : undefined;
}
