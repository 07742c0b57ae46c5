import type { PutEventsEntry } from "@gyre/events";

const utf8 = new TextEncoder();
const TIME_BYTES = 14;

/** PutEvents entry size as the EventBridge User Guide defines it ("Calculating PutEvents event entry size"). */
export function entrySize(entry: Partial<PutEventsEntry>): number {
  let size = entry.Time ? TIME_BYTES : 0;
  size += byteLength(entry.Source) + byteLength(entry.DetailType) + byteLength(entry.Detail);
  for (const resource of entry.Resources ?? []) size += byteLength(resource);
  return size;
}

function byteLength(value: string | undefined): number {
  return value ? utf8.encode(value).byteLength : 0;
}
