import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketTarget } from "../src/s3";
import { type CliGyre, startCliGyre } from "./gyre";
import { runCli } from "./run-cli";

let g: CliGyre;
let csv: string;
let s3: S3Client;

const push = (dataset: string, env: NodeJS.ProcessEnv = {}) =>
  runCli(["data", "push", csv, "--dataset", dataset], { env: { ...g.env, ...env } });
const keys = async () =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: "gyre-data" }))).Contents ?? []).map(
    (o) => o.Key,
  );

beforeAll(async () => {
  g = await startCliGyre();
  const endpoint = `http://127.0.0.1:${g.gyre.output().match(/S3 +http:\/\/127\.0\.0\.1:(\d+)/)?.[1]}`;
  s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "any", secretAccessKey: "any" },
  });
  csv = join(g.home, "rows.csv");
  await writeFile(csv, "a,b\n1,2\n");
}, 30_000);
afterAll(() => g.close());

describe("gyre data push on other ports than the defaults", () => {
  it("needs only the API's URL: the API says where its S3 is", async () => {
    const pushed = await push("rows");
    expect(pushed).toMatchObject({ code: 0, stderr: "" });
    expect(pushed.stdout).toMatch(/^rows version 1 \(ready\): 1 rows/);
    expect(await keys()).toEqual(["datasets/rows/rows.csv"]);
  });

  it("finds the API from GYRE_PORT alone, as npm start does", async () => {
    const port = new URL(g.api).port;
    const listed = await runCli(["datasets", "ls"], {
      env: { GYRE_TOKEN: g.env.GYRE_TOKEN, GYRE_PORT: port, GYRE_API_URL: "" },
    });
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toContain("rows");
  });

  it("refuses a bad dataset name or an unknown token in one line, before uploading anything", async () => {
    const badName = await push("Not/A_Name");
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^error: --dataset Not\/A_Name: lowercase letters.*\n$/);
    const badToken = await push("other", { GYRE_TOKEN: "gyre_nope" });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^error: This token is not known.*auth\.unknown_token.*\n$/);
    expect(await keys()).toEqual(["datasets/rows/rows.csv"]);
  });

  it("says in one line, without the SDK's noise, that the API or the S3 cannot be reached", async () => {
    const noApi = await push("other", { GYRE_API_URL: "http://127.0.0.1:9" });
    expect(noApi.code).toBe(1);
    expect(noApi.stderr).toMatch(/^error: Cannot reach Gyre at http:\/\/127\.0\.0\.1:9 .*\n$/);
    const noS3 = await push("other", { GYRE_S3_ENDPOINT: "http://127.0.0.1:9" });
    expect(noS3.code).toBe(1);
    expect(noS3.stderr).toBe(
      "error: Cannot reach S3 at http://127.0.0.1:9 (ECONNREFUSED). Is Gyre running? Set GYRE_S3_ENDPOINT if its S3 is elsewhere.\n",
    );
  });
});

describe("where data goes (bucketTarget)", () => {
  const told = { s3: { endpoint: "http://127.0.0.1:19401", bucket: "told" } };
  it("prefers GYRE_S3_ENDPOINT, then what the API says, then the local S3 on GYRE_S3_PORT", () => {
    const local = { GYRE_API_URL: "http://127.0.0.1:19400" };
    expect(bucketTarget(told, { ...local, GYRE_S3_ENDPOINT: "http://s3.test" })).toMatchObject({
      endpoint: "http://s3.test",
      bucket: "gyre-data",
    });
    expect(bucketTarget(told, local)).toMatchObject({ endpoint: told.s3.endpoint, bucket: "told" });
    expect(bucketTarget({}, { ...local, GYRE_S3_PORT: "19401" }).endpoint).toBe(
      "http://127.0.0.1:19401",
    );
    expect(bucketTarget({}, { GYRE_PORT: "19400" }).endpoint).toBe("http://127.0.0.1:7701");
  });

  it("uses S3 itself for a remote API or GYRE_S3_ENDPOINT=aws, in $GYRE_BUCKET", () => {
    expect(bucketTarget({}, { GYRE_API_URL: "https://api.example.com" }).endpoint).toBeUndefined();
    expect(bucketTarget(told, { GYRE_S3_ENDPOINT: "aws", GYRE_BUCKET: "prod-data" })).toMatchObject(
      { endpoint: undefined, bucket: "prod-data" },
    );
  });
});
