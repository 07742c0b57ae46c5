import { AwsS3, Datasets, Deployment, Registry } from "@gyre/events";
import type { Access, Service } from "../wiring";

/**
 * The monitoring table, the bus, the endpoints' own figures, and the bucket: capture files and
 * baselines (datasets/) read, window data and reports (monitoring/) read and written.
 */
const access: Access = {
  tables: { monitoring: "read-write" },
  publish: true,
  bucket: {
    read: ["capture/", "datasets/", "ground-truth/", "monitoring/"],
    write: ["monitoring/"],
  },
  endpointMetrics: true,
};
/** The API also writes posted ground truth where pipelines put theirs. */
const apiAccess: Access = {
  ...access,
  bucket: { read: ["monitoring/"], write: ["ground-truth/", "monitoring/"] },
};
const reads: Access = { tables: { monitoring: "read-write" } };

/**
 * Monitoring: live traffic (SageMaker Data Capture files) against the training baseline of the
 * version that serves; a window closes on time or at `maxSamples` rows into a report, and drift in at least
 * half the features is announced, which retrains the pipelines that have `onDrift`.
 */
export const monitoring: Service = {
  name: "monitoring",
  api: {
    prefixes: ["/monitors", "/reports"],
    handler: "functions/monitoring/api.ts",
    access: apiAccess,
  },
  subscriptions: [
    {
      name: "monitoring-deployment-succeeded",
      pattern: Deployment.DeploymentSucceeded.pattern,
      handler: "functions/monitoring/deployment-succeeded.ts",
      access: reads,
    },
    {
      name: "monitoring-dataset-version-created",
      pattern: Datasets.DatasetVersionCreated.pattern,
      handler: "functions/monitoring/dataset-version-created.ts",
      access: reads,
    },
    {
      name: "monitoring-model-version-registered",
      pattern: Registry.ModelVersionRegistered.pattern,
      handler: "functions/monitoring/model-version-registered.ts",
      access: reads,
    },
    {
      name: "monitoring-ground-truth-object-created",
      pattern: {
        ...AwsS3.ObjectCreated.pattern,
        detail: { object: { key: [{ prefix: "ground-truth/" }] } },
      },
      handler: "functions/monitoring/ground-truth-object-created.ts",
      access,
    },
    {
      name: "monitoring-capture-object-created",
      pattern: {
        ...AwsS3.ObjectCreated.pattern,
        detail: { object: { key: [{ prefix: "capture/" }] } },
      },
      handler: "functions/monitoring/capture-object-created.ts",
      access,
    },
  ],
  // Windows close on time even when no capture file arrives to notice.
  ticks: [
    {
      name: "monitoring-close-due-windows",
      everyMinutes: 1,
      handler: "functions/monitoring/close-due-windows.ts",
      access,
    },
  ],
  outbox: { table: "monitoring", handler: "functions/monitoring/outbox.ts" },
};
