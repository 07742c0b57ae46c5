import * as Training from "@gyre/core/training/index";
import { Datasets } from "@gyre/events";
import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { pipeline } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: RegistryTest;

beforeAll(async () => {
  t = await startRegistryTest({ training: true });
});
afterAll(() => t.close());

const sha256 = "c".repeat(64);
const serve = {
  image: "server:1",
  local: { command: ["npx", "tsx", "examples/churn/serve.ts"] },
  environment: { GYRE_FAIL_SERVING: "0" },
};

async function newDatasetVersion(dataset: string) {
  await Datasets.DatasetVersionCreated.publish(t.platform.bus, {
    ...{ dataset, version: 1, sha256, bytes: 10, uri: `s3://gyre-data/datasets/${dataset}/v1.csv` },
    ...{ etag: "e", format: "csv", rows: 1, columns: [{ name: "a", type: "integer" }] },
    createdAt: new Date().toISOString(),
    metadata: { actor: "alice", correlationId: `cor_${dataset}`, causationId: null },
  });
}

/** Polls until the pipeline's run is registered (the run finishes asynchronously, through events). */
async function registeredVersion(model: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await t.platform.bus.drain();
    const { status, body } = await t.call("GET", `/models/${model}/versions`, "viewer");
    if (status === 200 && body.items.length) return body.items;
    if (Date.now() > deadline) throw new Error(`${model} has no version yet`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a training run, end to end", () => {
  it("registers version 1 PendingManualApproval with lineage back to the dataset's sha256 and how to serve it", async () => {
    await Training.createPipeline(pipeline("churn", { serve }), t.platform);
    await newDatasetVersion("churn");
    const [version] = await registeredVersion("churn");
    const [run] = (await Training.listRuns({ pipeline: "churn", limit: 1 }, t.platform)).items;
    expect(version).toMatchObject({
      version: 1,
      status: "PendingManualApproval",
      metrics: { auc: 0.87, accuracy: 0.81 },
      dataset: { name: "churn", version: 1, sha256 },
      runId: run?.id,
      pipeline: "churn",
      artifactUri: `s3://gyre-data/runs/${run?.id}/model/`,
      serve,
      registeredBy: "alice",
    });
    const registered = await t.platform.archive.list({ source: "gyre.registry", limit: 10 });
    expect(registered.items[0]?.detail).toMatchObject({
      model: "churn",
      serve,
      metadata: { correlationId: "cor_churn" },
    });
  });

  it("auto-approves a run that passes the AUC gate and rejects one whose trainer reports a bad AUC", async () => {
    for (const [model, hyperparameters] of [
      ["good", {}],
      ["bad", { forceMetric: { auc: 0.61 } }],
    ] as const) {
      await t.call("PUT", `/models/${model}/policy`, "approver", {
        gates: [{ metric: "auc", op: ">=", threshold: 0.8 }],
        autoApprove: true,
      });
      await Training.createPipeline(pipeline(model, { hyperparameters }), t.platform);
      await newDatasetVersion(model);
    }
    const [good] = await registeredVersion("good");
    const [bad] = await registeredVersion("bad");
    expect(good).toMatchObject({
      status: "Approved",
      serve: null,
      gates: [{ gate: "auc >= 0.8", passed: true, actual: 0.87 }],
    });
    expect(bad).toMatchObject({
      status: "Rejected",
      gates: [{ gate: "auc >= 0.8", passed: false, actual: 0.61 }],
    });
  });
});
