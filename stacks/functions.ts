import type { QueueName } from "@gyre/core/platform/jobs/port";
import type { TableOwner } from "@gyre/core/platform/state/tables";
import { type LambdaEntry, lambdaEntry } from "../functions/bundling/entry";
import { nodejs } from "../functions/bundling/sst";
import type { Access, FunctionResources } from "../functions/wiring";
import { type AccessTargets, assertOwnTables, type Statement, statementsFor } from "./access";

/** Everything stacks/ decides about a Lambda function; sst.config.ts hands it to sst.aws.Function. */
export interface FunctionSpec {
  name: string;
  /** SST's form, of the generated entry: `functions/entries/EventsApi.handler`. */
  handler: string;
  /**
   * The entry to write before SST bundles it: the module's `lambda` given only the AWS
   * adapters of the ports its access declares, so the bundle holds only their SDK clients.
   */
  entry: LambdaEntry;
  /** How SST bundles it (`nodejs`): the plugins the bench builds with too. */
  nodejs: typeof nodejs;
  runtime: "nodejs22.x";
  timeout: `${number} seconds`;
  memory: `${number} MB`;
  /** Ephemeral storage, `/tmp`. */
  storage: `${number} MB`;
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
  /** Module path from the repository root, exporting `lambda` (functions/shared/handler.ts). */
  module: string;
  access: Access;
  /** Statements beyond the access declaration, for platform plumbing (e.g. reading the DLQ). */
  statements?: Statement[];
  timeoutSeconds?: number;
  /** The declaration's own size, over the defaults (timeoutSeconds above, 512 MB, 512 MB of /tmp). */
  resources?: FunctionResources;
  /**
   * Invoked asynchronously (by EventBridge or Scheduler): Lambda retries a throw twice and
   * then drops the event, so the function gets the failed-invocations queue as its on-failure
   * destination.
   */
  invokedAsync?: boolean;
}

export interface FunctionContext {
  factory: FunctionFactory;
  targets: AccessTargets;
  names: {
    bus: $util.Input<string>;
    bucket: $util.Input<string>;
    tables: Record<TableOwner, $util.Input<string>>;
    /** The URLs of the rules' dead-letter queue and the failed-invocations queue. */
    queues: { deadLetters: $util.Input<string>; failedInvocations: $util.Input<string> };
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
  // The endpoints and jobs ports name where SageMaker's capture and the jobs' outputs go in it.
  if (fn.access.bucket || fn.access.endpoints || fn.access.jobs)
    environment.GYRE_BUCKET = context.names.bucket;
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
  if (fn.access.deadLetterQueues) {
    environment.GYRE_DEAD_LETTER_QUEUE_URL = context.names.queues.deadLetters;
    environment.GYRE_FAILED_INVOCATIONS_QUEUE_URL = context.names.queues.failedInvocations;
  }
  const onFailure = fn.invokedAsync ? [sendTo(targets.deadLetterQueues.failedInvocations)] : [];
  const entry = lambdaEntry(fn.name, fn.module, fn.access);
  const deployed = context.factory({
    name: fn.name,
    handler: entry.handler,
    entry,
    nodejs,
    runtime: "nodejs22.x",
    timeout: `${fn.resources?.timeoutSeconds ?? fn.timeoutSeconds ?? 30} seconds`,
    memory: `${fn.resources?.memoryMB ?? 512} MB`,
    storage: `${fn.resources?.tmpMB ?? 512} MB`,
    environment,
    permissions: [...statementsFor(fn.access, targets), ...(fn.statements ?? []), ...onFailure],
  });
  if (fn.invokedAsync) failedInvocationsOf(fn.name, deployed, targets);
  return deployed;
}

/** Lambda's own async retries (two), then the event goes to the failed-invocations queue. */
function failedInvocationsOf(name: string, fn: DeployedFunction, targets: AccessTargets) {
  new aws.lambda.FunctionEventInvokeConfig(`${name}OnFailure`, {
    functionName: fn.name,
    maximumRetryAttempts: LAMBDA_ASYNC_RETRIES,
    destinationConfig: {
      onFailure: { destination: targets.deadLetterQueues.failedInvocations },
    },
  });
}

/** Lambda's default for asynchronous invocations, written down. */
export const LAMBDA_ASYNC_RETRIES = 2;

/** Lambda sends an on-failure record to SQS as the function's own role. */
function sendTo(queue: $util.Input<string>): Statement {
  return { actions: ["sqs:SendMessage"], resources: [queue] };
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
