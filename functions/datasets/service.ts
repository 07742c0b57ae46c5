import { AwsS3 } from "@gyre/events";
import type { Access, Service } from "../wiring";

/** Objects under `datasets/` in the data bucket. */
const underDatasets = (event: { pattern: object }) => ({
  ...event.pattern,
  detail: { object: { key: [{ prefix: "datasets/" }] } },
});

/** The datasets table, reading (never writing) objects, and announcing versions. */
const access: Access = { tables: { datasets: "read-write" }, publish: true, bucket: "read" };

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
    },
    {
      name: "datasets-object-deleted",
      pattern: underDatasets(AwsS3.ObjectDeleted),
      handler: "functions/datasets/object-deleted.ts",
      access: { tables: { datasets: "read-write" }, bucket: "read" },
    },
  ],
};
