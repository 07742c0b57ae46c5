import type { Service } from "../wiring";

/** The events API: the archive, put, replay and dead letters (its AWS plumbing is stacks/events.ts). */
export const events: Service = {
  name: "events",
  api: {
    prefixes: ["/events"],
    handler: "functions/events/api.ts",
    access: { tables: { events: "read" }, publish: true, replay: true, deadLetterQueues: true },
  },
};
