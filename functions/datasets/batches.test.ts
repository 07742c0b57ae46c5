import { createHash } from "node:crypto";
import { csv, type DatasetsTest, sha256, startDatasetsTest } from "@gyre/local/testing/datasets";
import type { TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let platform: TestPlatform;
let app: DatasetsTest["app"];
let s3: DatasetsTest["s3"];

beforeAll(async () => {
  ({ platform, app, s3 } = await startDatasetsTest());
});
afterAll(() => platform.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
const get = async (path: string): Promise<any> =>
  (await app.request(path, { headers: platform.as.viewer })).json();

function manifestHash(files: [string, string][]): string {
  const lines = files.map(([name, body]) => `${sha256(body)}  ${name}\n`).join("");
  return createHash("sha256").update(lines).digest("hex");
}

describe("multi-file versions", () => {
  const parts: [string, string][] = [
    ["part-0.csv", csv(20)],
    ["part-1.csv", csv(30, 5)],
  ];

  it("makes one version of a batch folder when _SUCCESS lands, hashed from its files in key order", async () => {
    for (const [name, body] of parts) await s3.put(`datasets/clicks/2026-11-26/${name}`, body);
    await platform.bus.drain();
    expect(
      await (await app.request("/datasets/clicks/versions", { headers: platform.as.viewer }))
        .status,
    ).toBe(404);

    await s3.put("datasets/clicks/2026-11-26/_SUCCESS", "");
    await platform.bus.drain();

    const { items } = await get("/datasets/clicks/versions");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      version: 1,
      status: "ready",
      files: 2,
      rows: 50,
      sha256: manifestHash(parts),
      uri: "s3://gyre-data/datasets/clicks/2026-11-26/",
    });
  });

  it("gives the same files the same hash, so a second batch with them makes no new version", async () => {
    for (const [name, body] of parts) await s3.put(`datasets/clicks/again/${name}`, body);
    await s3.put("datasets/clicks/again/_SUCCESS", "");
    await platform.bus.drain();
    expect((await get("/datasets/clicks/versions")).items).toHaveLength(1);
  });

  it("rejects a batch whose files disagree on columns, naming the problem", async () => {
    await s3.put("datasets/mixed/b1/a.csv", "x,y\n1,2\n");
    await s3.put("datasets/mixed/b1/b.csv", "x,z\n1,2\n");
    await s3.put("datasets/mixed/b1/_SUCCESS", "");
    await platform.bus.drain();
    const { items } = await get("/datasets/mixed/versions");
    expect(items[0]).toMatchObject({
      status: "rejected",
      reason: expect.stringMatching(/column/i),
    });
  });
});
