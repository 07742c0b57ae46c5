import { AwsBatch, Datasets, Monitoring } from "@gyre/events";
import type { Access, Service } from "../wiring";

/** No bucket: a run's output URI is the jobs port's, and the job, not training, writes there. */
const access: Access = {
  tables: { training: "read-write" },
  publish: true,
  jobs: true,
  timer: true,
};

/**
 * Training: new data, drift or a schedule starts runs of the pipelines that depend on them, as
 * jobs on Batch; runs follow Batch's own job events. stacks/training.ts creates the compute
 * environments and queues; locally the platform's Batch-compatible runner stands in.
 */
export const training: Service = {
  name: "training",
  api: {
    prefixes: ["/pipelines", "/runs"],
    handler: "functions/training/api.ts",
    // Creating, replacing and disabling a pipeline keeps its recurring schedule in step.
    access: { ...access, schedules: true },
  },
  subscriptions: [
    {
      name: "training-dataset-version-created",
      pattern: Datasets.DatasetVersionCreated.pattern,
      handler: "functions/training/dataset-version-created.ts",
      access,
    },
    {
      name: "training-drift-detected",
      pattern: Monitoring.DriftDetected.pattern,
      handler: "functions/training/drift-detected.ts",
      access,
    },
    {
      name: "training-batch-job-state-change",
      pattern: {
        ...AwsBatch.BatchJobStateChange.pattern,
        detail: { tags: { "gyre:run": [{ exists: true }] } },
      },
      handler: "functions/training/batch-job-state-change.ts",
      // The log of a failed attempt gives the run its reason; a run's metrics.json, its metrics.
      access: {
        tables: { training: "read-write" },
        publish: true,
        bucket: { read: ["runs/"] },
        jobLogs: true,
      },
    },
  ],
  // A debounce window closed: submit the queued run, re-arming the timer if it moved.
  timer: {
    handler: "functions/training/run-due.ts",
    access: { tables: { training: "read-write" }, publish: true, jobs: true, timer: true },
  },
  // A pipeline's schedule fired: the table, the bus, Batch, and the timer every submission arms
  // (it comes back to a run cut off mid-submit).
  schedules: {
    handler: "functions/training/schedule-fired.ts",
    access: { ...access, timer: true },
  },
  outbox: { table: "training", handler: "functions/training/outbox.ts" },
};
