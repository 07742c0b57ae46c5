import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { csv, type DatasetsTest, startDatasetsTest } from "@gyre/local/testing/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: DatasetsTest;
beforeAll(async () => {
  t = await startDatasetsTest();
});
afterAll(() => t.platform.close());

const settle = () => t.platform.bus.drain();
const versionsOf = async (dataset: string) => (await t.get(`/datasets/${dataset}/versions`)).items;
const put = (key: string, body: string | Uint8Array) =>
  t.platform.objects.s3.send(
    new PutObjectCommand({ Bucket: t.platform.bucket, Key: key, Body: body }),
  );

describe("objects a careless or hostile client puts under datasets/", () => {
  it("takes keys with spaces and unicode as they are: one version each, its uri the exact key", async () => {
    await put("datasets/keys/my churn file.csv", csv(5));
    await put("datasets/keys/données-été 💥.csv", csv(6));
    await settle();
    const uris = (await versionsOf("keys")).map((v: { uri: string }) => v.uri);
    expect(uris).toEqual([
      "s3://gyre-data/datasets/keys/données-été 💥.csv",
      "s3://gyre-data/datasets/keys/my churn file.csv",
    ]);
  });

  it("refuses a key with a '..' or '.' segment at the local S3, writing nothing outside its directory", async () => {
    const bucketDirectory = join(t.platform.home, "s3", t.platform.bucket);
    for (const key of ["datasets/../../../../escaped.csv", "datasets/dots/./x.csv", "../x.csv"]) {
      await expect(put(key, csv(3)), key).rejects.toMatchObject({ name: "InvalidArgument" });
    }
    expect(
      existsSync(join(dirname(dirname(dirname(bucketDirectory))), "escaped.csv._S3rver_object")),
    ).toBe(false);
    await settle();
    const listed = await t.platform.objects.s3.send(
      new ListObjectsV2Command({ Bucket: t.platform.bucket }),
    );
    expect((listed.Contents ?? []).map((o) => o.Key)).not.toContainEqual(
      expect.stringMatching(/escaped|dots/),
    );
  });

  it("makes an empty file a rejected version with the reason, not an error", async () => {
    await put("datasets/empty/nothing.csv", "");
    await settle();
    expect(await versionsOf("empty")).toMatchObject([
      { version: 1, status: "rejected", bytes: 0, reason: "no rows" },
    ]);
  });

  it("rejects a gzip that expands past GYRE_MAX_DECOMPRESSED_BYTES, saying so, and announces it", async () => {
    const rows = `${"a,b\n"}${"1,2\n".repeat(2_000_000)}`;
    const bomb = gzipSync(rows, { level: 9 });
    expect(bomb.length * 100).toBeLessThan(rows.length);
    process.env.GYRE_MAX_DECOMPRESSED_BYTES = String(1024 * 1024);
    try {
      await put("datasets/bomb/rows.csv.gz", bomb);
      await settle();
    } finally {
      delete process.env.GYRE_MAX_DECOMPRESSED_BYTES;
    }
    const [version] = await versionsOf("bomb");
    expect(version).toMatchObject({ status: "rejected", bytes: bomb.length });
    expect(version.reason).toBe(
      "gzip expands past 1048576 bytes, the cap on a file's decompressed size: not profiled",
    );
    const rejected = await t.platform.archive.list({
      detailType: "Dataset Version Rejected",
      limit: 10,
    });
    expect(rejected.items.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ dataset: "bomb", reason: version.reason }),
    );
  });

  it("profiles the same gzip under the cap", async () => {
    const small = gzipSync(`a,b\n${"1,2\n".repeat(1000)}`);
    await put("datasets/gzipped/rows.csv.gz", small);
    await settle();
    expect(await versionsOf("gzipped")).toMatchObject([{ status: "ready", rows: 1000 }]);
  });
});
