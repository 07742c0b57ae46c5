import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../platform/state/client";
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
  sk: `v#${String(version).padStart(9, "0")}`,
});

/** Training's own record of the dataset versions it has heard of (from Dataset Version Created). */
export async function rememberVersion(ref: DatasetVersionRef): Promise<void> {
  await documentClient().send(
    new PutCommand({ TableName: table(), Item: { ...key(ref.name, ref.version), ...ref } }),
  );
}

export async function versionRef(
  name: string,
  version: number,
): Promise<DatasetVersionRef | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: table(), Key: key(name, version) }),
  );
  return Item ? (toRef(Item) as DatasetVersionRef) : undefined;
}

export async function newestVersionRef(name: string): Promise<DatasetVersionRef | undefined> {
  const { Items = [] } = await documentClient().send(
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
