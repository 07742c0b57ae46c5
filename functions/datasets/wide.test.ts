import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { profileObjectKey } from "@gyre/core/datasets/profiles";
import { tableName } from "@gyre/core/platform/state/tables";
import { type DatasetsTest, sha256, startDatasetsTest } from "@gyre/local/testing/datasets";
import type { TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let platform: TestPlatform;
let app: DatasetsTest["app"];
let s3: DatasetsTest["s3"];

beforeAll(async () => {
  ({ platform, app, s3 } = await startDatasetsTest());
});
afterAll(() => platform.close());

/** `columns` numeric columns c0..c<n-1>, `rows` rows. */
function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(",");
  const lines = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => (r * 7 + c) % 100).join(","),
  );
  return `${[header, ...lines].join("\n")}\n`;
}

describe("a 1,000-column file", () => {
  it("is a version whose profile (too large for a DynamoDB item) is kept in S3 and read back whole", async () => {
    const content = wideCsv(1000, 20);
    await s3.put("datasets/wide/wide.csv", content);
    await platform.bus.drain();

    const res = await app.request("/datasets/wide/versions/1", { headers: platform.as.viewer });
    expect(res.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
    const version: any = await res.json();
    expect(version).toMatchObject({ status: "ready", sha256: sha256(content), rows: 20 });
    expect(version.columns).toHaveLength(1000);
    expect(version.profile.columns).toHaveLength(1000);
    expect(version.profile.columns[999]).toMatchObject({ name: "c999", count: 20 });

    const object = await platform.objects.s3.send(
      new GetObjectCommand({
        Bucket: platform.bucket,
        Key: profileObjectKey("wide", sha256(content)),
      }),
    );
    const stored = (await object.Body?.transformToString()) ?? "";
    const { columns, ...rest } = version.profile;
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
    const asStored = columns.map(({ histogram: _bins, ...column }: any) => column);
    expect(JSON.parse(stored)).toEqual({ ...rest, columns: asStored }); // the API adds only the bins
    expect(Buffer.byteLength(stored)).toBeGreaterThan(400 * 1024);
    const created = await platform.archive.list({
      detailType: "Dataset Version Created",
      limit: 10,
    });
    expect(created.items.map((e) => (e.detail as { dataset: string }).dataset)).toEqual(["wide"]);
  });

  it("would not fit one item: dynalite refuses an item over 400 KB, as DynamoDB does", async () => {
    const item = { pk: "ds#too-big", sk: "p#1", json: "x".repeat(401 * 1024) };
    await expect(
      platform.state.send(new PutCommand({ TableName: tableName("datasets"), Item: item })),
    ).rejects.toThrow(/Item size has exceeded the maximum allowed size/);
  });
});
