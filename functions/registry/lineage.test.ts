import { Deployment } from "@gyre/events";
import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: RegistryTest;

beforeAll(async () => {
  t = await startRegistryTest();
});
afterAll(() => t.close());

const metadata = { actor: "deployer", correlationId: "cor_run_lin1", causationId: null };

describe("GET /models/{name}/versions/{v}/lineage", () => {
  it("joins the dataset, the run and every deployment the registry heard of, a repeated event once", async () => {
    await t.runSucceeded({ model: "lin", runId: "run_lin1", metrics: { auc: 0.9 } });
    const deployed = {
      deploymentId: "dep_1",
      endpoint: "lin-prod",
      model: "lin",
      version: 1,
      dataset: null,
      metadata,
    };
    await Deployment.DeploymentSucceeded.publish(t.platform.bus, deployed);
    await Deployment.DeploymentSucceeded.publish(t.platform.bus, deployed);
    await Deployment.DeploymentRolledBack.publish(t.platform.bus, {
      deploymentId: "dep_2",
      endpoint: "lin-prod",
      model: "lin",
      version: 1,
      restoredVersion: null,
      reason: "alarm gyre-lin-prod-5xx",
      metadata,
    });
    await t.platform.bus.drain();

    const { status, body } = await t.call("GET", "/models/lin/versions/1/lineage", "viewer");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      model: "lin",
      version: 1,
      status: "PendingManualApproval",
      artifactUri: "s3://gyre-data/runs/run_lin1/model/",
      dataset: { name: "lin", version: 1, sha256: "a".repeat(64) },
      run: {
        id: "run_lin1",
        pipeline: "lin",
        image: "trainer:1",
        metrics: { auc: 0.9 },
        hyperparameters: { lr: 0.1 },
      },
      correlationId: "cor_run_lin1",
    });
    expect(
      body.deployments.map((d: { deploymentId: string; outcome: string }) => [
        d.deploymentId,
        d.outcome,
      ]),
    ).toEqual([
      ["dep_1", "Succeeded"],
      ["dep_2", "RolledBack"],
    ]);
    expect(body.deployments[1]).toMatchObject({ reason: "alarm gyre-lin-prod-5xx" });
  });

  it("has no run for a version registered directly, and 404s an unknown version", async () => {
    await t.call("POST", "/models/lin-direct/versions", "pipeline", {
      artifactUri: "s3://elsewhere/m/",
      metrics: { auc: 0.8 },
    });
    const { body } = await t.call("GET", "/models/lin-direct/versions/1/lineage");
    expect(body).toMatchObject({ run: null, dataset: null, deployments: [] });
    const missing = await t.call("GET", "/models/lin-direct/versions/2/lineage");
    expect([missing.status, missing.body.error.code]).toEqual([404, "model_version.not_found"]);
  });
});
