import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { paginateScan } from "@aws-sdk/lib-dynamodb";
import type { TestPlatform } from "@gyre/local/testing/index";

/**
 * Everything a request could have changed: every item of every DynamoDB table (key order fixed,
 * so equal state gives an equal string) and every object in the bucket with its etag and size.
 */
export async function snapshotState(platform: TestPlatform): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  const { TableNames = [] } = await platform.state.send(new ListTablesCommand({}));
  for (const table of TableNames) {
    const items: string[] = [];
    for await (const page of paginateScan({ client: platform.state }, { TableName: table })) {
      for (const item of page.Items ?? []) items.push(stableJson(item));
    }
    snapshot[`dynamodb:${table}`] = items.sort();
  }
  const objects: string[] = [];
  const { s3, bucket } = platform.objects;
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    for (const o of page.Contents ?? []) objects.push(`${o.Key} ${o.ETag} ${o.Size}`);
  }
  snapshot[`s3:${bucket}`] = objects.sort();
  return snapshot;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Set)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v instanceof Set
        ? [...v].sort()
        : v,
  );
}
