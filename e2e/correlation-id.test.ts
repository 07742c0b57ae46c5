import { registry } from "@gyre/functions/registry/service";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotState } from "./support/fuzz/snapshot";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ s3: true, services: [registry] });
});
afterAll(() => t.close());

const register = (model: string, correlationId: string) =>
  t.app.request(`/models/${model}/versions`, {
    method: "POST",
    headers: {
      ...t.as.pipeline,
      "content-type": "application/json",
      "x-correlation-id": correlationId,
    },
    body: JSON.stringify({
      artifactUri: "s3://gyre-data/m/",
      metrics: { auc: 1 },
      runId: `run_${model}`,
    }),
  });

describe("x-correlation-id, the caller's own trip id", () => {
  // An empty one used to answer 400 after the version was already written (and never announced).
  it("is refused when blank, spaced, non-ASCII or over 128 characters, before anything is written", async () => {
    const before = await snapshotState(t);
    for (const bad of ["", " ", "a b", "é", "x".repeat(129)]) {
      const res = await register("refused", bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "request.invalid_correlation_id",
      );
    }
    await t.bus.drain();
    expect(await snapshotState(t)).toEqual(before);
  });

  it("is carried into the events of the request when valid", async () => {
    expect((await register("carried", "trip-42")).status).toBe(201);
    await t.bus.drain();
    const { items } = await t.archive.list({ detailType: "Model Version Registered", limit: 10 });
    expect(
      items.map(
        (e) => (e.detail as { metadata: { correlationId: string } }).metadata.correlationId,
      ),
    ).toContain("trip-42");
  });
});
