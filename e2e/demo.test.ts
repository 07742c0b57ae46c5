import { type DemoResult, type DemoTarget, runDemo } from "@gyre/cli/commands/demo/loop";
import { demoSettings } from "@gyre/cli/commands/demo/settings";
import { services } from "@gyre/functions/services";
import { type HttpServer, listen } from "@gyre/local/http/serve";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;

let t: TestPlatform;
let server: HttpServer;
let target: DemoTarget;
beforeAll(async () => {
  t = await startTestPlatform({ s3: true, services });
  server = await listen(t.app.fetch, "127.0.0.1", 0);
  target = {
    url: `http://127.0.0.1:${server.port}`,
    pipelineToken: bearer(t.as.pipeline),
    approverToken: bearer(t.as.approver),
    env: {},
  };
}, 60_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

function bearer(header: { authorization: string }): string {
  return header.authorization.replace(/^Bearer /, "");
}

async function get(path: string): Promise<Json> {
  const res = await t.app.request(path, { headers: t.as.viewer });
  expect(res.status, path).toBe(200);
  return res.json();
}

const demo = () => runDemo(target, { settings: demoSettings(true), progress: () => {} });

/** The hops of one trip, in the order the bus received them, for a home that starts empty. */
const LOOP = [
  "Object Created",
  "Dataset Version Created",
  "Training Run Started",
  "Training Run Succeeded",
  "Model Version Registered",
  "Model Version Approved",
  "Deployment Started",
  "Deployment Succeeded",
  "Model Alias Changed",
  "Monitoring Report Created",
  "Monitoring Report Created",
  "Drift Detected",
  "Training Run Started",
  "Training Run Succeeded",
  "Model Version Registered",
];

function expectWholeLoop(result: DemoResult) {
  const { hops } = result.timeline;
  expect(hops.map((h) => h.detailType)).toEqual(LOOP);
  expect(hops.map((h) => h.summary).filter((s) => s === "")).toEqual([]);
  for (const [i, hop] of hops.entries()) {
    expect(hop.sincePush).toBeGreaterThanOrEqual(hops[i - 1]?.sincePush ?? 0);
    expect(hop.sincePrevious).toBe(hop.sincePush - (hops[i - 1]?.sincePush ?? 0));
  }
  const at = (type: string) => hops.find((h) => h.detailType === type)?.sincePush;
  expect(result.timeline.pushToServing).toBe(at("Deployment Succeeded"));
  expect(result.timeline.driftToRetrainPending).toBe(
    (hops.at(-1)?.sincePush ?? 0) - (at("Drift Detected") ?? 0),
  );
  expect(result.consoleUrl).toBe(`${target.url}/models/churn`);
}

describe("gyre demo: one loop round the local Gyre, twice on the same home", () => {
  let first: DemoResult;

  it("sets up what it needs and walks the whole loop: push to serving, drift to a retrained version awaiting approval", async () => {
    first = await demo();
    expect(first.setup).toEqual({ pipeline: "created", endpoint: "created", monitor: "updated" });
    expect(first).toMatchObject({ served: 1, retrained: 2, dataset: { version: 1, seed: 1 } });
    expectWholeLoop(first);

    const trip = first.timeline.correlationId;
    const events = (await get(`/events?correlationId=${trip}&limit=100`)).items as Json[];
    expect(events).toHaveLength(LOOP.length - 1);
    const versions = (await get("/models/churn/versions")).items;
    expect(versions.map((v: Json) => [v.version, v.status, v.correlationId])).toEqual([
      [2, "PendingManualApproval", trip],
      [1, "Approved", trip],
    ]);
    expect((await get("/models/churn/versions/1")).approvals).toEqual(["approver"]);
    expect((await get("/endpoints/churn")).serving.version).toBe(1);
    expect((await get("/models/churn/aliases/champion")).version.version).toBe(1);
    const runs = (await get("/runs?pipeline=churn")).items;
    expect(runs.map((r: Json) => [r.trigger, r.status])).toEqual([
      ["drift", "SUCCEEDED"],
      ["new-data", "SUCCEEDED"],
    ]);
    const [monitor] = (await get("/monitors")).items;
    expect(monitor.settings.maxSamples).toBe(demoSettings(true).windowRows);
    const reports = (await get(`/monitors/${monitor.id}/reports`)).items;
    expect(reports.map((r: Json) => r.datasetDrift)).toEqual([true, false]);
  }, 240_000);

  it("a second identical run reuses the pipeline, endpoint and monitor, and walks the loop again on new data", async () => {
    const before = {
      pipelines: (await get("/pipelines")).items,
      endpoint: await get("/endpoints/churn"),
      monitors: (await get("/monitors")).items,
    };
    const second = await demo();
    expect(second.setup).toEqual({
      pipeline: "unchanged",
      endpoint: "unchanged",
      monitor: "unchanged",
    });
    expect(second).toMatchObject({ served: 3, retrained: 4, dataset: { version: 2, seed: 2 } });
    expect(second.timeline.correlationId).not.toBe(first.timeline.correlationId);
    expectWholeLoop(second);

    const pipelines = (await get("/pipelines")).items;
    expect(pipelines).toEqual(before.pipelines.map((p: Json) => ({ ...p, lastDatasetVersion: 2 })));
    const endpoints = (await get("/endpoints")).items;
    expect(endpoints.map((e: Json) => [e.name, e.createdAt])).toEqual([
      ["churn", before.endpoint.createdAt],
    ]);
    const monitors = (await get("/monitors")).items;
    expect(monitors.map((m: Json) => [m.id, m.version])).toEqual([[before.monitors[0].id, 3]]);
    const deployments = (await get("/deployments?endpoint=churn")).items;
    expect(deployments.map((d: Json) => [d.version, d.previousVersion, d.status])).toEqual([
      [3, 1, "Succeeded"],
      [1, null, "Succeeded"],
    ]);
    const statuses = (await get("/models/churn/versions")).items.map((v: Json) => v.status);
    expect(statuses).toEqual([
      "PendingManualApproval",
      "Approved",
      "PendingManualApproval",
      "Approved",
    ]);
    expect((await get("/datasets/churn/versions")).items).toHaveLength(2);
  }, 240_000);

  it("says to start Gyre when nothing answers, and changes nothing", async () => {
    const down = { ...target, url: "http://127.0.0.1:9" };
    await expect(
      runDemo(down, { settings: demoSettings(true), progress: () => {} }),
    ).rejects.toThrow(
      /^Cannot reach Gyre at http:\/\/127\.0\.0\.1:9 .*Is it running \(npm start\)\?/,
    );
  });
});
