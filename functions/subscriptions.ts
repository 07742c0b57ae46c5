import type { Access } from "./apis";

/**
 * Every rule on the bus: which events each service's functions receive.
 * The local runtime and stacks/ both read this list; the events docs derive
 * each event's consumers from it.
 */
export interface Subscription {
  /** The rule name, unique on the bus. */
  name: string;
  service: "datasets" | "training" | "registry" | "deployment" | "monitoring";
  /** An EventBridge event pattern. */
  pattern: Record<string, unknown>;
  /** Path of the handler module from the repository root; it exports `handler`. */
  handler: string;
  /** What the handler may do on AWS (its IAM policy); nothing when left out. */
  access?: Access;
}

const datasetsAccess: Access = {
  tables: { datasets: "read-write" },
  publish: true,
  bucket: "read",
};

export const subscriptions: Subscription[] = [
  {
    name: "datasets-object-created",
    service: "datasets",
    pattern: {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { object: { key: [{ prefix: "datasets/" }] } },
    },
    handler: "functions/datasets/object-created.ts",
    access: datasetsAccess,
  },
  {
    name: "datasets-object-deleted",
    service: "datasets",
    pattern: {
      source: ["aws.s3"],
      "detail-type": ["Object Deleted"],
      detail: { object: { key: [{ prefix: "datasets/" }] } },
    },
    handler: "functions/datasets/object-deleted.ts",
    access: { tables: { datasets: "read-write" }, bucket: "read" },
  },
];
