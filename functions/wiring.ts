import type { PortName } from "@gyre/core/platform/ports";
import type { TableOwner } from "@gyre/core/platform/state/tables";

/**
 * How a service declares itself (in `functions/<service>/service.ts`): its API, its bus
 * subscriptions and the callbacks it asks the platform for. `functions/services.ts` lists
 * every service; stacks/ turns the list into AWS resources, the local runtime into one process.
 * This module imports nothing but types, so stacks/ can read declarations without runtime code.
 */

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
  /** Objects in the data bucket: all of them, or only those under the given key prefixes. */
  bucket?: "read" | "write" | "read-write" | { read?: string[]; write?: string[] };
  /** Submit and terminate jobs on Gyre's Batch queues, and read their logs. */
  jobs?: boolean;
  /** Only read Gyre's Batch jobs and their logs (DescribeJobs, GetLogEvents); `jobs` includes it. */
  jobLogs?: boolean;
  /** Create one-time schedules that call the service back (debounce timers). */
  timer?: boolean;
  /** Create, update and delete the recurring pipeline schedules `gyre-pipeline-*`. */
  schedules?: boolean;
  /** Deploy, describe, measure, invoke and delete SageMaker endpoints `gyre-*`. */
  endpoints?: boolean;
  /** Only describe endpoints `gyre-*` and read their CloudWatch figures; `endpoints` includes it. */
  endpointMetrics?: boolean;
  /** Count and peek at the rules' dead-letter queue and the failed-invocations queue. */
  deadLetterQueues?: boolean;
}

/**
 * A function's size on AWS, where the default (30 s, 512 MB, 512 MB of `/tmp`) is not enough.
 * Lambda's ceilings: 900 s, 10240 MB of memory, 10240 MB of `/tmp`.
 */
export interface FunctionResources {
  timeoutSeconds?: number;
  memoryMB?: number;
  /** Lambda's ephemeral storage, `/tmp`. */
  tmpMB?: number;
}

export type ServiceName =
  | "platform"
  | "events"
  | "datasets"
  | "training"
  | "registry"
  | "deployment"
  | "monitoring";

/**
 * A service's HTTP API: the path prefixes it owns and its handler module. stacks/ routes each
 * prefix to one Lambda function through API Gateway; the local runtime mounts the same hono app.
 */
export interface ServiceApi {
  service: ServiceName;
  /** API Gateway routes `<prefix>` and `<prefix>/{proxy+}` to the handler. */
  prefixes: string[];
  /** Exact API Gateway routes the handler serves besides its prefixes, e.g. `GET /health`. */
  routes?: string[];
  /** Path of the module from the repository root; it exports `make(platform)` and `lambda`. */
  handler: string;
  /** Reading the tokens table (bearer auth) is granted to every API without asking. */
  access?: Access;
}

/** A rule on the bus: which events one of the service's functions receives. */
export interface Subscription {
  /** The rule name, unique on the bus. */
  name: string;
  service: ServiceName;
  /** An EventBridge event pattern. */
  pattern: Record<string, unknown>;
  /** Path of the handler module from the repository root; it exports `make(platform)` and `lambda`. */
  handler: string;
  /** What the handler may do on AWS (its IAM policy); nothing when left out. */
  access?: Access;
  resources?: FunctionResources;
}

/** A function the platform calls back: the timer (`{runId}`) or the recurring schedules (`{pipeline, scheduledTime}`). */
export interface Callback {
  /** Path of the handler module from the repository root. */
  handler: string;
  access: Access;
}

/**
 * A function the platform calls at a fixed rate: an EventBridge Scheduler `rate(...)`
 * schedule on AWS, a timer locally (GYRE_TICK_SECONDS apart).
 */
export interface Tick {
  /** Unique across services; the schedule is `gyre-tick-<name>`. */
  name: string;
  /** The rate on AWS, in whole minutes (Scheduler's finest). */
  everyMinutes: number;
  /** Path of the handler module from the repository root; `make(platform)` gives `() => Promise`. */
  handler: string;
  access: Access;
}

/**
 * A service whose table carries an outbox (packages/core/src/platform/outbox): its relay
 * module, subscribed to the table's stream on AWS and run as a sweep every minute there
 * (after a Lambda timeout or a failed PutEvents), on start and on every tick locally.
 */
export interface OutboxRelay {
  table: TableOwner;
  /** Path of the module from the repository root; `make(platform)` gives the relay. */
  handler: string;
}

export interface Service {
  name: ServiceName;
  api?: Omit<ServiceApi, "service">;
  subscriptions?: Omit<Subscription, "service">[];
  /** The handler the platform's timer port calls back (one service may own it). */
  timer?: Callback;
  /** The handler the platform's recurring schedules call back (one service may own them). */
  schedules?: Callback;
  /** Functions called at a fixed rate (sweeps). */
  ticks?: Tick[];
  outbox?: OutboxRelay;
}

/** What a relay may do: read and clear its own table's outbox, and PutEvents. */
export function outboxAccess(table: TableOwner): Access {
  return { tables: { [table]: "read-write" }, publish: true };
}

/** Every outbox relay in the list, each tagged with its service. */
export function outboxesOf(services: Service[]): (OutboxRelay & { service: ServiceName })[] {
  return services.flatMap((s) => (s.outbox ? [{ service: s.name, ...s.outbox }] : []));
}

/** The sweep of an outbox, as a tick: `<service>-outbox`, every minute. */
function outboxSweep(outbox: OutboxRelay & { service: ServiceName }): Tick {
  return {
    name: `${outbox.service}-outbox`,
    everyMinutes: 1,
    handler: outbox.handler,
    access: outboxAccess(outbox.table),
  };
}

/** Every tick in the list (outbox sweeps included), each tagged with its service. */
export function ticksOf(services: Service[]): (Tick & { service: ServiceName })[] {
  return [
    ...services.flatMap((s) => (s.ticks ?? []).map((tick) => ({ service: s.name, ...tick }))),
    ...outboxesOf(services).map((o) => ({ service: o.service, ...outboxSweep(o) })),
  ];
}

/** Every API in the list, each tagged with its service. */
export function apisOf(services: Service[]): ServiceApi[] {
  return services.flatMap((s) =>
    s.api ? [{ service: s.name, ...s.api, access: withTokenLookup(s.api.access) }] : [],
  );
}

/** Every API checks bearer tokens, so each may read the tokens table without asking. */
export function withTokenLookup(access: Access = {}): Access {
  return {
    ...access,
    tables: { ...access.tables, tokens: access.tables?.tokens ?? "read" },
  };
}

/** Every subscription in the list, each tagged with its service. */
export function subscriptionsOf(services: Service[]): Subscription[] {
  return services.flatMap((s) =>
    (s.subscriptions ?? []).map((sub) => ({ service: s.name, ...sub })),
  );
}

/** The one service that owns a callback kind, if any; two owners is a wiring mistake. */
export function callbackOf(services: Service[], kind: "timer" | "schedules"): Callback | undefined {
  const owners = services.filter((s) => s[kind]);
  if (owners.length > 1) {
    throw new Error(`Services ${owners.map((s) => s.name).join(" and ")} both declare a ${kind}.`);
  }
  return owners[0]?.[kind];
}

/**
 * The object keys whose S3 events the subscriptions receive, as EventBridge key conditions
 * (`[{prefix: "datasets/"}, {prefix: "capture/"}]`): the bucket's events worth forwarding to
 * the Gyre bus. Objects Gyre keeps for itself (`monitoring/`, `models/`...) then raise no
 * event there, so they neither flood the archive nor cost a PutEvents each. Undefined when a
 * subscription takes S3 events under any key, or none takes them: nothing to narrow.
 */
export function watchedObjectKeys(
  subscriptions: Pick<Subscription, "pattern">[],
): unknown[] | undefined {
  const onS3 = subscriptions.filter(({ pattern }) => sourcesOf(pattern).includes("aws.s3"));
  const keys = onS3.map(({ pattern }) => keyConditionsOf(pattern));
  if (!keys.length || keys.some((conditions) => conditions === undefined)) return undefined;
  const unique = new Map(keys.flat().map((condition) => [JSON.stringify(condition), condition]));
  return [...unique.values()];
}

/** The pattern of the bucket's events that reach the Gyre bus. */
export function objectEventsPattern(bucket: unknown, keys: unknown[] | undefined) {
  return {
    source: ["aws.s3"],
    detail: { bucket: { name: [bucket] }, ...(keys ? { object: { key: keys } } : {}) },
  };
}

function sourcesOf(pattern: Record<string, unknown>): unknown[] {
  return Array.isArray(pattern.source) ? pattern.source : [];
}

function keyConditionsOf(pattern: Record<string, unknown>): unknown[] | undefined {
  const detail = pattern.detail as { object?: { key?: unknown } } | undefined;
  const key = detail?.object?.key;
  return Array.isArray(key) ? key : undefined;
}

/**
 * The platform ports a function's access lets it use. Its Lambda entry imports only these
 * ports' AWS adapters, and the local runtime hands it only these, so a port used without being
 * declared fails in every test instead of as AccessDenied on AWS. Every function reads its
 * own state and the dead letters (DynamoDB); the APIs also bearer tokens (apisOf grants the
 * tokens table), which nothing else needs.
 */
export function portsOf(access: Access = {}): PortName[] {
  const ports: PortName[] = ["state", "deadLetters"];
  if (access.tables?.tokens) ports.push("tokens");
  if (access.publish) ports.push("bus");
  if (access.bucket) ports.push("objects");
  if (access.jobs || access.jobLogs) ports.push("jobs");
  if (access.endpoints || access.endpointMetrics) ports.push("endpoints");
  if (access.timer) ports.push("timer");
  if (access.schedules) ports.push("schedules");
  if (access.replay || access.deadLetterQueues) ports.push("events");
  return ports;
}
