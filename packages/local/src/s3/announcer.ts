import { orderedPublisher, type Publish } from "./publisher";
import { currentRequest, newRequestId } from "./request-context";
import { createSequencer } from "./sequencer";
import { type ObjectChange, partitionOf, toEventBridgeEntry } from "./to-eventbridge";

export interface Announcer {
  /** Queues the event for a change made by the request being served. */
  announce(change: ObjectChange): void;
  drain(): Promise<void>;
}

export function createAnnouncer(options: {
  account: string;
  region: string;
  publish: Publish;
}): Announcer {
  const publisher = orderedPublisher(options.publish);
  const nextSequencer = createSequencer();
  const partition = partitionOf(options.region);
  return {
    announce(change) {
      const request = currentRequest.getStore();
      if (request?.chunkedBody?.problem) return;
      const requester = {
        requestId: request?.requestId ?? newRequestId(),
        account: options.account,
        sourceIp: request?.sourceIp ?? "127.0.0.1",
      };
      const entry = toEventBridgeEntry(change, {
        requester,
        sequencer: nextSequencer(),
        partition,
        time: new Date(),
      });
      request?.publications.push(publisher.enqueue(entry));
    },
    drain: () => publisher.drain(),
  };
}
