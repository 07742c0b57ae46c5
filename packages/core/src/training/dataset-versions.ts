import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../platform/state/client";
import { sortableNumber } from "../platform/state/keys";
import { tableName } from "../platform/state/tables";

export interface DatasetVersionRef {
  name: string;
  version: number;
  sha256: string;
  uri: string;
}

const table = () => tableName("training");
const key = (name: string, version: number) => ({
  pk: `dataset#${name}`,
  sk: `v#${sortableNumber(version)}`,
});

/** Training's own record of dataset versions, in its table through `db`. */
export function datasetVersionStore(db: Db) {
  /** Training's own record of the dataset versions it has heard of (from Dataset Version Created). */
  async function rememberVersion(ref: DatasetVersionRef): Promise<void> {
    await db.send(
      new PutCommand({ TableName: table(), Item: { ...key(ref.name, ref.version), ...ref } }),
    );
  }

  async function versionRef(name: string, version: number): Promise<DatasetVersionRef | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName: table(), Key: key(name, version) }));
    return Item ? (toRef(Item) as DatasetVersionRef) : undefined;
  }

  async function newestVersionRef(name: string): Promise<DatasetVersionRef | undefined> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `dataset#${name}` },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return Items[0] ? toRef(Items[0]) : undefined;
  }

  function toRef(item: Record<string, unknown>): DatasetVersionRef {
    return {
      name: item.name as string,
      version: item.version as number,
      sha256: item.sha256 as string,
      uri: item.uri as string,
    };
  }

  return { rememberVersion, versionRef, newestVersionRef };
}

export type DatasetVersionStore = ReturnType<typeof datasetVersionStore>;
