import { Training } from "@gyre/events";
import type { Access, Service } from "../wiring";

/** The registry table and the bus; never the bucket (a version records its artifact's URI, never its bytes). */
const access: Access = { tables: { registry: "read-write" }, publish: true };

/** Registry: every successful run becomes a model version; gates, approvals, aliases, audit. */
export const registry: Service = {
  name: "registry",
  api: { prefixes: ["/models"], handler: "functions/registry/api.ts", access },
  subscriptions: [
    {
      name: "registry-training-run-succeeded",
      pattern: Training.TrainingRunSucceeded.pattern,
      handler: "functions/registry/training-run-succeeded.ts",
      access,
    },
  ],
};
