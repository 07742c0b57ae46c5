import type { PutEventsEntry } from "@gyre/events";

/** One event waiting in an item's outbox: the PutEvents entry, ready to send. */
export type OutboxEntry = Pick<PutEventsEntry, "Source" | "DetailType" | "Detail" | "Resources">;

/** An item's pending events by key; a key names one state change, so a re-publish reuses it. */
export type Outbox = Record<string, OutboxEntry>;

/** An event to write into an item's outbox with the change it announces. */
export interface Announcement {
  key: string;
  entry: OutboxEntry;
}

/** The outbox attributes, and the sparse index that finds the items with events still pending. */
export const OUTBOX = "outbox";
export const PENDING_INDEX = "outbox";
export const PENDING_ATTRIBUTE = "outboxPending";
export const PENDING = "pending";
/** Counts the relay's clears, so a write that read the outbox before one does not bring it back. */
export const CLEARED = "outboxCleared";

interface Announceable<Detail> {
  entry(value: Detail, resources?: string[]): PutEventsEntry;
}

/**
 * The announcement of one state change: `key` is stable for the change (say
 * `run_1:SUCCEEDED`) and travels as `metadata.eventKey`, so the same event published twice
 * is recognisably one.
 */
export function announce<Detail extends { metadata: object }>(
  event: Announceable<Detail>,
  key: string,
  detail: Detail,
  resources?: string[],
): Announcement {
  const { Source, DetailType, Detail, Resources } = event.entry(
    { ...detail, metadata: { ...detail.metadata, eventKey: key } },
    resources,
  );
  return { key, entry: { Source, DetailType, Detail, ...(Resources ? { Resources } : {}) } };
}
