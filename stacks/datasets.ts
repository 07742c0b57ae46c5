import type { ServiceApi } from "../functions/apis";
import type { Subscription } from "../functions/subscriptions";

/**
 * The datasets service on AWS: its API function and its two subscriptions to the data
 * bucket's object events under `datasets/`. Each may use the datasets table, read
 * objects (never write them) and, where it announces versions, publish on the bus.
 * The local runtime wires the same declarations to the in-process bus.
 */
const objectEvents = (detailType: string) => ({
  source: ["aws.s3"],
  "detail-type": [detailType],
  detail: { object: { key: [{ prefix: "datasets/" }] } },
});

export const datasetsApi: ServiceApi = {
  service: "datasets",
  prefixes: ["/datasets"],
  handler: "functions/datasets/api.ts",
  access: { tables: { datasets: "read-write" }, publish: true, bucket: "read" },
};

export const datasetsSubscriptions: Subscription[] = [
  {
    name: "datasets-object-created",
    service: "datasets",
    pattern: objectEvents("Object Created"),
    handler: "functions/datasets/object-created.ts",
    access: { tables: { datasets: "read-write" }, publish: true, bucket: "read" },
  },
  {
    name: "datasets-object-deleted",
    service: "datasets",
    pattern: objectEvents("Object Deleted"),
    handler: "functions/datasets/object-deleted.ts",
    access: { tables: { datasets: "read-write" }, bucket: "read" },
  },
];
