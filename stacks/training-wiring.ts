import type { Access, ServiceApi } from "../functions/apis";
import type { Subscription } from "../functions/subscriptions";

/**
 * The training service's functions: its API, and its subscriptions to new dataset
 * versions, drift and Batch job state changes. stacks/training.ts creates the Batch
 * compute environments and queues they submit to. The local runtime wires the same
 * declarations to the in-process bus and the local Batch-compatible runner.
 */
const access: Access = {
  tables: { training: "read-write" },
  publish: true,
  bucket: "read",
  jobs: true,
  timer: true,
};

export const trainingApi: ServiceApi = {
  service: "training",
  prefixes: ["/pipelines", "/runs"],
  handler: "functions/training/api.ts",
  // Creating, replacing and disabling a pipeline keeps its recurring schedule in step.
  access: { ...access, schedules: true },
};

export const trainingSubscriptions: Subscription[] = [
  {
    name: "training-dataset-version-created",
    service: "training",
    pattern: { source: ["gyre.datasets"], "detail-type": ["Dataset Version Created"] },
    handler: "functions/training/dataset-version-created.ts",
    access,
  },
  {
    name: "training-drift-detected",
    service: "training",
    pattern: { source: ["gyre.monitoring"], "detail-type": ["Drift Detected"] },
    handler: "functions/training/drift-detected.ts",
    access,
  },
  {
    name: "training-batch-job-state-change",
    service: "training",
    pattern: {
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: { tags: { "gyre:run": [{ exists: true }] } },
    },
    handler: "functions/training/batch-job-state-change.ts",
    access: { tables: { training: "read-write" }, publish: true, bucket: "read" },
  },
];
