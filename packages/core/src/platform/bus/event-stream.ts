import type { Envelope } from "@gyre/events";
import type { Page } from "../state/pages";
import type { ArchiveQuery } from "./dynamo-stores";

/** The archive listing a resumed stream reads (as GET /events lists it). */
type ArchiveList = { list(query: ArchiveQuery): Promise<Page<Envelope>> };

/** Whether this platform's bus can push events to a long-lived connection (locally it can). */
export type EventStream = LiveStream | { available: false; reason: string };

export interface LiveStream {
  available: true;
  /** Calls `listener` with every event matching `pattern` until the returned stop is called. */
  subscribe(pattern: unknown, listener: (event: Envelope) => void): () => void;
}

export interface StreamFilters {
  source?: string;
  detailType?: string;
  correlationId?: string;
}

/** Where a resumed stream starts: after an event id (Last-Event-ID), or at a time. */
export type ResumePoint = { afterId: string } | { since: Date };

/** The most archived events a resumed stream sends before going live. */
export const MAX_BACKLOG = 1000;

/** The filters of GET /events as an EventBridge pattern (every event when there are none). */
export function patternOf(filters: StreamFilters): Record<string, unknown> {
  const pattern: Record<string, unknown> = { source: [filters.source ?? { prefix: "" }] };
  if (filters.detailType) pattern["detail-type"] = [filters.detailType];
  if (filters.correlationId) {
    pattern.detail = { metadata: { correlationId: [filters.correlationId] } };
  }
  return pattern;
}

/** What a resumed stream could not send from the archive, said to the client as a comment. */
export type BacklogNote = "unknown_id" | "truncated" | null;

/**
 * Follows the bus: archived events after the resume point first (oldest first, at most
 * MAX_BACKLOG), then every new one, each once and in order. It subscribes before reading the
 * archive, so an event put in between is neither lost nor sent twice.
 */
export async function followEvents(
  log: ArchiveList,
  stream: LiveStream,
  filters: StreamFilters,
  resume: ResumePoint | undefined,
  deliver: (event: Envelope) => void,
): Promise<{ stop: () => void; note: BacklogNote }> {
  const held: Envelope[] = [];
  let live = false;
  const stop = stream.subscribe(patternOf(filters), (event) =>
    live ? deliver(event) : held.push(event),
  );
  try {
    const past = resume ? await backlog(log, filters, resume) : { events: [], note: null };
    const sent = new Set<string>();
    for (const event of [...past.events, ...held]) {
      if (sent.has(event.id)) continue;
      sent.add(event.id);
      deliver(event);
    }
    live = true;
    return { stop, note: past.note };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Archived events after the resume point, oldest first. An id not among the newest
 * MAX_BACKLOG events sends none (the client has them, or they are not this Gyre's); a time
 * with more than MAX_BACKLOG events after it sends the newest MAX_BACKLOG.
 */
async function backlog(
  log: ArchiveList,
  filters: StreamFilters,
  resume: ResumePoint,
): Promise<{ events: Envelope[]; note: BacklogNote }> {
  const afterId = "afterId" in resume ? resume.afterId : undefined;
  const since = "since" in resume ? resume.since : undefined;
  const newestFirst: Envelope[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.list({ ...filters, since, limit: 100, cursor });
    for (const event of page.items) {
      if (event.id === afterId) return { events: newestFirst.reverse(), note: null };
      if (newestFirst.length === MAX_BACKLOG) {
        return afterId
          ? { events: [], note: "unknown_id" }
          : { events: newestFirst.reverse(), note: "truncated" };
      }
      newestFirst.push(event);
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return afterId
    ? { events: [], note: "unknown_id" }
    : { events: newestFirst.reverse(), note: null };
}
