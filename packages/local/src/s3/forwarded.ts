import { compilePattern } from "@gyre/core/platform/pattern/index";
import type { Publish } from "./publisher";

/**
 * Publishes only the bucket's events that `pattern` matches, as the rule that forwards S3's
 * events to the Gyre bus on AWS does (stacks/bucket.ts); without a pattern, every event.
 */
export function forwardedOnly(pattern: unknown, publish: Publish): Publish {
  if (pattern === undefined) return publish;
  const forwards = compilePattern(pattern);
  return async (entries) => {
    const forwarded = entries.filter((entry) =>
      forwards.matches({
        source: entry.Source,
        "detail-type": entry.DetailType,
        detail: JSON.parse(entry.Detail),
      }),
    );
    return forwarded.length ? publish(forwarded) : { FailedEntryCount: 0, Entries: [] };
  };
}
