import type { PutEventsEntry } from "@gyre/events";

const utf8 = new TextEncoder();
const TIME_BYTES = 14;

/** "The total entry size must be less than 256KB" for one PutEvents request (User Guide). */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** PutEvents entry size as the EventBridge User Guide defines it ("Calculating PutEvents event entry size"). */
export function entrySize(entry: Partial<PutEventsEntry>): number {
  let size = entry.Time ? TIME_BYTES : 0;
  size += byteLength(entry.Source) + byteLength(entry.DetailType) + byteLength(entry.Detail);
  for (const resource of entry.Resources ?? []) size += byteLength(resource);
  return size;
}

export interface BatchLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * Splits entries, in order, into requests of at most `maxEntries` entries whose sizes add up
 * to less than `maxBytes`. An entry too large on its own goes alone, for EventBridge to refuse
 * per entry (EntryTooLarge) rather than fail the whole request.
 */
export function batchBySize<T extends Partial<PutEventsEntry>>(
  entries: T[],
  limits: BatchLimits,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    const full = current.length === limits.maxEntries || bytes + size >= limits.maxBytes;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function byteLength(value: string | undefined): number {
  return value ? utf8.encode(value).byteLength : 0;
}
