import type { PutEventsEntry } from "@gyre/events";

export type Publish = (entries: PutEventsEntry[]) => Promise<unknown>;

export interface OrderedPublisher {
  /** Queues one entry; resolves once it has been published or its failure logged. */
  enqueue(entry: PutEventsEntry): Promise<void>;
  /** Resolves once everything queued so far has been handled. */
  drain(): Promise<void>;
}

/** Publishes entries one after another, in the order they were queued; a failure is logged, never thrown. */
export function orderedPublisher(publish: Publish): OrderedPublisher {
  let tail: Promise<void> = Promise.resolve();
  return {
    enqueue(entry) {
      tail = tail.then(() => publishOne(publish, entry));
      return tail;
    },
    drain: () => tail,
  };
}

async function publishOne(publish: Publish, entry: PutEventsEntry): Promise<void> {
  try {
    const refusal = refusalOf(await publish([entry]));
    if (refusal) report(entry, refusal);
  } catch (error) {
    report(entry, error instanceof Error ? error.message : String(error));
  }
}

function refusalOf(result: unknown): string | undefined {
  const { FailedEntryCount, Entries } = (result ?? {}) as {
    FailedEntryCount?: number;
    Entries?: { ErrorCode?: string; ErrorMessage?: string }[];
  };
  if (!FailedEntryCount) return undefined;
  const [failed] = Entries ?? [];
  return `${failed?.ErrorCode ?? "refused"}: ${failed?.ErrorMessage ?? ""}`.trim();
}

function report(entry: PutEventsEntry, reason: string): void {
  const { bucket, object } = JSON.parse(entry.Detail) as {
    bucket: { name: string };
    object: { key: string };
  };
  console.error(
    `gyre local S3: could not publish ${entry.DetailType} for s3://${bucket.name}/${object.key}: ${reason.replace(/\s+/g, " ")}`,
  );
}
