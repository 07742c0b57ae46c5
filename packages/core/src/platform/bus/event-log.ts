import type { Envelope, PutEventsEntry, PutEventsResult } from "@gyre/events";
import { newId } from "../ids";
import type { Page } from "../state/pages";
import type { ArchiveQuery, DynamoArchive, DynamoDeadLetters } from "./dynamo-stores";
import type { EventStream } from "./event-stream";
import type { LocalBus, ReplayRequest } from "./local-bus";
import type { DeadLetter } from "./stores";

/** What the events API needs from the bus and its archive: list, put, replay, dead letters, stream. */
export interface EventLog {
  list(query: ArchiveQuery): Promise<Page<Envelope>>;
  deadLetters(query: { limit: number; cursor?: string }): Promise<Page<DeadLetter>>;
  put(entries: PutEventsEntry[]): Promise<PutEventsResult>;
  replay(request: ReplayRequest): Promise<{ replayName: string; events: number }>;
  /** New events as they arrive, where the host can hold a connection open. */
  stream: EventStream;
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
    stream: busStream(bus),
  };
}

/** Each subscriber is a rule on the local bus whose target hands the event over and returns. */
function busStream(bus: LocalBus): EventStream {
  return {
    available: true,
    subscribe(pattern, listener) {
      const name = newId("stream");
      bus.addRule({
        name,
        pattern,
        target: (event) => listener(event),
        retryPolicy: { maximumRetryAttempts: 0 },
      });
      return () => bus.removeRule(name);
    },
  };
}
