import { type TableOwner, tableDefinition, tables } from "@gyre/core/platform/state/tables";
import { pascal } from "./functions";

export type GyreTables = Record<TableOwner, aws.dynamodb.Table>;

/**
 * One table per owner, with the keys and index the code declares in tableDefinition(); the
 * tables that carry an outbox stream their new images to its relay.
 */
export function gyreTables(streamed: TableOwner[] = []): GyreTables {
  return Object.fromEntries(
    tables.map((owner) => [owner, table(owner, streamed.includes(owner))]),
  ) as GyreTables;
}

function table(owner: TableOwner, streamed: boolean): aws.dynamodb.Table {
  const definition = tableDefinition(owner);
  const key = (schema = definition.KeySchema, type: string) =>
    schema?.find((k) => k.KeyType === type)?.AttributeName;
  return new aws.dynamodb.Table(`${pascal(owner)}Table`, {
    billingMode: "PAY_PER_REQUEST",
    hashKey: key(definition.KeySchema, "HASH"),
    rangeKey: key(definition.KeySchema, "RANGE"),
    attributes: (definition.AttributeDefinitions ?? []).map((a) => ({
      name: a.AttributeName as string,
      type: a.AttributeType as string,
    })),
    globalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName as string,
      hashKey: key(index.KeySchema, "HASH"),
      rangeKey: key(index.KeySchema, "RANGE"),
      projectionType: index.Projection?.ProjectionType ?? "ALL",
    })),
    pointInTimeRecovery: { enabled: true },
    ...(streamed ? { streamEnabled: true, streamViewType: "NEW_IMAGE" } : {}),
  });
}
