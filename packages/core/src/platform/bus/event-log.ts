import type { Envelope, PutEventsEntry, PutEventsResult } from "@gyre/events";
import type { Page } from "../state/pages";
import type { ArchiveQuery, DynamoArchive, DynamoDeadLetters } from "./dynamo-stores";
import type { LocalBus, ReplayRequest } from "./local-bus";
import type { DeadLetter } from "./stores";

/** What the events API needs from the bus and its archive: list, put, replay, dead letters. */
export interface EventLog {
  list(query: ArchiveQuery): Promise<Page<Envelope>>;
  deadLetters(query: { limit: number; cursor?: string }): Promise<Page<DeadLetter>>;
  put(entries: PutEventsEntry[]): Promise<PutEventsResult>;
  replay(request: ReplayRequest): Promise<{ replayName: string; events: number }>;
}

export function localEventLog(
  bus: LocalBus,
  archive: DynamoArchive,
  deadLetters: DynamoDeadLetters,
): EventLog {
  return {
    list: (query) => archive.list(query),
    deadLetters: (query) => deadLetters.page(query),
    put: (entries) => bus.putEvents(entries),
    replay: (request) => bus.replay(request),
  };
}
