import type { DeliverySchedule } from "@gyre/core/platform/bus/index";
import { deployment } from "@gyre/functions/deployment/service";
import { registry } from "@gyre/functions/registry/service";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCalls, type Json } from "./support/api";

// Each endpoint event arrives at once and again 1.2 s later, when the rollout has moved on
// (or ended): the late copy reports a moment the steps already hold.
const lateCopies: DeliverySchedule = {
  delaysMs: (rule) => (rule === "deployment-endpoint-state-change" ? [0, 1200] : [0]),
};

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({
    s3: true,
    services: [registry, deployment],
    endpoints: { pingTimeoutMs: 5_000 },
    bus: { delivery: lateCopies },
  });
}, 30_000);
afterAll(() => t.close());

const call = adminCalls(() => t);

async function approve(runId: string): Promise<void> {
  const { version } = await call("POST", "/models/churn/versions", {
    artifactUri: `s3://gyre-data/runs/${runId}/model/`,
    metrics: { auc: 0.9 },
    runId,
    serve: {
      image: "node:22-slim",
      local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
    },
  });
  await call("POST", `/models/churn/versions/${version}/approve`, { comment: "ok" });
}

async function settled(): Promise<Json[]> {
  for (;;) {
    await t.bus.drain();
    await t.endpointHost?.idle();
    if (t.bus.idle) return (await call("GET", "/deployments?endpoint=churn")).items;
  }
}

const moments = (d: Json) =>
  d.steps.map((s: Json) => [s.status, ...s.variants.map((v: Json) => `${v.variant}=${v.weight}`)]);

describe("a rollout's steps under late and repeated endpoint events", () => {
  it("holds each moment of the rollout once, in the order the endpoint went through them", async () => {
    await call("POST", "/endpoints", {
      name: "churn",
      model: "churn",
      rollout: {
        type: "CANARY",
        canarySize: { type: "CAPACITY_PERCENT", value: 50 },
        waitIntervalInSeconds: 2,
      },
    });
    await approve("run_s1");
    await settled();
    await approve("run_s2");
    const [second, first] = await settled();
    expect(moments(first)).toEqual([["Creating"], ["InService", "v1=1"]]);
    expect(moments(second)).toEqual([
      ["Updating", "v1=1"],
      ["Updating", "v1=0.5", "v2=0.5"],
      ["Updating", "v1=0", "v2=1"],
      ["InService", "v2=1"],
    ]);
    const times = second.steps.map((s: Json) => s.at);
    expect(times).toEqual([...times].sort());
  }, 30_000);
});
