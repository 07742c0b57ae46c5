import { type ServiceApi, apis as serviceApis } from "../functions/apis";
import { subscriptions as busSubscriptions, type Subscription } from "../functions/subscriptions";
import { gyreApi } from "./api";
import { gyreBucket } from "./bucket";
import { gyreBus } from "./bus";
import { gyreEventsPlumbing } from "./events";
import type { FunctionContext, FunctionFactory } from "./functions";
import { gyreSubscriptions } from "./subscriptions";
import { gyreTables } from "./tables";

export type { FunctionFactory, FunctionSpec } from "./functions";

export interface GyreInfrastructureOptions {
  /** Makes a Lambda function: sst.aws.Function on deploy, a stand-in under test. */
  functionFactory: FunctionFactory;
  apis?: ServiceApi[];
  subscriptions?: Subscription[];
}

/** Everything Gyre runs on AWS, from the API and subscription declarations in functions/. */
export function gyreInfrastructure(options: GyreInfrastructureOptions) {
  const tables = gyreTables();
  const bus = gyreBus();
  const data = gyreBucket(bus);
  const context: FunctionContext = {
    factory: options.functionFactory,
    targets: {
      tables: mapTables(tables, (table) => table.arn),
      bus: bus.bus.arn,
      archive: bus.archive.arn,
      replays: bus.replays,
      bucket: data.bucket.arn,
      bucketObjects: $util.interpolate`${data.bucket.arn}/*`,
    },
    names: {
      bus: bus.bus.name,
      bucket: data.bucket.bucket,
      tables: mapTables(tables, (table) => table.name),
    },
  };
  const plumbing = gyreEventsPlumbing(bus, context);
  const rules = gyreSubscriptions(options.subscriptions ?? busSubscriptions, bus, context);
  const api = gyreApi(options.apis ?? serviceApis, context);
  return {
    tables,
    bus,
    data,
    rules: [plumbing.archiveRule, ...rules],
    api,
    outputs: { api: api.url, bus: bus.bus.name, bucket: data.bucket.bucket },
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
