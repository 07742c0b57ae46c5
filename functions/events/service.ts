import type { Callback, Service } from "../wiring";

/** The events API: the archive, put, replay and dead letters (its AWS plumbing is stacks/events.ts). */
export const events: Service = {
  name: "events",
  api: {
    prefixes: ["/events"],
    handler: "functions/events/api.ts",
    access: { tables: { events: "read" }, publish: true, replay: true, deadLetterQueues: true },
  },
};

/** AWS only (stacks/events.ts): copies every event on the bus into the events table. */
export const archiver: Callback = {
  handler: "functions/events/archive.ts",
  access: { tables: { events: "write" } },
};

/** AWS only (stacks/events.ts): turns the rules' dead-letter queue into dead-letter entries. */
export const deadLetterReader: Callback = {
  handler: "functions/events/dead-letter.ts",
  access: { tables: { events: "write" } },
};
