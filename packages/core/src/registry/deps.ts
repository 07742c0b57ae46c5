import type { EventPublisher } from "@gyre/events";

export interface RegistryDeps {
  bus: EventPublisher;
}
