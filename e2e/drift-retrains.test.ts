import { readFileSync } from "node:fs";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Monitoring } from "@gyre/events";
import { services } from "@gyre/functions/services";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnCsv } from "../examples/churn/generate";
import { adminCalls, type Json } from "./support/api";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ s3: true, services });
}, 60_000);
afterAll(() => t.close());

const call = adminCalls(() => t, { strict: true });

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sends `csv` (header and rows) to the endpoint, 100 rows per invocation. */
async function traffic(csv: string) {
  const [header, ...rows] = csv.trimEnd().split("\n");
  for (let i = 0; i < rows.length; i += 100) {
    const res = await t.app.request("/endpoints/churn/invocations", {
      method: "POST",
      headers: { ...t.as.pipeline, "content-type": "text/csv" },
      body: `${header}\n${rows.slice(i, i + 100).join("\n")}\n`,
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
}

describe("the loop closes: drift in live traffic retrains the model", () => {
  it("deploys v1, reports a window of normal traffic without drift, and retrains on drifted traffic", async () => {
    const pipeline = JSON.parse(readFileSync("examples/churn/pipeline.json", "utf8"));
    await call("POST", "/pipelines", {
      ...pipeline,
      trigger: { ...pipeline.trigger, debounceSeconds: 0 },
    });
    await call("POST", "/endpoints", {
      name: "churn",
      model: "churn",
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
    });
    await t.objects.s3.send(
      new PutObjectCommand({
        Bucket: "gyre-data",
        Key: "datasets/churn/churn.csv",
        Body: churnCsv({ rows: 3000, seed: 1 }),
      }),
    );
    const versions = () => call("GET", "/models/churn/versions").catch(() => ({ items: [] }));
    await until(versions, (v) => v.items.length === 1);
    await call("POST", "/models/churn/versions/1/approve", { comment: "ship" });
    const monitors = await until(
      () => call("GET", "/monitors"),
      (m) => m.items[0]?.version === 1,
    );
    const monitor = monitors.items[0];
    expect(monitor.baseline).toEqual({ dataset: "churn", version: 1 });
    await call("PUT", `/monitors/${monitor.id}`, { maxSamples: 500 });

    await traffic(churnCsv({ rows: 600, seed: 2 }));
    const calm = await until(
      () => call("GET", `/monitors/${monitor.id}/reports`),
      (r) => r.items.length === 1,
    );
    expect(calm.items[0]).toMatchObject({
      datasetDrift: false,
      baseline: { dataset: "churn", version: 1 },
    });
    expect(calm.items[0].ignored).toContain("customer_id");

    await traffic(churnCsv({ rows: 600, seed: 3, drift: 0.6 }));
    const reports = await until(
      () => call("GET", `/monitors/${monitor.id}/reports`),
      (r) => r.items.length === 2,
    );
    const drifted = reports.items[0];
    expect(drifted.datasetDrift).toBe(true);
    const shifted = drifted.features.filter((f: Json) => f.drift).map((f: Json) => f.feature);
    expect(shifted).toEqual(
      expect.arrayContaining(["monthly_charges", "support_calls", "contract"]),
    );

    const runs = await until(
      () => call("GET", "/runs?pipeline=churn"),
      (r) => r.items.some((x: Json) => x.trigger === "drift"),
    );
    expect(runs.items.find((x: Json) => x.trigger === "drift").cause.correlationId).toBeDefined();
    const retrained = await until(versions, (v) => v.items.length === 2, 60_000);
    expect(retrained.items[0]).toMatchObject({ version: 2, status: "PendingManualApproval" });
    const [detected] = (await t.archive.list({ detailType: "Drift Detected", limit: 5 })).items;
    expect(detected?.detail).toMatchObject({
      endpoint: "churn",
      model: "churn",
      version: 1,
      reportId: drifted.id,
    });

    // The retrain says why it exists: its run and its version's lineage name the report.
    const driftRuns = (await call("GET", "/runs?pipeline=churn")).items.filter(
      (x: Json) => x.trigger === "drift",
    );
    expect(driftRuns.map((x: Json) => x.driftReportId)).toEqual([drifted.id]);
    const lineage = await call("GET", "/models/churn/versions/2/lineage");
    expect(lineage.driftReportId).toBe(drifted.id);
    // The same Drift Detected delivered again starts nothing.
    await Monitoring.DriftDetected.publish(t.bus, detected?.detail as Json);
    await new Promise((r) => setTimeout(r, 500));
    const again = (await call("GET", "/runs?pipeline=churn")).items.filter(
      (x: Json) => x.trigger === "drift",
    );
    expect(again).toHaveLength(1);

    // One trip: the push's correlationId follows every hop, the person's approval and the retrain included.
    const [created] = (await t.archive.list({ detailType: "Dataset Version Created", limit: 1 }))
      .items;
    const trip = (created as Json).detail.metadata.correlationId as string;
    const hops = (await call("GET", `/events?correlationId=${trip}&limit=100`)).items.map(
      (e: Json) => e["detail-type"],
    );
    expect(hops).toEqual(
      expect.arrayContaining([
        "Dataset Version Created",
        "Training Run Started",
        "Training Run Succeeded",
        "Model Version Registered",
        "Model Version Approved",
        "Deployment Started",
        "Deployment Succeeded",
        "Monitoring Report Created",
        "Drift Detected",
      ]),
    );
    expect(hops.filter((h: string) => h === "Model Version Registered")).toHaveLength(2);
    expect(retrained.items[0].correlationId).toBe(trip);
  }, 180_000);
});
