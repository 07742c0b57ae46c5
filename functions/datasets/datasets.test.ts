import { csv, type DatasetsTest, sha256, startDatasetsTest } from "@gyre/local/testing/datasets";
import type { TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make } from "./object-created";

let platform: TestPlatform;
let app: DatasetsTest["app"];
let s3: DatasetsTest["s3"];

let objectCreated: ReturnType<typeof make>;
beforeAll(async () => {
  ({ platform, app, s3 } = await startDatasetsTest());
  objectCreated = make(platform, { rule: "datasets-object-created" });
});
afterAll(() => platform.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
async function get(path: string): Promise<any> {
  const res = await app.request(path, { headers: platform.as.viewer });
  return res.json();
}

async function settle(): Promise<void> {
  await platform.bus.drain();
}

async function events(detailType: string) {
  const page = await platform.archive.list({ detailType, limit: 100 });
  return page.items;
}

describe("from object to version", () => {
  const content = csv(50);

  it("turns a CSV pushed to datasets/<name>/ into version 1 with its sha256, rows and column types", async () => {
    await s3.put("datasets/churn/churn.csv", content);
    await settle();

    const { items } = await get("/datasets/churn/versions");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      dataset: "churn",
      version: 1,
      status: "ready",
      sha256: sha256(content),
      bytes: Buffer.byteLength(content),
      rows: 50,
      format: "csv",
      uri: "s3://gyre-data/datasets/churn/churn.csv",
      columns: [
        { name: "id", type: "integer" },
        { name: "age", type: "integer" },
        { name: "plan", type: "string" },
        { name: "churned", type: "boolean" },
        { name: "signup", type: "timestamp" },
      ],
    });
    const created = await events("Dataset Version Created");
    expect(created.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ dataset: "churn", version: 1, sha256: sha256(content) }),
    );
  });

  it("makes no new version (and no event) for the same bytes under another key", async () => {
    const before = (await events("Dataset Version Created")).length;
    await s3.put("datasets/churn/copy-of-churn.csv", content);
    await settle();
    expect((await get("/datasets/churn/versions")).items).toHaveLength(1);
    expect((await events("Dataset Version Created")).length).toBe(before);
  });

  it("makes version 2 when the key is overwritten with new bytes; version 1 keeps its own etag and hash", async () => {
    const changed = csv(60, 3);
    await s3.put("datasets/churn/churn.csv", changed);
    await settle();
    const { items } = await get("/datasets/churn/versions");
    expect(items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(items[0].sha256).toBe(sha256(changed));
    expect(items[1].sha256).toBe(sha256(content));
    expect(items[1].etag).not.toBe(items[0].etag);
  });

  it("rejects a ragged CSV with a reason naming the line, and announces it", async () => {
    await s3.put("datasets/ragged/bad.csv", "a,b,c\n1,2,3\n4,5\n");
    await settle();
    const { items } = await get("/datasets/ragged/versions");
    expect(items[0]).toMatchObject({
      version: 1,
      status: "rejected",
      reason: expect.stringMatching(/line 3/),
      sha256: sha256("a,b,c\n1,2,3\n4,5\n"),
      bytes: 16,
    });
    const rejected = await events("Dataset Version Rejected");
    expect(rejected[0]?.detail).toMatchObject({
      dataset: "ragged",
      version: 1,
      reason: expect.stringMatching(/line 3/),
    });
  });

  it("ignores keys outside datasets/<name>/ without an error or a dead letter", async () => {
    await s3.put("models/churn/model.bin", "x");
    await s3.put("datasets/Bad Name/file.csv", "a\n1\n");
    await settle();
    expect((await get("/datasets")).items.map((d: { name: string }) => d.name)).not.toContain(
      "Bad Name",
    );
    expect(await platform.deadLetters.list()).toEqual([]);
  });

  it("marks the version deleted when its object is deleted, and keeps the record", async () => {
    await s3.put("datasets/gone/data.jsonl", '{"a":1}\n{"a":2}\n');
    await settle();
    await s3.remove("datasets/gone/data.jsonl");
    await settle();
    const version = await get("/datasets/gone/versions/1");
    expect(version).toMatchObject({
      status: "deleted",
      rows: 2,
      format: "jsonl",
      deletedAt: expect.any(String),
    });
  });
});

describe("events that arrive twice, late or out of order", () => {
  it("creates exactly one version from a duplicated Object Created event", async () => {
    await s3.put("datasets/twice/data.csv", csv(10));
    await settle();
    const [original] = (await platform.archive.list({ source: "aws.s3", limit: 100 })).items.filter(
      (e) => (e.detail as { object: { key: string } }).object.key === "datasets/twice/data.csv",
    );
    await Promise.all([objectCreated(original), objectCreated(original)]);
    await platform.bus.replay({
      name: "again",
      from: new Date(0),
      to: new Date(),
      pattern: { detail: { object: { key: ["datasets/twice/data.csv"] } } },
    });
    await settle();
    expect((await get("/datasets/twice/versions")).items).toHaveLength(1);
  });

  it("creates exactly one version when two copies of one Object Created are handled side by side", async () => {
    platform.bus.removeRule("datasets-object-created");
    await s3.put("datasets/side/data.csv", csv(10));
    await settle();
    const [original] = (await platform.archive.list({ source: "aws.s3", limit: 100 })).items.filter(
      (e) => (e.detail as { object: { key: string } }).object.key === "datasets/side/data.csv",
    );
    // Writing a version row takes a while, so the second copy looks for one before the first has it.
    const slowVersionWrites = "slow-version-writes";
    platform.state.middlewareStack.add(
      (next) => async (args) => {
        const item = (args.input as { Item?: { sk?: unknown } }).Item;
        if (String(item?.sk).startsWith("v#")) await new Promise((r) => setTimeout(r, 100));
        return next(args);
      },
      { step: "initialize", name: slowVersionWrites },
    );
    try {
      const later = new Promise((r) => setTimeout(r, 20)).then(() => objectCreated(original));
      await Promise.all([objectCreated(original), later]);
    } finally {
      platform.state.middlewareStack.remove(slowVersionWrites);
    }
    await settle();
    const { items } = await get("/datasets/side/versions");
    expect(items.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it("creates exactly one version when an older Object Created arrives after a newer one for the same key", async () => {
    platform.bus.removeRule("datasets-object-created");
    await s3.put("datasets/late/data.csv", csv(5));
    await s3.put("datasets/late/data.csv", csv(7, 1));
    await settle();
    const [newer, older] = (
      await platform.archive.list({ source: "aws.s3", limit: 100 })
    ).items.filter(
      (e) => (e.detail as { object: { key: string } }).object.key === "datasets/late/data.csv",
    );
    await objectCreated(newer);
    await objectCreated(older);
    const { items } = await get("/datasets/late/versions");
    expect(items).toHaveLength(1);
    expect(items[0].sha256).toBe(sha256(csv(7, 1)));
  });
});
