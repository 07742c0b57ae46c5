import { AwsS3 } from "@gyre/events";
import type { Access, FunctionResources, Service } from "../wiring";

/** Objects under `datasets/` in the data bucket. */
const underDatasets = (event: { pattern: object }) => ({
  ...event.pattern,
  detail: { object: { key: [{ prefix: "datasets/" }] } },
});

/** The datasets table, reading objects, writing only large profiles, and announcing versions. */
const access: Access = {
  tables: { datasets: "read-write" },
  publish: true,
  bucket: { read: [""], write: ["profiles/"] },
};

/**
 * Sized for the largest object a version may be on AWS, 10 GiB (README, Datasets): Parquet is
 * spooled whole to /tmp (Lambda's ceiling, 10240 MB); 1769 MB and up is one full vCPU, which
 * profiles about 60 MB/s (npm run bench -- profile), so 10 GiB takes 3 of Lambda's 15 minutes,
 * leaving room for reading from S3. Memory stays under 300 MB whatever the size.
 */
export const profiling: FunctionResources = { timeoutSeconds: 900, memoryMB: 2048, tmpMB: 10240 };

/** Datasets: every object pushed under `datasets/<name>/` becomes a hashed, profiled version. */
export const datasets: Service = {
  name: "datasets",
  api: { prefixes: ["/datasets"], handler: "functions/datasets/api.ts", access },
  subscriptions: [
    {
      name: "datasets-object-created",
      pattern: underDatasets(AwsS3.ObjectCreated),
      handler: "functions/datasets/object-created.ts",
      access,
      resources: profiling,
    },
    {
      name: "datasets-object-deleted",
      pattern: underDatasets(AwsS3.ObjectDeleted),
      handler: "functions/datasets/object-deleted.ts",
      access: { tables: { datasets: "read-write" }, bucket: "read" },
    },
  ],
  outbox: { table: "datasets", handler: "functions/datasets/outbox.ts" },
};
