import type { EventPublisher } from "@gyre/events";
import { EventBridgePublisher } from "./aws-bus";

let current: EventPublisher | undefined;

/** The local runtime hands its in-process bus here; on AWS the default is EventBridge. */
export function usePublisher(publisher: EventPublisher): void {
  current = publisher;
}

/** The bus this process publishes to. */
export function publisher(): EventPublisher {
  current ??= new EventBridgePublisher();
  return current;
}
