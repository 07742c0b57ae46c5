import type { TableOwner } from "@gyre/core/platform/state/tables";
import { datasetsApi } from "../stacks/datasets";
import { registryApi } from "../stacks/registry";
import { trainingApi } from "../stacks/training-wiring";

/**
 * What a function may do on AWS. stacks/ turns exactly this into the function's IAM policy
 * and environment variables, so anything not declared here is denied.
 */
export interface Access {
  /** Tables by owner. A service may name only its own table, `events` and `tokens`. */
  tables?: Partial<Record<TableOwner, "read" | "write" | "read-write">>;
  /** PutEvents on the Gyre bus. */
  publish?: boolean;
  /** StartReplay from the Gyre archive onto the Gyre bus. */
  replay?: boolean;
  /** Objects in the data bucket. */
  bucket?: "read" | "write" | "read-write";
  /** Submit and terminate jobs on Gyre's Batch queues, and read their logs. */
  jobs?: boolean;
  /** Create one-time schedules that call the service back (debounce timers). */
  timer?: boolean;
  /** Create, update and delete the recurring pipeline schedules `gyre-pipeline-*`. */
  schedules?: boolean;
}

/**
 * Every service's HTTP API: the path prefixes it owns and its Lambda handler.
 * stacks/ routes each prefix to the function through API Gateway; the local
 * runtime mounts the same hono apps in one server.
 */
export interface ServiceApi {
  service:
    | "platform"
    | "events"
    | "datasets"
    | "training"
    | "registry"
    | "deployment"
    | "monitoring";
  /** API Gateway routes `<prefix>` and `<prefix>/{proxy+}` to the handler. */
  prefixes: string[];
  /** Exact API Gateway routes the handler serves besides its prefixes, e.g. `GET /health`. */
  routes?: string[];
  /** Path of the module from the repository root; it exports `handler`. */
  handler: string;
  /** Reading the tokens table (bearer auth) is granted to every API without asking. */
  access?: Access;
}

export const apis: ServiceApi[] = [
  {
    service: "platform",
    prefixes: [],
    routes: ["GET /health", "GET /openapi.json", "GET /docs"],
    handler: "functions/platform/api.ts",
  },
  {
    service: "events",
    prefixes: ["/events"],
    handler: "functions/events/api.ts",
    access: { tables: { events: "read" }, publish: true, replay: true },
  },
  datasetsApi,
  trainingApi,
  registryApi,
];
