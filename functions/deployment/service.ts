import { AwsSageMaker, Registry } from "@gyre/events";
import type { Access, Service } from "../wiring";

/**
 * The deployment table, the bus and the endpoints; no bucket: data capture's destination is
 * the endpoints port's, and SageMaker, not deployment, writes there.
 */
const access: Access = {
  tables: { deployment: "read-write" },
  publish: true,
  endpoints: true,
};
const reads: Access = { tables: { deployment: "read-write" } };

/**
 * Deployment: approved versions roll out to endpoints blue/green, with automatic rollback.
 * It knows versions only from registry events; endpoint progress comes from SageMaker's own
 * events (the local model host sends the same ones).
 */
export const deployment: Service = {
  name: "deployment",
  api: {
    prefixes: ["/endpoints", "/deployments"],
    handler: "functions/deployment/api.ts",
    access,
  },
  subscriptions: [
    {
      name: "deployment-model-version-registered",
      pattern: Registry.ModelVersionRegistered.pattern,
      handler: "functions/deployment/version-registered.ts",
      access: reads,
    },
    {
      name: "deployment-model-version-approved",
      pattern: Registry.ModelVersionApproved.pattern,
      handler: "functions/deployment/version-approved.ts",
      access,
    },
    {
      name: "deployment-model-alias-changed",
      pattern: Registry.ModelAliasChanged.pattern,
      handler: "functions/deployment/alias-changed.ts",
      access,
    },
    {
      name: "deployment-endpoint-state-change",
      pattern: {
        ...AwsSageMaker.EndpointStateChange.pattern,
        detail: { EndpointName: [{ prefix: "gyre-" }] },
      },
      handler: "functions/deployment/endpoint-state-change.ts",
      access,
    },
  ],
  outbox: { table: "deployment", handler: "functions/deployment/outbox.ts" },
};
