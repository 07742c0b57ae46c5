import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: RegistryTest;

const championData = { name: "churn", version: 1, sha256: "a".repeat(64) };
const newerData = { name: "churn", version: 2, sha256: "b".repeat(64) };

beforeAll(async () => {
  t = await startRegistryTest();
  await t.call("PUT", "/models/queue-a/policy", "approver", { requiredApprovals: 2 });
  await t.runSucceeded({
    model: "queue-a",
    runId: "run_qa1",
    metrics: { auc: 0.8, f1: 0.7 },
    hyperparameters: { lr: 0.1, seed: 7 },
    dataset: championData,
  });
  await t.call("POST", "/models/queue-a/versions/1/approve", "approver", {});
  await t.call("POST", "/models/queue-a/versions/1/approve", "admin", {});
  await t.call("PUT", "/models/queue-a/aliases/champion", "approver", { version: 1 });
  await t.runSucceeded({
    model: "queue-a",
    runId: "run_qa2",
    metrics: { auc: 0.85, loss: 0.3 },
    hyperparameters: { lr: 0.05, depth: 6 },
    dataset: newerData,
  });
  await t.call("POST", "/models/queue-a/versions/2/approve", "approver", {});
  await t.runSucceeded({ model: "queue-a", runId: "run_qa3" });
  await t.call("POST", "/models/queue-a/versions/3/reject", "approver", { comment: "no" });
  await t.runSucceeded({ model: "queue-b", runId: "run_qb1" });
  await t.runSucceeded({ model: "queue-b", runId: "run_qb2" });
});
afterAll(() => t.close());

const keys = (items: { version: { model: string; version: number } }[]) =>
  items.map((i) => `${i.version.model} v${i.version.version}`);

describe("GET /approvals", () => {
  it("lists only versions awaiting approval, by model then newest first", async () => {
    const { status, body } = await t.call("GET", "/approvals", "viewer");
    expect(status).toBe(200);
    expect(keys(body.items)).toEqual(["queue-a v2", "queue-b v2", "queue-b v1"]);
    expect(body.next).toBeNull();
  });

  it("shows approval progress and the differences from the champion, computed by the server", async () => {
    const { body } = await t.call("GET", "/approvals", "viewer");
    const [a2] = body.items;
    expect(a2.version).toMatchObject({ status: "PendingManualApproval", gates: [] });
    expect(a2.approvals).toEqual({ required: 2, approvedBy: ["approver"], remaining: 1 });
    expect(a2.champion).toBe(1);
    expect(a2.comparison.metrics).toEqual([
      { metric: "auc", a: 0.8, b: 0.85, delta: expect.closeTo(0.05, 9) },
      { metric: "f1", a: 0.7, b: null, delta: null },
      { metric: "loss", a: null, b: 0.3, delta: null },
    ]);
    expect(a2.comparison.dataset).toEqual({ a: championData, b: newerData, same: false });
    expect(a2.comparison.hyperparameters).toEqual([
      { name: "depth", b: 6, change: "added" },
      { name: "lr", a: 0.1, b: 0.05, change: "changed" },
      { name: "seed", a: 7, change: "removed" },
    ]);
  });

  it("has no comparison for a model without a champion", async () => {
    const { body } = await t.call("GET", "/approvals", "viewer");
    expect(body.items[1]).toMatchObject({
      champion: null,
      comparison: null,
      approvals: { required: 1, approvedBy: [], remaining: 1 },
    });
  });

  it("pages across models without losing or repeating a version", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const { body } = await t.call("GET", `/approvals?limit=1${query}`, "viewer");
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...keys(body.items));
      cursor = body.next;
    } while (cursor);
    expect(seen).toEqual(["queue-a v2", "queue-b v2", "queue-b v1"]);
  });

  it("refuses a cursor it did not make and a request without a token", async () => {
    const bad = await t.call("GET", "/approvals?cursor=nonsense", "viewer");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("request.invalid_cursor");
    expect((await t.app.request("/approvals")).status).toBe(401);
  });
});

describe("GET /models/{name}/versions/{v}/comparison", () => {
  it("compares against an alias or a version number, this version as b", async () => {
    const byAlias = await t.call("GET", "/models/queue-a/versions/2/comparison?against=champion");
    expect(byAlias.status).toBe(200);
    expect(byAlias.body).toMatchObject({ model: "queue-a", a: 1, b: 2 });
    expect(byAlias.body.hyperparameters.map((h: { change: string }) => h.change)).toEqual([
      "added",
      "changed",
      "removed",
    ]);
    const byNumber = await t.call("GET", "/models/queue-a/versions/1/comparison?against=2");
    expect(byNumber.body).toMatchObject({ a: 2, b: 1 });
    expect(byNumber.body.metrics[0]).toEqual({
      metric: "auc",
      a: 0.85,
      b: 0.8,
      delta: expect.closeTo(-0.05, 9),
    });
  });

  it("answers 404 for an unknown alias, version or model and 400 for a bad `against`", async () => {
    const cases = [
      ["/models/queue-b/versions/1/comparison?against=champion", 404, "alias.not_found"],
      ["/models/queue-a/versions/9/comparison?against=1", 404, "model_version.not_found"],
      ["/models/queue-a/versions/1/comparison?against=9", 404, "model_version.not_found"],
      ["/models/ghost/versions/1/comparison?against=champion", 404, "alias.not_found"],
      ["/models/queue-a/versions/1/comparison?against=0", 400, "request.invalid"],
      ["/models/queue-a/versions/1/comparison", 400, "request.invalid"],
    ] as const;
    for (const [path, status, code] of cases) {
      const res = await t.call("GET", path, "viewer");
      expect([res.status, res.body.error.code], path).toEqual([status, code]);
    }
  });
});
