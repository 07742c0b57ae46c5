import { GetObjectCommand } from "@aws-sdk/client-s3";
import { deployment } from "@gyre/functions/deployment/service";
import { registry } from "@gyre/functions/registry/service";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({
    s3: true,
    services: [registry, deployment],
    endpoints: { pingTimeoutMs: 3_000 },
  });
}, 30_000);
afterAll(() => t.close());

const serve = (environment: Record<string, string> = {}) => ({
  image: "node:22-slim",
  local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
  environment,
});

async function call(method: string, path: string, role: keyof TestPlatform["as"], body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { ...t.as[role], "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as Json,
    headers: res.headers,
  };
}

async function approvedVersion(model: string, runId: string, environment?: Record<string, string>) {
  const registered = await call("POST", `/models/${model}/versions`, "pipeline", {
    artifactUri: `s3://gyre-data/runs/${runId}/model/`,
    metrics: { auc: 0.9 },
    runId,
    serve: serve(environment),
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const version = registered.body.version as number;
  const approved = await call("POST", `/models/${model}/versions/${version}/approve`, "approver", {
    comment: "ok",
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return version;
}

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    await t.bus.drain();
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deploymentsOf = async (endpoint: string) =>
  (await call("GET", `/deployments?endpoint=${endpoint}`, "viewer")).body.items as Json[];
const invoke = (endpoint: string) =>
  t.app.request(`/endpoints/${endpoint}/invocations`, {
    method: "POST",
    headers: { ...t.as.pipeline, "content-type": "text/csv" },
    body: "1,2,3\n4,5,6\n",
  });

/** SageMaker Data Capture's JSON Lines record, as its developer guide shows it. */
const CaptureRecord = z.strictObject({
  captureData: z.strictObject({
    endpointInput: Captured("INPUT"),
    endpointOutput: Captured("OUTPUT"),
  }),
  eventMetadata: z.strictObject({
    eventId: z.uuid(),
    inferenceId: z.string().min(1).max(64),
    inferenceTime: z.iso.datetime(),
  }),
  eventVersion: z.literal("0"),
});
function Captured(mode: "INPUT" | "OUTPUT") {
  return z.strictObject({
    observedContentType: z.string(),
    mode: z.literal(mode),
    data: z.string(),
    encoding: z.enum(["CSV", "JSON", "BASE64"]),
  });
}

describe("an approved version goes to the endpoint", () => {
  it("serves v1 after its approval, and champion points at it", async () => {
    const created = await call("POST", "/endpoints", "approver", {
      name: "churn",
      model: "churn",
      rollout: {
        type: "CANARY",
        canarySize: { type: "CAPACITY_PERCENT", value: 10 },
        waitIntervalInSeconds: 1,
      },
      alarms: [{ metric: "errorRate", threshold: 0.2, minRequests: 5 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await approvedVersion("churn", "run_a1");
    const [first] = await until(
      () => deploymentsOf("churn"),
      (d) => d[0]?.status !== "InProgress",
    );
    expect(first).toMatchObject({ version: 1, status: "Succeeded", previousVersion: null });

    const res = await invoke("churn");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gyre-model-version")).toBe("1");
    expect(((await res.json()) as Json).predictions).toHaveLength(2);
    const champion = await until(
      () => call("GET", "/models/churn/aliases/champion", "viewer"),
      (r) => r.status === 200,
    );
    expect(champion.body.version.version).toBe(1);
  }, 30_000);

  it("rolls a failing v2 back by the canary's alarm, with no failure outside the canary", async () => {
    await approvedVersion("churn", "run_a2", { GYRE_FAIL_SERVING: "1" });
    const outcomes: { version: string | null; status: number }[] = [];
    let done = false;
    const load = (async () => {
      while (!done) {
        const res = await invoke("churn");
        outcomes.push({ version: res.headers.get("x-gyre-model-version"), status: res.status });
        await res.arrayBuffer();
      }
    })();
    const [second] = await until(
      () => deploymentsOf("churn"),
      (d) => d[0]?.version === 2 && d[0]?.status !== "InProgress",
    );
    done = true;
    await load;
    expect(second).toMatchObject({
      version: 2,
      status: "RolledBack",
      tripped: { check: "gyre-churn-errorRate-1", metric: "errorRate" },
    });
    expect(second.reason).toMatch(
      /^alarm gyre-churn-errorRate-1: errorRate 1 > 0.2 over \d+ requests/,
    );
    expect(outcomes.filter((o) => o.version === "1" && o.status !== 200)).toEqual([]);
    expect(outcomes.some((o) => o.version === "2")).toBe(true);

    const detail = await call("GET", "/endpoints/churn", "viewer");
    expect(detail.body.variants).toEqual([{ name: "v1", version: 1, weight: 1, instanceCount: 1 }]);
    const history = await until(
      () => call("GET", "/models/churn/versions/2/history", "viewer"),
      (h) => h.body.items.some((e: Json) => e.action === "rolled_back"),
    );
    expect(history.body.items.find((e: Json) => e.action === "rolled_back")).toMatchObject({
      from: 2,
      to: 1,
      comment: expect.stringContaining("endpoint churn"),
    });
    expect(
      (await call("GET", "/models/churn/aliases/champion", "viewer")).body.version.version,
    ).toBe(1);
  }, 40_000);

  it("rolls out a healthy v3 linearly, and a repeated approval starts nothing more", async () => {
    await call("PUT", "/endpoints/churn", "approver", {
      name: "churn",
      model: "churn",
      rollout: {
        type: "LINEAR",
        linearStepSize: { type: "CAPACITY_PERCENT", value: 50 },
        waitIntervalInSeconds: 0,
      },
    });
    const v3 = await approvedVersion("churn", "run_a3");
    const [third] = await until(
      () => deploymentsOf("churn"),
      (d) => d[0]?.version === v3 && d[0]?.status !== "InProgress",
    );
    expect(third.status).toBe("Succeeded");
    const weights = third.steps.map((s: Json) =>
      s.variants.map((v: Json) => [v.variant, v.weight]),
    );
    expect(weights).toContainEqual([
      ["v1", 0.5],
      ["v3", 0.5],
    ]);
    // A split step says when its bake ends (here at once: waitIntervalInSeconds 0); others do not.
    const split = third.steps.find((s: Json) => s.variants.some((v: Json) => v.weight === 0.5));
    expect(split.bakeEndsAt).toBe(split.at);
    expect(third.steps.at(-1).bakeEndsAt).toBeNull();
    // Every approval so far again, oldest first: repeated and out-of-date ones start nothing.
    const approvals = (await t.archive.list({ detailType: "Model Version Approved", limit: 10 }))
      .items;
    await t.bus.replay({
      name: "again",
      from: new Date(Date.now() - 60_000),
      to: new Date(),
      pattern: { id: approvals.map((a) => a.id) },
    });
    await t.bus.drain();
    expect((await deploymentsOf("churn")).length).toBe(3);
    expect(
      (await call("GET", "/models/churn/aliases/champion", "viewer")).body.version.version,
    ).toBe(3);
  }, 40_000);

  it("captures invocations as SageMaker Data Capture JSON Lines, announced by Object Created", async () => {
    for (let i = 0; i < 3; i++) await (await invoke("churn")).arrayBuffer();
    const created = await until(
      () => t.archive.list({ detailType: "Object Created", limit: 50 }),
      (page) =>
        page.items.some((e) =>
          String(e.detail.object && (e.detail.object as Json).key).startsWith(
            "capture/gyre-churn/",
          ),
        ),
      10_000,
    );
    const key = (created.items.map((e) => (e.detail.object as Json).key) as string[]).find((k) =>
      k.startsWith("capture/gyre-churn/"),
    ) as string;
    expect(key).toMatch(/^capture\/gyre-churn\/v\d+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/.+\.jsonl$/);
    const object = await t.objects.s3.send(new GetObjectCommand({ Bucket: "gyre-data", Key: key }));
    const lines = (await object.Body?.transformToString())?.trim().split("\n") ?? [];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const record = CaptureRecord.parse(JSON.parse(line));
      expect(record.captureData.endpointInput).toMatchObject({
        observedContentType: "text/csv",
        encoding: "CSV",
      });
      const output = record.captureData.endpointOutput;
      expect(output.encoding).toBe(/json/.test(output.observedContentType) ? "JSON" : "BASE64");
    }
  }, 20_000);

  it("fails a version whose server never answers /ping in preflight; what served keeps serving", async () => {
    const before = (await call("GET", "/endpoints/churn", "viewer")).body.serving.version;
    const v = await approvedVersion("churn", "run_a5", { GYRE_SLOW_PING: "1" });
    const [failed] = await until(
      () => deploymentsOf("churn"),
      (d) => d[0]?.version === v && d[0]?.status !== "InProgress",
    );
    expect(failed).toMatchObject({ status: "Failed", tripped: { check: "preflight" } });
    expect(failed.reason).toMatch(/^preflight: .*\/ping/);
    const detail = await call("GET", "/endpoints/churn", "viewer");
    expect(detail.body.serving.version).toBe(before);
    expect(detail.body.variants.map((x: Json) => x.version)).toEqual([before]);
  }, 20_000);

  it("stops a version whose shadow answers differ too much, before any user sees it", async () => {
    const endpoint = (await call("GET", "/endpoints/churn", "viewer")).body;
    const shadow = { percent: 100, durationSeconds: 1, maxPredictionDelta: 0.1 };
    await call("PUT", "/endpoints/churn", "approver", {
      name: "churn",
      model: "churn",
      rollout: { ...endpoint.rollout, shadow },
    });
    const serving = endpoint.serving.version;
    const versions = new Set<string | null>();
    let done = false;
    const load = (async () => {
      while (!done) {
        const res = await invoke("churn");
        versions.add(res.headers.get("x-gyre-model-version"));
        await res.arrayBuffer();
      }
    })();
    const v = await approvedVersion("churn", "run_a6", { GYRE_PREDICTION_SHIFT: "0.5" });
    const [stopped] = await until(
      () => deploymentsOf("churn"),
      (d) => d[0]?.version === v && d[0]?.status !== "InProgress",
    );
    done = true;
    await load;
    expect(stopped).toMatchObject({ status: "Failed", tripped: { check: "shadow" } });
    expect(stopped.reason).toMatch(
      /^shadow: mean prediction delta 0\.5 > 0\.1 over \d+ mirrored requests, 100% of them different/,
    );
    expect([...versions]).toEqual([String(serving)]);
  }, 20_000);

  it("passes an invocation of up to SageMaker's 6 MiB through (the API's own limit is 1 MiB)", async () => {
    const rows = "1,2,3,4,5,6,7,8,9,10\n".repeat(200_000);
    expect(rows.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await t.app.request("/endpoints/churn/invocations", {
      method: "POST",
      headers: { ...t.as.pipeline, "content-type": "text/csv" },
      body: rows,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).predictions).toHaveLength(200_000);
  }, 20_000);

  it("refuses to deploy a version that is not Approved", async () => {
    const registered = await call("POST", "/models/churn/versions", "pipeline", {
      artifactUri: "s3://gyre-data/runs/run_a4/model/",
      metrics: { auc: 0.9 },
      runId: "run_a4",
      serve: serve(),
    });
    await t.bus.drain();
    const refused = await call("POST", "/endpoints/churn/deploy", "approver", {
      version: registered.body.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("model_version.not_approved");
  });
});
