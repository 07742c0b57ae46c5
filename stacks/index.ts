import {
  subscriptions as busSubscriptions,
  apis as serviceApis,
  outboxes as serviceOutboxes,
  ticks as serviceTicks,
} from "../functions/services";
import type { OutboxRelay, ServiceApi, ServiceName, Subscription, Tick } from "../functions/wiring";
import { watchedObjectKeys } from "../functions/wiring";
import { type AlertOptions, alertOptionsFromEnv, gyreDeliveryAlarms } from "./alarms";
import { gyreApi } from "./api";
import { gyreBucket } from "./bucket";
import { gyreBus } from "./bus";
import { gyreDeployment } from "./deployment";
import { gyreEventsPlumbing } from "./events";
import type { FunctionContext, FunctionFactory } from "./functions";
import { gyreOutboxRelays } from "./outbox";
import { gyreSubscriptions } from "./subscriptions";
import { gyreTables } from "./tables";
import { gyreTicks } from "./ticks";
import {
  type BatchNetwork,
  batchNetworkFromEnv,
  gyreRunDue,
  gyreScheduleFired,
  gyreTraining,
} from "./training";
import { gyreConsole, type StaticSiteFactory } from "./web";

export type { FunctionFactory, FunctionSpec } from "./functions";
export type { StaticSiteFactory, StaticSiteSpec } from "./web";

export interface GyreInfrastructureOptions {
  /** Makes a Lambda function: sst.aws.Function on deploy, a stand-in under test. */
  functionFactory: FunctionFactory;
  apis?: ServiceApi[];
  subscriptions?: Subscription[];
  ticks?: (Tick & { service: ServiceName })[];
  outboxes?: (OutboxRelay & { service: ServiceName })[];
  /** Where Batch launches instances; defaults to GYRE_BATCH_SUBNETS/_SECURITY_GROUPS, then the default VPC. */
  batchNetwork?: BatchNetwork;
  /** Makes the console's static site: sst.aws.StaticSite on deploy; without it, no console. */
  staticSiteFactory?: StaticSiteFactory;
  /** Who hears the delivery alarms; defaults to GYRE_ALERT_EMAIL. */
  alerts?: AlertOptions;
}

/** Everything Gyre runs on AWS, from the API and subscription declarations in functions/. */
export function gyreInfrastructure(options: GyreInfrastructureOptions) {
  const outboxes = options.outboxes ?? serviceOutboxes;
  const tables = gyreTables(outboxes.map((o) => o.table));
  const bus = gyreBus();
  const data = gyreBucket(bus, watchedObjectKeys(options.subscriptions ?? busSubscriptions));
  const training = gyreTraining(bus, data, options.batchNetwork ?? batchNetworkFromEnv());
  const deployment = gyreDeployment(bus, data);
  const base: FunctionContext = {
    factory: options.functionFactory,
    targets: {
      tables: mapTables(tables, (table) => table.arn),
      bus: bus.bus.arn,
      archive: bus.archive.arn,
      replays: bus.replays,
      bucket: data.bucket.arn,
      bucketObjects: $util.interpolate`${data.bucket.arn}/*`,
      jobs: training.jobs,
      endpoints: deployment.endpoints,
      deadLetterQueues: {
        deadLetters: bus.deadLetters.arn,
        failedInvocations: bus.failedInvocations.arn,
      },
    },
    names: {
      bus: bus.bus.name,
      bucket: data.bucket.bucket,
      tables: mapTables(tables, (table) => table.name),
      queues: { deadLetters: bus.deadLetters.url, failedInvocations: bus.failedInvocations.url },
    },
  };
  const runDue = gyreRunDue(base, training);
  const withTimer: FunctionContext = {
    ...base,
    targets: { ...base.targets, timer: { ...training.timer, runDue: runDue.arn } },
  };
  const scheduleFired = gyreScheduleFired(withTimer, training);
  const context: FunctionContext = {
    ...withTimer,
    targets: {
      ...withTimer.targets,
      schedules: { ...training.schedules, scheduleFired: scheduleFired.arn },
    },
  };
  const plumbing = gyreEventsPlumbing(bus, context);
  const rules = gyreSubscriptions(options.subscriptions ?? busSubscriptions, bus, context);
  const api = gyreApi(options.apis ?? serviceApis, context);
  const site = options.staticSiteFactory && gyreConsole(api.url, options.staticSiteFactory);
  const ticks = gyreTicks(options.ticks ?? serviceTicks, context);
  const relays = gyreOutboxRelays(outboxes, tables, context);
  const alarms = gyreDeliveryAlarms(bus, options.alerts ?? alertOptionsFromEnv());
  return {
    tables,
    bus,
    data,
    training,
    deployment,
    rules: [plumbing.archiveRule, ...rules],
    api,
    site,
    ticks,
    relays,
    alarms,
    outputs: {
      api: api.url,
      ...(site && { console: site.url }),
      bus: bus.bus.name,
      bucket: data.bucket.bucket,
      tokensTable: tables.tokens.name,
      alerts: alarms.topic.arn,
    },
  };
}

function mapTables<T>(
  tables: ReturnType<typeof gyreTables>,
  pick: (table: aws.dynamodb.Table) => T,
) {
  return Object.fromEntries(
    Object.entries(tables).map(([owner, table]) => [owner, pick(table)]),
  ) as Record<keyof typeof tables, T>;
}
