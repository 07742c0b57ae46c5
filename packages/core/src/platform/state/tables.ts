import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** Every table Gyre owns: one per service, plus the platform's event log and tokens. */
export const tables = [
  "events",
  "tokens",
  "datasets",
  "training",
  "registry",
  "deployment",
  "monitoring",
] as const;
export type TableOwner = (typeof tables)[number];

/** The table's name: from `GYRE_<OWNER>_TABLE` (set by stacks/ on AWS), else `gyre-<owner>`. */
export function tableName(owner: TableOwner): string {
  return process.env[`GYRE_${owner.toUpperCase()}_TABLE`] ?? `gyre-${owner}`;
}

/**
 * Every table has the same generic keys (pk, sk) and one generic index (gsi1pk, gsi1sk):
 * each service lays out its own items on them, and stacks/ declares the same keys. The
 * `outbox` index finds the items whose events the relay has not yet published.
 */
export function tableDefinition(owner: TableOwner): CreateTableCommandInput {
  return {
    TableName: tableName(owner),
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "gsi1pk", AttributeType: "S" },
      { AttributeName: "gsi1sk", AttributeType: "S" },
      { AttributeName: "outboxPending", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
      {
        // Sparse: only items with events still in their outbox carry `outboxPending`.
        IndexName: "outbox",
        KeySchema: [{ AttributeName: "outboxPending", KeyType: "HASH" }],
        Projection: { ProjectionType: "KEYS_ONLY" },
      },
    ],
  };
}
