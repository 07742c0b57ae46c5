import { Deployment, Training } from "@gyre/events";
import type { Access, Service } from "../wiring";

/** The registry table and the bus; never the bucket (a version records its artifact's URI, never its bytes). */
const access: Access = { tables: { registry: "read-write" }, publish: true };

/** Registry: every successful run becomes a model version; gates, approvals, aliases, audit; the alias follows deployments. */
export const registry: Service = {
  name: "registry",
  api: { prefixes: ["/models", "/approvals"], handler: "functions/registry/api.ts", access },
  subscriptions: [
    {
      name: "registry-training-run-succeeded",
      pattern: Training.TrainingRunSucceeded.pattern,
      handler: "functions/registry/training-run-succeeded.ts",
      access,
    },
    {
      name: "registry-deployment-succeeded",
      pattern: Deployment.DeploymentSucceeded.pattern,
      handler: "functions/registry/deployment-succeeded.ts",
      access,
    },
    {
      name: "registry-deployment-rolled-back",
      pattern: Deployment.DeploymentRolledBack.pattern,
      handler: "functions/registry/deployment-rolled-back.ts",
      access,
    },
  ],
  outbox: { table: "registry", handler: "functions/registry/outbox.ts" },
};
