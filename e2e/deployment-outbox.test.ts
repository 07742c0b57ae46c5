import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { deployment } from "@gyre/functions/deployment/service";
import { registry } from "@gyre/functions/registry/service";
import { crashOnce, holdOnce } from "@gyre/local/testing/crash";
import { waitFor } from "@gyre/local/testing/gyre-process";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCalls, type Json } from "./support/api";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ services: [registry, deployment] });
}, 30_000);
afterAll(() => platform.close());

const call = adminCalls(() => platform);

const serve = {
  image: "node:22-slim",
  local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
};

/** The endpoint's release when its rollout ends: the second of the two items the end writes. */
const releasesEndpoint = (command: unknown) => {
  const item = command instanceof PutCommand ? (command.input.Item ?? {}) : {};
  return item.sk === "endpoint" && item.currentDeploymentId === null && !!item.lastDeploymentId;
};

async function eventsOf(deploymentId: string) {
  const { items } = await platform.archive.list({ source: "gyre.deployment", limit: 100 });
  return items.filter((e) => (e.detail as { deploymentId?: string }).deploymentId === deploymentId);
}

describe("deployment's events go out through the deployment's outbox", () => {
  it("repairs a crash after the deployment ended and before the endpoint was freed: the retried endpoint event frees it and announces the end once", async () => {
    await call("POST", "/endpoints", {
      name: "crashy",
      model: "crashy",
      promoteAlias: null,
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      dataCapture: { enabled: false },
    });
    const crash = crashOnce(platform.state, releasesEndpoint);
    const version = await call("POST", "/models/crashy/versions", {
      artifactUri: "s3://gyre-data/runs/run_x/model/",
      metrics: { auc: 0.9 },
      serve,
    });
    await call("POST", `/models/crashy/versions/${version.version}/approve`, {});
    await waitFor(async () => (await call("GET", "/endpoints/crashy")).serving?.version === 1);
    await platform.bus.drain();
    expect(crash.happened).toBe(true);
    const endpoint = await call("GET", "/endpoints/crashy");
    expect(endpoint.currentDeploymentId).toBeNull();
    const events = await eventsOf(endpoint.lastDeploymentId);
    expect(events.map((e) => e["detail-type"]).sort()).toEqual([
      "Deployment Started",
      "Deployment Succeeded",
    ]);
    expect(events.find((e) => e["detail-type"] === "Deployment Succeeded")?.detail).toMatchObject({
      metadata: { eventKey: `${endpoint.lastDeploymentId}:Succeeded` },
    });
  }, 60_000);

  it("repairs a crash after a deployment is created and before the endpoint claims it: the retried approval rolls out, and the abandoned one is removed", async () => {
    await call("POST", "/endpoints", {
      name: "claimy",
      model: "claimy",
      promoteAlias: null,
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      dataCapture: { enabled: false },
    });
    const crash = crashOnce(platform.state, (command) => {
      const item = command instanceof PutCommand ? (command.input.Item ?? {}) : {};
      return item.name === "claimy" && item.sk === "endpoint" && !!item.currentDeploymentId;
    });
    const version = await call("POST", "/models/claimy/versions", {
      artifactUri: "s3://gyre-data/runs/run_y/model/",
      metrics: { auc: 0.9 },
      serve,
    });
    await call("POST", `/models/claimy/versions/${version.version}/approve`, {});
    await waitFor(async () => (await call("GET", "/endpoints/claimy")).serving?.version === 1);
    await platform.bus.drain();
    expect(crash.happened).toBe(true);
    const { items } = await call("GET", "/deployments?endpoint=claimy");
    // The deployment the crash left unclaimed is gone: one rollout, once.
    expect(items.map((d: Json) => d.status)).toEqual(["Succeeded"]);
    expect((await call("GET", "/endpoints/claimy")).currentDeploymentId).toBeNull();
  }, 60_000);

  it("repairs a crash after the endpoint claimed a deployment and before it started: the retried approval starts that one, announced once", async () => {
    await call("POST", "/endpoints", {
      name: "starty",
      model: "starty",
      promoteAlias: null,
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      dataCapture: { enabled: false },
    });
    // The write that announces Started, the step after the claim.
    const crash = crashOnce(platform.state, (command) => {
      const item = command instanceof PutCommand ? (command.input.Item ?? {}) : {};
      const outbox = Object.values((item.outbox ?? {}) as Record<string, { DetailType?: string }>);
      return (
        item.endpoint === "starty" && outbox.some((e) => e.DetailType === "Deployment Started")
      );
    });
    const version = await call("POST", "/models/starty/versions", {
      artifactUri: "s3://gyre-data/runs/run_z/model/",
      metrics: { auc: 0.9 },
      serve,
    });
    await call("POST", `/models/starty/versions/${version.version}/approve`, {});
    await waitFor(async () => (await call("GET", "/endpoints/starty")).serving?.version === 1);
    await platform.bus.drain();
    expect(crash.happened).toBe(true);
    const { items } = await call("GET", "/deployments?endpoint=starty");
    expect(items.map((d: Json) => d.status)).toEqual(["Succeeded"]);
    const events = await eventsOf(items[0].id);
    expect(events.map((e) => e["detail-type"]).sort()).toEqual([
      "Deployment Started",
      "Deployment Succeeded",
    ]);
  }, 60_000);

  it("ends a rollout the host finished before its acceptance was written (every host event came too early)", async () => {
    await call("POST", "/endpoints", {
      name: "quick",
      model: "quick",
      promoteAlias: null,
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      dataCapture: { enabled: false },
    });
    const host = platform.endpointHost as NonNullable<typeof platform.endpointHost>;
    // The acceptance write waits until the host serves the new config and its last event has
    // been handled (and, the rollout not yet accepted, left for later).
    const held = holdOnce(
      platform.state,
      (command) =>
        command instanceof PutCommand &&
        command.input.Item?.endpoint === "quick" &&
        typeof command.input.Item?.acceptedAt === "string",
      async () => {
        await waitFor(async () => (await host.describe("quick"))?.status === "InService");
        await new Promise((resolve) => setTimeout(resolve, 500));
      },
    );
    const version = await call("POST", "/models/quick/versions", {
      artifactUri: "s3://gyre-data/runs/run_q/model/",
      metrics: { auc: 0.9 },
      serve,
    });
    await call("POST", `/models/quick/versions/${version.version}/approve`, {});
    await waitFor(async () => (await call("GET", "/endpoints/quick")).serving?.version === 1);
    expect(held.happened).toBe(true);
    const { items } = await call("GET", "/deployments?endpoint=quick");
    expect(items.map((d: Json) => d.status)).toEqual(["Succeeded"]);
  }, 60_000);
});
