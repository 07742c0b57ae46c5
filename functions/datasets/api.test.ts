import {
  csv,
  type DatasetsTest,
  sha256,
  startDatasetsTest,
  userS3,
} from "@gyre/local/testing/datasets";
import type { TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import numpyAges from "./fixtures/age-histogram.json";

let platform: TestPlatform;
let app: DatasetsTest["app"];

beforeAll(async () => {
  ({ platform, app } = await startDatasetsTest());
  const s3 = userS3(platform);
  await s3.put("datasets/churn/v1.csv", csv(40));
  await s3.put(
    "datasets/churn/v2.csv",
    `${csv(40, 9)
      .trimEnd()
      .replace("id,age,plan,churned,signup", "id,age,plan,churned,signup,region")
      .split("\n")
      .map((line, i) => (i === 0 ? line : `${line},eu`))
      .join("\n")}\n`,
  );
  await s3.put("raw/elsewhere.csv", csv(12));
  await platform.bus.drain();
});
afterAll(() => platform.close());

const request = (path: string, role: keyof TestPlatform["as"] | null, body?: unknown) =>
  app.request(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { ...(role ? platform.as[role] : {}), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
const read = (res: Response): Promise<any> => res.json();

describe("datasets API reads", () => {
  it("lists datasets with their latest version", async () => {
    const body = await read(await request("/datasets", "viewer"));
    expect(body.items).toEqual([
      expect.objectContaining({
        name: "churn",
        versions: 2,
        latest: expect.objectContaining({ version: 2 }),
      }),
    ]);
    expect(body.next).toBeNull();
  });

  it("bins each numeric column from its sketch: 20 ordered bins holding every non-missing value, as numpy bins them", async () => {
    const body = await read(await request("/datasets/churn/versions/1", "viewer"));
    const age = body.profile.columns.find((c: { name: string }) => c.name === "age");
    const bins: { lo: number; hi: number; count: number }[] = age.histogram;
    expect(bins).toHaveLength(20);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(age.count);
    expect(bins[0]?.lo).toBe(age.min);
    expect(bins.at(-1)?.hi).toBe(age.max);
    for (const [i, bin] of bins.entries()) {
      expect(bin.hi).toBeGreaterThan(bin.lo);
      if (i > 0) expect(bin.lo).toBeCloseTo(bins[i - 1]?.hi as number, 9);
      expect(bin.lo).toBeCloseTo(numpyAges.edges[i] as number, 9);
      // The sketch knows a value to about 1%: one near an edge may land in the next bin.
      expect(Math.abs(bin.count - (numpyAges.counts[i] as number))).toBeLessThanOrEqual(1);
    }
    const plan = body.profile.columns.find((c: { name: string }) => c.name === "plan");
    expect(plan.histogram).toBeUndefined();
  });

  it("shows one version with its profile", async () => {
    const body = await read(await request("/datasets/churn/versions/1", "viewer"));
    expect(body).toMatchObject({
      version: 1,
      rows: 40,
      profile: { rows: 40, columns: expect.any(Array) },
    });
    const age = body.profile.columns.find((c: { name: string }) => c.name === "age");
    expect(age).toMatchObject({
      type: "integer",
      count: 40,
      missing: 0,
      min: expect.any(Number),
      max: expect.any(Number),
    });
  });

  it("compares two versions: the added column and per-column differences", async () => {
    const res = await request("/datasets/churn/versions/1/compare/2", "viewer");
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(JSON.stringify(body.comparison)).toContain("region");
  });

  it("answers 401 without a token, 404 for unknown datasets and versions, 400 for a bad version", async () => {
    expect((await request("/datasets", null)).status).toBe(401);
    const unknown = await request("/datasets/nope/versions", "viewer");
    expect(unknown.status).toBe(404);
    expect((await read(unknown)).error.code).toBe("dataset.not_found");
    expect((await read(await request("/datasets/churn/versions/9", "viewer"))).error.code).toBe(
      "dataset.version_not_found",
    );
    const bad = await request("/datasets/churn/versions/zero", "viewer");
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/^param.version/);
  });
});

describe("POST /datasets/{name}/versions", () => {
  it("registers an object elsewhere in the bucket as the next version (201), then the same bytes again as that version (200)", async () => {
    const first = await request("/datasets/elsewhere/versions", "pipeline", {
      uri: "s3://gyre-data/raw/elsewhere.csv",
    });
    expect(first.status).toBe(201);
    expect(await read(first)).toMatchObject({
      version: 1,
      sha256: sha256(csv(12)),
      rows: 12,
      uri: "s3://gyre-data/raw/elsewhere.csv",
    });
    const again = await request("/datasets/elsewhere/versions", "pipeline", {
      uri: "s3://gyre-data/raw/elsewhere.csv",
    });
    expect(again.status).toBe(200);
    expect((await read(again)).version).toBe(1);
  });

  it("refuses a viewer (403), another bucket (400), a missing object (404) and a bad name (400), changing nothing", async () => {
    const viewer = await request("/datasets/x/versions", "viewer", {
      uri: "s3://gyre-data/raw/elsewhere.csv",
    });
    const bucket = await request("/datasets/x/versions", "pipeline", {
      uri: "s3://other/raw/elsewhere.csv",
    });
    const missing = await request("/datasets/x/versions", "pipeline", {
      uri: "s3://gyre-data/raw/none.csv",
    });
    const name = await request("/datasets/Not%20Valid/versions", "pipeline", {
      uri: "s3://gyre-data/raw/elsewhere.csv",
    });
    expect([viewer.status, bucket.status, missing.status, name.status]).toEqual([
      403, 400, 404, 400,
    ]);
    expect((await read(bucket)).error.code).toBe("dataset.invalid_uri");
    expect((await read(missing)).error.code).toBe("dataset.object_not_found");
    expect((await request("/datasets/x/versions", "viewer")).status).toBe(404);
  });
});
