import type { Access, ServiceApi } from "../functions/apis";
import type { Subscription } from "../functions/subscriptions";

/**
 * The registry service on AWS: its API function and its subscription to successful
 * training runs. Both use only the registry table and publish on the bus; neither
 * touches the bucket (a version records its artifact's URI, never its bytes).
 * The local runtime wires the same declarations to the in-process bus.
 */
const access: Access = { tables: { registry: "read-write" }, publish: true };

export const registryApi: ServiceApi = {
  service: "registry",
  prefixes: ["/models"],
  handler: "functions/registry/api.ts",
  access,
};

export const registrySubscriptions: Subscription[] = [
  {
    name: "registry-training-run-succeeded",
    service: "registry",
    pattern: { source: ["gyre.training"], "detail-type": ["Training Run Succeeded"] },
    handler: "functions/registry/training-run-succeeded.ts",
    access,
  },
];
