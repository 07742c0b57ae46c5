import { AsyncLocalStorage } from "node:async_hooks";
import type { Envelope, Metadata } from "@gyre/events";
import { newId } from "./ids";

const storage = new AsyncLocalStorage<Metadata>();

/** Runs `fn` on behalf of `cause`: events it publishes carry it as their metadata. */
export function actAs<T>(cause: Metadata, fn: () => T): T {
  return storage.run(cause, fn);
}

/** The metadata for an event published now: the current cause, or `system` starting a new trip. */
export function eventMetadata(): Metadata {
  return storage.getStore() ?? { actor: "system", correlationId: newId("cor"), causationId: null };
}

/** The cause a subscriber acts under: the original actor and trip, caused by this event. */
export function causeOf(event: Envelope): Metadata {
  const metadata = (event.detail as { metadata?: Partial<Metadata> } | undefined)?.metadata;
  return {
    actor: metadata?.actor ?? event.source,
    correlationId: metadata?.correlationId ?? newId("cor"),
    causationId: event.id,
  };
}
