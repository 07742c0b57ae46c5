import type { QueueName } from "@gyre/core/platform/jobs/port";
import type { TableOwner } from "@gyre/core/platform/state/tables";
import type { Access } from "../functions/wiring";
import { type AccessTargets, assertOwnTables, type Statement, statementsFor } from "./access";

/** Everything stacks/ decides about a Lambda function; sst.config.ts hands it to sst.aws.Function. */
export interface FunctionSpec {
  name: string;
  /** SST's form: `functions/events/api.handler`. */
  handler: string;
  runtime: "nodejs22.x";
  timeout: `${number} seconds`;
  memory: `${number} MB`;
  environment: Record<string, $util.Input<string>>;
  permissions: Statement[];
}

export interface DeployedFunction {
  arn: $util.Output<string>;
  name: $util.Output<string>;
}

export type FunctionFactory = (spec: FunctionSpec) => DeployedFunction;

export interface GyreFunction {
  /** Unique resource name, e.g. `EventsApi`. */
  name: string;
  service: string;
  /** Module path from the repository root, exporting `handler`. */
  module: string;
  access: Access;
  /** Statements beyond the access declaration, for platform plumbing (e.g. reading the DLQ). */
  statements?: Statement[];
  timeoutSeconds?: number;
}

export interface FunctionContext {
  factory: FunctionFactory;
  targets: AccessTargets;
  names: {
    bus: $util.Input<string>;
    bucket: $util.Input<string>;
    tables: Record<TableOwner, $util.Input<string>>;
  };
}

/** A function with the env vars and IAM statements its access declaration implies, and no others. */
export function makeFunction(context: FunctionContext, fn: GyreFunction): DeployedFunction {
  assertOwnTables(fn.service, fn.name, fn.access);
  const { targets } = context;
  const environment: Record<string, $util.Input<string>> = {
    POWERTOOLS_SERVICE_NAME: fn.service,
    POWERTOOLS_METRICS_NAMESPACE: "Gyre",
    GYRE_BUS_NAME: context.names.bus,
    GYRE_BUS_ARN: targets.bus,
    GYRE_ARCHIVE_ARN: targets.archive,
  };
  for (const owner of Object.keys(fn.access.tables ?? {}) as TableOwner[]) {
    environment[`GYRE_${owner.toUpperCase()}_TABLE`] = context.names.tables[owner];
  }
  if (fn.access.bucket) environment.GYRE_BUCKET = context.names.bucket;
  if (fn.access.jobs && targets.jobs) {
    for (const [queue, arn] of Object.entries(targets.jobs.queues)) {
      environment[queueEnv(queue as QueueName)] = arn;
    }
    environment.GYRE_BATCH_JOB_ROLE_ARN = targets.jobs.jobRole;
  }
  if (fn.access.timer && targets.timer) {
    environment.GYRE_RUN_DUE_FUNCTION_ARN = targets.timer.runDue;
    environment.GYRE_SCHEDULER_ROLE_ARN = targets.timer.role;
  }
  if (fn.access.schedules && targets.schedules) {
    environment.GYRE_SCHEDULE_FIRED_FUNCTION_ARN = targets.schedules.scheduleFired;
    environment.GYRE_PIPELINE_SCHEDULER_ROLE_ARN = targets.schedules.role;
  }
  if (fn.access.endpoints && targets.endpoints) {
    environment.GYRE_SAGEMAKER_ROLE_ARN = targets.endpoints.executionRole;
  }
  return context.factory({
    name: fn.name,
    handler: `${fn.module.replace(/\.ts$/, "")}.handler`,
    runtime: "nodejs22.x",
    timeout: `${fn.timeoutSeconds ?? 30} seconds`,
    memory: "512 MB",
    environment,
    permissions: [...statementsFor(fn.access, targets), ...(fn.statements ?? [])],
  });
}

/** The variable AwsBatchRunner reads a queue's ARN from: `gpu-spot` → `GYRE_BATCH_QUEUE_GPU_SPOT`. */
export function queueEnv(queue: QueueName): string {
  return `GYRE_BATCH_QUEUE_${queue.toUpperCase().replace("-", "_")}`;
}

export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");
}
