import type { TableOwner } from "@gyre/core/platform/state/tables";
import type { Access } from "../functions/apis";

/** One IAM statement, in the shape sst.aws.Function's `permissions` takes. */
export interface Statement {
  actions: string[];
  resources: $util.Input<string>[];
}

/** The ARNs a function's access can name. */
export interface AccessTargets {
  tables: Record<TableOwner, $util.Input<string>>;
  bus: $util.Input<string>;
  archive: $util.Input<string>;
  /** Replays the archive may start (StartReplay acts on the archive and on the replay). */
  replays: $util.Input<string>;
  bucket: $util.Input<string>;
  bucketObjects: $util.Input<string>;
}

const TABLE_READ = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
];
const TABLE_WRITE = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

/** Exactly the statements an access declaration asks for: nothing is granted on `*`. */
export function statementsFor(access: Access, to: AccessTargets): Statement[] {
  const statements: Statement[] = [];
  for (const [owner, mode] of Object.entries(access.tables ?? {}) as [TableOwner, string][]) {
    const table = to.tables[owner];
    if (mode.includes("read")) {
      statements.push({
        actions: TABLE_READ,
        resources: [table, $util.interpolate`${table}/index/*`],
      });
    }
    if (mode.includes("write")) statements.push({ actions: TABLE_WRITE, resources: [table] });
  }
  if (access.publish) statements.push({ actions: ["events:PutEvents"], resources: [to.bus] });
  if (access.replay) {
    statements.push({ actions: ["events:StartReplay"], resources: [to.archive, to.replays] });
  }
  if (access.bucket?.includes("read")) {
    statements.push({ actions: ["s3:GetObject"], resources: [to.bucketObjects] });
    statements.push({ actions: ["s3:ListBucket"], resources: [to.bucket] });
  }
  if (access.bucket?.includes("write")) {
    statements.push({
      actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
      resources: [to.bucketObjects],
    });
  }
  return statements;
}

/** A service reaches only its own table, plus the platform's `events` and `tokens`. */
export function assertOwnTables(service: string, who: string, access: Access): void {
  for (const owner of Object.keys(access.tables ?? {})) {
    if (owner !== service && owner !== "events" && owner !== "tokens") {
      throw new Error(
        `${who} (service ${service}) asks for the ${owner} table: a service may use only its own table, events and tokens.`,
      );
    }
  }
}
