import { recordLeftovers } from "@gyre/core/registry/record";
import { outboxRelay } from "../shared/outbox";

// A crash between a change and its audit entries: the relay appends them before the events go.
export const { make, lambda } = outboxRelay("registry", (db, key) =>
  recordLeftovers(db, key as { pk: string; sk: string }),
);
