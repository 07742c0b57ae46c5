import { roles } from "@gyre/core/platform/auth/index";
import { registryStore } from "@gyre/core/registry/store";
import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: RegistryTest;

beforeAll(async () => {
  t = await startRegistryTest();
});
afterAll(() => t.close());

async function events(detailType: string) {
  return (await t.platform.archive.list({ detailType, limit: 100 })).items.map((e) => e.detail);
}

describe("registration from Training Run Succeeded", () => {
  it("registers version 1 PendingManualApproval with metrics and lineage", async () => {
    await t.runSucceeded({ model: "churn", runId: "run_1" });
    const { status, body } = await t.call("GET", "/models/churn/versions", "viewer");
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      version: 1,
      status: "PendingManualApproval",
      metrics: { auc: 0.87 },
      dataset: { name: "churn", version: 1, sha256: "a".repeat(64) },
      runId: "run_1",
      pipeline: "churn",
      image: "trainer:1",
      command: ["python", "train.py"],
      hyperparameters: { lr: 0.1 },
      artifactUri: "s3://gyre-data/runs/run_1/model/",
      registeredBy: "test",
    });
    expect(await events("Model Version Registered")).toContainEqual(
      expect.objectContaining({
        model: "churn",
        version: 1,
        metadata: expect.objectContaining({ actor: "test", correlationId: "cor_run_1" }),
      }),
    );
  });

  it("never makes a second version from a duplicated or replayed run event", async () => {
    await t.runSucceeded({ model: "dup", runId: "run_d1" });
    await t.runSucceeded({ model: "dup", runId: "run_d1" });
    await t.platform.bus.replay({
      name: "dup-replay",
      from: new Date(0),
      to: new Date(),
      pattern: { detail: { runId: ["run_d1"] } },
    });
    await t.platform.bus.drain();
    await t.runSucceeded({ model: "dup", runId: "run_d2" });
    const { body } = await t.call("GET", "/models/dup/versions");
    expect(body.items.map((v: { version: number; runId: string }) => [v.version, v.runId])).toEqual(
      [
        [2, "run_d2"],
        [1, "run_d1"],
      ],
    );
    const registered = (await events("Model Version Registered")).filter((d) => d.model === "dup");
    expect(registered).toHaveLength(2);
  });

  it("takes over a run claimed by a handler that crashed before writing the version", async () => {
    const store = registryStore(t.platform.state);
    const { claim } = await store.claimRun("crashed", "run_c");
    await store.updateClaim("crashed", "run_c", claim.claimant, { version: 1, claimedAt: 0 });
    await t.runSucceeded({ model: "crashed", runId: "run_c" });
    await t.runSucceeded({ model: "crashed", runId: "run_c" });
    const { body } = await t.call("GET", "/models/crashed/versions");
    expect(body.items.map((v: { version: number; runId: string }) => [v.version, v.runId])).toEqual(
      [[1, "run_c"]],
    );
  });

  it("carries how to serve a version to the version and its Registered and Approved events", async () => {
    const serve = { image: "server:1", local: { command: ["node", "serve.js"] } };
    await t.runSucceeded({ model: "served", runId: "run_s1", serve });
    await t.call("POST", "/models/served/versions/1/approve", "approver", {});
    expect((await t.call("GET", "/models/served/versions/1", "viewer")).body.serve).toEqual(serve);
    for (const type of ["Model Version Registered", "Model Version Approved"]) {
      expect(await events(type)).toContainEqual(
        expect.objectContaining({ model: "served", version: 1, serve }),
      );
    }
    const direct = await t.call("POST", "/models/served/versions", "pipeline", {
      artifactUri: "s3://elsewhere/m/",
      metrics: { auc: 0.9 },
      serve: { image: "server:2" },
    });
    expect(direct.body).toMatchObject({ version: 2, serve: { image: "server:2" } });
    await t.runSucceeded({ model: "served", runId: "run_s3" });
    expect((await t.call("GET", "/models/served/versions/3", "viewer")).body.serve).toBeNull();
  });

  it("registers directly, once per runId, for pipelines that train elsewhere", async () => {
    const body = { artifactUri: "s3://elsewhere/m/", metrics: { auc: 0.9 }, runId: "ext-1" };
    const first = await t.call("POST", "/models/external/versions", "pipeline", body);
    const again = await t.call("POST", "/models/external/versions", "pipeline", body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    const bad = await t.call("POST", "/models/external/versions", "pipeline", { metrics: {} });
    expect(bad.status).toBe(400);
    expect((await t.call("POST", "/models/external/versions", "viewer", body)).status).toBe(403);
  });
});

describe("approvals", () => {
  it("refuses a pipeline token, approves with an approver's, and 409s a later reject", async () => {
    await t.runSucceeded({ model: "appr", runId: "run_a1" });
    const refused = await t.call("POST", "/models/appr/versions/1/approve", "pipeline", {});
    expect(refused.status).toBe(403);
    expect((await t.call("GET", "/models/appr/versions/1")).body.status).toBe(
      "PendingManualApproval",
    );

    const approved = await t.call("POST", "/models/appr/versions/1/approve", "approver", {
      comment: "looks good",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "Approved", approvals: ["approver"] });
    expect(await events("Model Version Approved")).toContainEqual(
      expect.objectContaining({
        model: "appr",
        version: 1,
        comment: "looks good",
        metadata: expect.objectContaining({ actor: "approver" }),
      }),
    );
    const history = await t.call("GET", "/models/appr/versions/1/history", "viewer");
    expect(history.body.items[0]).toMatchObject({
      actor: "approver",
      action: "approved",
      from: "PendingManualApproval",
      to: "Approved",
      comment: "looks good",
    });

    const reject = await t.call("POST", "/models/appr/versions/1/reject", "approver", {
      comment: "too late",
    });
    expect(reject.status).toBe(409);
    expect(reject.body.error.code).toBe("model_version.not_pending");
  });

  it("needs a comment to reject, and records it", async () => {
    await t.runSucceeded({ model: "rej", runId: "run_r1" });
    const missing = await t.call("POST", "/models/rej/versions/1/reject", "approver", {});
    expect(missing.status).toBe(400);
    const rejected = await t.call("POST", "/models/rej/versions/1/reject", "approver", {
      comment: "leaks the label",
    });
    expect(rejected.body).toMatchObject({ status: "Rejected", reason: "leaks the label" });
    expect(await events("Model Version Rejected")).toContainEqual(
      expect.objectContaining({ model: "rej", version: 1, comment: "leaks the label" }),
    );
  });

  it("with requiredApprovals 2: one approval leaves it pending, the same approver twice counts once", async () => {
    await t.call("PUT", "/models/two/policy", "approver", { requiredApprovals: 2 });
    await t.runSucceeded({ model: "two", runId: "run_t1" });
    const one = await t.call("POST", "/models/two/versions/1/approve", "approver", {});
    expect(one.body).toMatchObject({ status: "PendingManualApproval", approvals: ["approver"] });
    const twice = await t.call("POST", "/models/two/versions/1/approve", "approver", {});
    expect(twice.status).toBe(409);
    expect((await t.call("GET", "/models/two/versions/1")).body.status).toBe(
      "PendingManualApproval",
    );
    const second = await t.call("POST", "/models/two/versions/1/approve", "admin", {});
    expect(second.body).toMatchObject({ status: "Approved", approvals: ["approver", "admin"] });
  });
});

describe("policies and gates", () => {
  it("auto-approves a run that passes the AUC gate and rejects one that fails, with gate results", async () => {
    const policy = { gates: [{ metric: "auc", op: ">=", threshold: 0.8 }], autoApprove: true };
    expect((await t.call("PUT", "/models/gated/policy", "approver", policy)).status).toBe(200);
    await t.runSucceeded({ model: "gated", runId: "run_good", metrics: { auc: 0.87 } });
    await t.runSucceeded({ model: "gated", runId: "run_bad", metrics: { auc: 0.61 } });

    const good = (await t.call("GET", "/models/gated/versions/1")).body;
    expect(good).toMatchObject({
      status: "Approved",
      gates: [{ gate: "auc >= 0.8", passed: true, actual: 0.87 }],
    });
    const bad = (await t.call("GET", "/models/gated/versions/2")).body;
    expect(bad).toMatchObject({
      status: "Rejected",
      gates: [{ gate: "auc >= 0.8", passed: false, actual: 0.61 }],
    });
    expect(bad.reason).toContain("auc >= 0.8 (actual 0.61)");

    const approved = (await events("Model Version Approved")).filter((d) => d.model === "gated");
    expect(approved).toEqual([
      expect.objectContaining({
        version: 1,
        metadata: expect.objectContaining({ actor: "policy" }),
      }),
    ]);
    const rejected = (await events("Model Version Rejected")).filter((d) => d.model === "gated");
    expect(rejected).toEqual([
      expect.objectContaining({ version: 2, gates: [expect.objectContaining({ passed: false })] }),
    ]);
    const history = (await t.call("GET", "/models/gated/versions/2/history")).body.items;
    expect(history.map((h: { actor: string; action: string }) => [h.actor, h.action])).toEqual([
      ["policy", "rejected"],
      ["test", "registered"],
    ]);
  });

  it("mustBeatChampion compares against the champion's metric", async () => {
    await t.call("PUT", "/models/beat/policy", "approver", {
      mustBeatChampion: { metric: "auc", minDelta: 0.01 },
      autoApprove: true,
    });
    await t.runSucceeded({ model: "beat", runId: "run_b1", metrics: { auc: 0.8 } });
    await t.call("PUT", "/models/beat/aliases/champion", "approver", { version: 1 });
    await t.runSucceeded({ model: "beat", runId: "run_b2", metrics: { auc: 0.805 } });
    await t.runSucceeded({ model: "beat", runId: "run_b3", metrics: { auc: 0.85 } });
    const { body } = await t.call("GET", "/models/beat/versions");
    expect(body.items.map((v: { status: string }) => v.status)).toEqual([
      "Approved",
      "Rejected",
      "Approved",
    ]);
    expect(body.items[1].gates[0].gate).toContain("beats champion v1 on auc by 0.01");
  });

  it("refuses an unknown field or operator in a policy", async () => {
    const res = await t.call("PUT", "/models/gated/policy", "approver", {
      gates: [{ metric: "auc", op: "~", threshold: 1 }],
    });
    expect(res.status).toBe(400);
  });
});

describe("aliases", () => {
  it("holds champion only on an Approved version, resolves it, and announces old → new", async () => {
    await t.runSucceeded({ model: "alias", runId: "run_x1" });
    await t.runSucceeded({ model: "alias", runId: "run_x2" });
    const pending = await t.call("PUT", "/models/alias/aliases/champion", "approver", {
      version: 1,
    });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe("alias.champion_not_approved");
    expect(
      (await t.call("PUT", "/models/alias/aliases/champion", "pipeline", { version: 1 })).status,
    ).toBe(403);

    await t.call("POST", "/models/alias/versions/1/approve", "approver", {});
    await t.call("POST", "/models/alias/versions/2/approve", "approver", {});
    expect(
      (await t.call("PUT", "/models/alias/aliases/champion", "approver", { version: 1 })).status,
    ).toBe(200);
    expect(
      (await t.call("PUT", "/models/alias/aliases/champion", "approver", { version: 2 })).status,
    ).toBe(200);
    expect(
      (await t.call("PUT", "/models/alias/aliases/challenger", "approver", { version: 1 })).status,
    ).toBe(200);

    const resolved = await t.call("GET", "/models/alias/aliases/champion", "viewer");
    expect(resolved.body).toMatchObject({
      alias: "champion",
      version: { version: 2, status: "Approved" },
    });
    expect((await t.call("GET", "/models/alias/aliases/nope")).status).toBe(404);
    expect((await t.call("GET", "/models/alias")).body.aliases).toEqual({
      champion: 2,
      challenger: 1,
    });

    const changes = (await events("Model Alias Changed")).filter((d) => d.model === "alias");
    expect(changes.map((d) => [d.alias, d.from, d.to])).toEqual(
      expect.arrayContaining([
        ["champion", null, 1],
        ["champion", 1, 2],
        ["challenger", null, 1],
      ]),
    );
    const history = (await t.call("GET", "/models/alias/history")).body.items;
    expect(history[0]).toMatchObject({ action: "alias", alias: "challenger", from: null, to: 1 });
    expect(history[1]).toMatchObject({
      action: "alias",
      alias: "champion",
      from: 1,
      to: 2,
      actor: "approver",
    });
  });
});

describe("reads", () => {
  it("lists models, filters versions by status and pages them newest first", async () => {
    for (let i = 1; i <= 5; i++) await t.runSucceeded({ model: "paged", runId: `run_p${i}` });
    await t.call("POST", "/models/paged/versions/2/approve", "approver", {});
    await t.call("POST", "/models/paged/versions/4/approve", "approver", {});
    const approved = await t.call("GET", "/models/paged/versions?status=Approved");
    expect(approved.body.items.map((v: { version: number }) => v.version)).toEqual([4, 2]);

    const first = await t.call("GET", "/models/paged/versions?limit=2");
    expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([5, 4]);
    const second = await t.call("GET", `/models/paged/versions?limit=2&cursor=${first.body.next}`);
    expect(second.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);

    const models = await t.call("GET", "/models?limit=100", "viewer");
    expect(models.body.items.map((m: { name: string }) => m.name)).toContain("paged");
    expect((await t.call("GET", "/models/paged")).body).toMatchObject({
      name: "paged",
      latestVersion: 5,
    });
  });

  it("compares two versions: metric deltas, dataset and hyperparameter differences", async () => {
    await t.runSucceeded({ model: "cmp", runId: "run_c1", metrics: { auc: 0.8, loss: 0.5 } });
    await t.runSucceeded({
      model: "cmp",
      runId: "run_c2",
      metrics: { auc: 0.9 },
      hyperparameters: { lr: 0.01 },
      dataset: { name: "cmp", version: 2, sha256: "b".repeat(64) },
    });
    const { body } = await t.call("GET", "/models/cmp/versions/1/compare/2");
    expect(body.metrics).toEqual([
      { metric: "auc", a: 0.8, b: 0.9, delta: expect.closeTo(0.1, 6) },
      { metric: "loss", a: 0.5, b: null, delta: null },
    ]);
    expect(body.dataset.same).toBe(false);
    expect(body.hyperparameters).toEqual([{ name: "lr", a: 0.1, b: 0.01, change: "changed" }]);
  });

  it("answers 404 for an unknown model, version or alias", async () => {
    for (const path of [
      "/models/ghost",
      "/models/ghost/versions",
      "/models/churn/versions/99",
      "/models/ghost/history",
    ]) {
      const res = await t.call("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toMatch(/not_found$/);
    }
  });
});

describe("every registry route", () => {
  it("answers 401 without a token, 403 one role too low, 400 to a bad body, 413 to a big one; and changes nothing", async () => {
    const { app } = t;
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({
        method: m.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, "1"),
        role: /Needs the `(\w+)` role/.exec(op.description ?? "")?.[1] as (typeof roles)[number],
      })),
    );
    expect(ops.filter((op) => op.path.startsWith("/models"))).toHaveLength(18);
    const before = (await t.platform.archive.list({ limit: 1000 })).items.length;
    const call = (op: (typeof ops)[number], headers: Record<string, string>, body = "{}") =>
      app.request(op.path, {
        method: op.method,
        headers: { "content-type": "application/json", ...headers },
        body: op.method === "GET" ? undefined : body,
      });
    for (const op of ops.filter((o) => o.role)) {
      expect((await call(op, {})).status, `${op.method} ${op.path}`).toBe(401);
      const below = roles[roles.indexOf(op.role) - 1];
      if (below) expect((await call(op, t.platform.as[below])).status, op.path).toBe(403);
      if (op.method === "GET") continue;
      const invalid = await call(op, t.platform.as.admin, '{"unexpected": true}');
      expect(invalid.status, `${op.method} ${op.path}`).toBe(400);
      const big = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
      expect((await call(op, t.platform.as.admin, big)).status, op.path).toBe(413);
    }
    expect((await t.platform.archive.list({ limit: 1000 })).items).toHaveLength(before);
  });
});
