import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import type {
  EventPublisher,
  PutEventsEntry,
  PutEventsResult,
  PutEventsResultEntry,
} from "@gyre/events";
import { batchBySize, MAX_REQUEST_BYTES } from "./entry-size";
import { MAX_ENTRIES_PER_CALL } from "./local-bus";

let client: EventBridgeClient | undefined;

/** One EventBridge client per process, reused across invocations. */
export function eventBridge(): EventBridgeClient {
  client ??= new EventBridgeClient({});
  return client;
}

export interface PublisherOptions {
  /** Defaults to `GYRE_BUS_NAME`, which stacks/ sets on every function. */
  busName?: string;
  /** Calls per entry, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
}

/** Codes a retry cannot fix: the entry itself, or our permissions, are wrong. */
const PERMANENT = new Set([
  "InvalidArgument",
  "MalformedDetail",
  "AccessDeniedException",
  "NotAuthorizedForSourceException",
  "NotAuthorizedForDetailTypeException",
  "ValidationException",
]);

/**
 * PutEvents onto the Gyre bus: any number of entries, sent at most 10 and under 256 KB per
 * call (one larger entry alone, for EventBridge to refuse by itself); entries that
 * come back failed with a transient code are sent again with exponential backoff.
 * Answers per entry, in the order given.
 */
export class EventBridgePublisher implements EventPublisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(private readonly options: PublisherOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
  }

  async putEvents(entries: PutEventsEntry[]): Promise<PutEventsResult> {
    const busName = this.options.busName ?? requiredEnv("GYRE_BUS_NAME");
    const results: PutEventsResultEntry[] = [];
    const limits = { maxEntries: MAX_ENTRIES_PER_CALL, maxBytes: MAX_REQUEST_BYTES };
    for (const batch of batchBySize(entries, limits)) {
      results.push(...(await this.sendBatch(batch.map((e) => ({ ...e, EventBusName: busName })))));
    }
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }

  private async sendBatch(batch: PutEventsRequestEntry[]): Promise<PutEventsResultEntry[]> {
    const results: PutEventsResultEntry[] = new Array(batch.length);
    let pending = batch.map((_, index) => index);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(backoffMs(this.baseDelayMs, attempt - 1));
      const answer = await eventBridge().send(
        new PutEventsCommand({
          Entries: pending.map((index) => batch[index] as PutEventsRequestEntry),
        }),
      );
      const retry: number[] = [];
      pending.forEach((index, position) => {
        const outcome = answer.Entries?.[position];
        results[index] = toResult(outcome);
        const code = outcome?.ErrorCode;
        if (code && !PERMANENT.has(code) && attempt < this.maxAttempts) retry.push(index);
      });
      pending = retry;
    }
    return results;
  }
}

function toResult(
  outcome: { EventId?: string; ErrorCode?: string; ErrorMessage?: string } | undefined,
) {
  if (outcome?.EventId && !outcome.ErrorCode) return { EventId: outcome.EventId };
  return {
    ErrorCode: outcome?.ErrorCode ?? "InternalFailure",
    ErrorMessage: outcome?.ErrorMessage ?? "EventBridge returned no result for this entry.",
  };
}

/** Full jitter: a random wait up to base * 2^(retry-1). */
function backoffMs(baseDelayMs: number, retry: number): number {
  return Math.random() * baseDelayMs * 2 ** (retry - 1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: stacks/ sets it on every Gyre function.`);
  return value;
}
