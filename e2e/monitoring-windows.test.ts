import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as Monitoring from "@gyre/core/monitoring/index";
import { readText } from "@gyre/core/platform/objects/s3-client";
import { services } from "@gyre/functions/services";
import { crashOnce } from "@gyre/local/testing/crash";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterEach, describe, expect, it } from "vitest";
import { churnCsv } from "../examples/churn/generate";
import { captureFile, watchedChurn } from "./support/capture-files";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;

let t: TestPlatform;
afterEach(() => t?.close());

const start = async () => {
  t = await startTestPlatform({ s3: true });
  return t;
};
const settings = (changes: object) => Monitoring.MonitorSettings.parse(changes);
const putText = (platform: TestPlatform, key: string, body: string) =>
  platform.objects.s3.send(
    new PutObjectCommand({ Bucket: platform.objects.bucket, Key: key, Body: body }),
  );
const detailTypes = async (detailType: string) =>
  (await t.archive.list({ detailType, limit: 50 })).items;

describe("windows of captured traffic", () => {
  it("closes a window at maxSamples into a ranked, judged report with the prediction as a feature", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 300, minSamples: 200 }), t);
    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 300, seed: 2 })),
      t,
    );

    expect(outcome).toMatchObject({ outcome: "ingested", rows: 300 });
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    expect(report).toMatchObject({ samples: 300, judged: true, closedBy: "count" });
    expect(report.datasetDrift).toBe(false);
    expect(report.ignored).toContain("customer_id");
    const features = report.features.map((f) => f.feature);
    expect(features).toEqual(expect.arrayContaining(["contract", "monthly_charges"]));
    expect(features).not.toContain("prediction"); // the baseline has no prediction column to compare with
    const levels = report.features.map((f) => ({ drift: 0, warn: 1, ok: 2 })[f.level]);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect((await detailTypes("Monitoring Report Created")).length).toBe(1);
    expect(await detailTypes("Drift Detected")).toEqual([]);
    const next = await Monitoring.getMonitor(monitor.id, t);
    expect(next.window).toMatchObject({ rows: 0 });
    expect(next.window.id).not.toBe(monitor.window.id);
    expect(next.pendingReport).toBeNull();
  });

  it("names the shifted features in Drift Detected, with the report it came from, and posts it to the monitor's webhook", async () => {
    const monitor = await watchedChurn(await start());
    const posted: Json[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        posted.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/gyre`;
    await Monitoring.updateMonitor(
      monitor.id,
      settings({ maxSamples: 600, alertTargets: [url] }),
      t,
    );
    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 600, seed: 3, drift: 0.6 })),
      t,
    );
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);

    expect(report.datasetDrift).toBe(true);
    const [detected] = await detailTypes("Drift Detected");
    const detail = detected?.detail as { features: { feature: string }[] } | undefined;
    const named = (detail?.features ?? []).map((f) => f.feature);
    expect(named).toEqual(expect.arrayContaining(["monthly_charges", "contract"]));
    expect(detected?.detail).toMatchObject({ reportId: report.id, endpoint: "churn", version: 1 });
    expect(report.features[0]).toMatchObject({ level: "drift", drift: true });
    expect(posted).toEqual([
      { detailType: "Drift Detected", detail: expect.objectContaining({ reportId: report.id }) },
    ]);
    hook.close();
    expect(() => settings({ alertTargets: ["ftp://example.com/x"] })).toThrow(/https URL/);
  });

  it("reads a repeated capture event's file once", async () => {
    const monitor = await watchedChurn(await start());
    const file = await captureFile(t, churnCsv({ rows: 120, seed: 4 }));
    expect(await Monitoring.onCaptureObject(file, t)).toMatchObject({ outcome: "ingested" });
    expect(await Monitoring.onCaptureObject(file, t)).toEqual({
      outcome: "skipped",
      reason: "read before",
    });
    expect((await Monitoring.getMonitor(monitor.id, t)).window.rows).toBe(120);
  });

  it("counts a file once when a crash cut its ingest off after its rows were written and before its claim", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 200 }), t);
    const file = await captureFile(t, churnCsv({ rows: 100, seed: 5 }));
    const crash = crashOnce(
      t.state,
      (command) => command instanceof PutCommand && command.input.Item?.etag === file.etag,
    );
    await expect(Monitoring.onCaptureObject(file, t)).rejects.toThrow("crash");
    expect(crash.happened).toBe(true);
    expect((await Monitoring.getMonitor(monitor.id, t)).window.rows).toBe(0);

    expect(await Monitoring.onCaptureObject(file, t)).toMatchObject({ outcome: "ingested" });
    await Monitoring.onCaptureObject(file, t);
    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 100, seed: 6 })),
      t,
    );
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    expect(report.samples).toBe(200);
  });

  it("reads a window whose rows were stored before a file's rows and sketches shared one object", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 200 }), t);
    const old = await captureFile(t, churnCsv({ rows: 100, seed: 7 }));
    await Monitoring.onCaptureObject(old, t);
    // Rewrite the file's object as the layout before: sketches alone under the hour, the rows
    // as an array of objects in the window's chunk.
    const { Contents = [] } = await t.objects.s3.send(
      new ListObjectsV2Command({
        Bucket: t.objects.bucket,
        Prefix: `monitoring/${monitor.id}/hours/`,
      }),
    );
    const key = Contents[0]?.Key as string;
    const [sketches, table] = (await readText(t.objects, key)).split("\n");
    const { columns, values } = JSON.parse(table as string);
    const rows = values.map((cells: unknown[]) =>
      Object.fromEntries(columns.map((c: string, i: number) => [c, cells[i]])),
    );
    const name = key.split("/").pop();
    await putText(t, key, sketches as string);
    await putText(
      t,
      `monitoring/${monitor.id}/windows/${monitor.window.id}/${name}`,
      JSON.stringify(rows),
    );

    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 100, seed: 8 })),
      t,
    );
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    expect(report.samples).toBe(200);
    expect(report.lateRows).toBe(0);
  });

  it("closes on time: a window past windowSeconds is reported unjudged below minSamples; an empty one restarts silently", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ windowSeconds: 60 }), t);
    await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 100, seed: 5, drift: 1 })),
      t,
    );
    const later = new Date(Date.now() + 61_000);

    expect(await Monitoring.closeDueWindows(t, later)).toEqual(["churn"]);
    const { items } = await Monitoring.listReports(monitor.id, { limit: 10 }, t);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      closedBy: "time",
      samples: 100,
      judged: false,
      datasetDrift: false,
    });
    expect(items[0]?.features.every((f) => !f.drift && f.level === "ok")).toBe(true);
    expect(await detailTypes("Drift Detected")).toEqual([]);

    const quiet = new Date(Date.now() + 200_000);
    expect(await Monitoring.closeDueWindows(t, quiet)).toEqual(["churn"]);
    expect((await Monitoring.listReports(monitor.id, { limit: 10 }, t)).items).toHaveLength(1);
  });

  it("finishes a report that a crash left pending, once", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.onCaptureObject(await captureFile(t, churnCsv({ rows: 80, seed: 6 })), t);
    const open = await Monitoring.getMonitor(monitor.id, t);
    // The closer rolled the window and died before making the report.
    const crashed = {
      ...open,
      window: { id: "win_01JZZZZZZZZZZZZZZZZZZZZZZZ", start: new Date().toISOString(), rows: 0 },
      pendingReport: {
        windowId: open.window.id,
        start: open.window.start,
        end: new Date().toISOString(),
        closedBy: "count" as const,
      },
    };
    const { monitoringStore } = await import("@gyre/core/monitoring/store");
    expect(await monitoringStore(t.state).saveMonitor(crashed, false)).toBe(true);

    await Monitoring.closeDueWindows(t);
    await Monitoring.closeDueWindows(t);
    const { items } = await Monitoring.listReports(monitor.id, { limit: 10 }, t);
    expect(items.map((r) => [r.id, r.samples])).toEqual([
      [Monitoring.reportIdOf(open.window.id), 80],
    ]);
    expect(await detailTypes("Monitoring Report Created")).toHaveLength(1);
    expect((await Monitoring.getMonitor(monitor.id, t)).pendingReport).toBeNull();
  });

  it("reports data quality: missing rate, categories the baseline never had, values of the wrong type", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 200, minSamples: 100 }), t);
    const csv = churnCsv({ rows: 200, seed: 7 })
      .split("\n")
      .map((line, i) => {
        if (i === 0 || !line) return line;
        const cells = line.split(",");
        if (i % 4 === 0) cells[6] = ""; // monthly_charges missing in a quarter of the rows
        if (i % 10 === 0) cells[3] = "lifetime"; // a contract type never seen in training
        if (i % 20 === 0) cells[8] = "many"; // support_calls as text
        return cells.join(",");
      })
      .join("\n");
    const outcome = await Monitoring.onCaptureObject(await captureFile(t, csv), t);
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    const feature = (name: string) => report.features.find((f) => f.feature === name);

    expect(feature("monthly_charges")?.missingRate).toBe(0.25);
    expect(feature("contract")?.unseenCategories).toEqual(["lifetime"]);
    expect(feature("support_calls")).toMatchObject({ type: "numeric", typeViolations: 10 });
  });

  it("judges a feature by the method and threshold the monitor sets for it, and ranks segments", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(
      monitor.id,
      settings({
        maxSamples: 600,
        methods: { monthly_charges: "psi" },
        thresholds: { contract: 0.9 },
        segmentBy: ["internet_service"],
      }),
      t,
    );
    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 600, seed: 8, drift: 0.6 })),
      t,
    );
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    const feature = (name: string) => report.features.find((f) => f.feature === name);

    expect(feature("monthly_charges")).toMatchObject({ method: "psi", threshold: 0.2 });
    expect(feature("contract")).toMatchObject({
      method: "jensenShannon",
      threshold: 0.9,
      drift: false,
    });
    expect(report.segments.map((s) => s.column)).toEqual(
      report.segments.map(() => "internet_service"),
    );
    expect(report.segments.length).toBeGreaterThan(1);
    const shares = report.segments.map((s) => s.driftShare);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });
});

describe("a restart mid-window", () => {
  it("loses no captured rows: the window goes on counting from where it was", async () => {
    const first = await startTestPlatform({ s3: true, persist: true });
    t = first;
    const monitor = await watchedChurn(first);
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 300 }), first);
    await Monitoring.onCaptureObject(
      await captureFile(first, churnCsv({ rows: 100, seed: 9 })),
      first,
    );
    await Monitoring.onCaptureObject(
      await captureFile(first, churnCsv({ rows: 100, seed: 10 })),
      first,
    );
    const home = first.home;
    await first.close();

    t = await startTestPlatform({ s3: true, home });
    expect((await Monitoring.getMonitor(monitor.id, t)).window.rows).toBe(200);
    const outcome = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 100, seed: 11 })),
      t,
    );
    const report = await Monitoring.getReport((outcome as { report: string }).report, t);
    expect(report.samples).toBe(300);
    expect(report.windowId).toBe(monitor.window.id);
  });
});

describe("the monitors API", () => {
  it("re-baselines on a dataset version monitoring knows, refuses one it does not, and refuses bad settings unchanged", async () => {
    t = await startTestPlatform({ s3: true, services });
    const monitor = await watchedChurn(t);
    const call = (
      method: string,
      path: string,
      body: unknown,
      role: keyof TestPlatform["as"] = "approver",
    ) =>
      t.app.request(path, {
        method,
        headers: { ...t.as[role], "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const unknown = await call("POST", `/monitors/${monitor.id}/baseline`, {
      dataset: "churn",
      version: 9,
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      "monitor.baseline_unknown",
    );
    const asPipeline = await call(
      "POST",
      `/monitors/${monitor.id}/baseline`,
      { dataset: "churn", version: 1 },
      "pipeline",
    );
    expect(asPipeline.status).toBe(403);
    const rebased = await call("POST", `/monitors/${monitor.id}/baseline`, {
      dataset: "churn",
      version: 1,
    });
    expect(rebased.status).toBe(200);

    const bad = await call("PUT", `/monitors/${monitor.id}`, {
      windowSeconds: 0,
      methods: { x: "chi" },
    });
    expect(bad.status).toBe(400);
    expect((await Monitoring.getMonitor(monitor.id, t)).settings.windowSeconds).toBe(3600);
  });
});

describe("ground truth", () => {
  it("joins labels by inference id, reports performance beside training and CBPE's estimate, and announces a degraded metric once", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.onVersionRegistered(
      {
        model: "churn",
        version: 1,
        metrics: { auc: 0.84, accuracy: 0.9 },
      } as unknown as Parameters<typeof Monitoring.onVersionRegistered>[0],
      t,
    );
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 100, minSamples: 50 }), t);
    // 50 customers scored 0.9 (25 of them churn), 50 scored 0.1 (none churn).
    const predictions = [...Array(50).fill(0.9), ...Array(50).fill(0.1)];
    const file = await captureFile(t, churnCsv({ rows: 100, seed: 12 }), {
      perRecord: 1,
      predictions,
    });
    const { report: reportId } = (await Monitoring.onCaptureObject(file, t)) as { report: string };
    expect((await Monitoring.getReport(reportId, t)).estimatedPerformance?.accuracy).toBeCloseTo(
      0.9,
      12,
    );

    const items = file.ids.map((eventId, i) => ({ eventId, label: i < 25 ? 1 : 0 }));
    const { uri, accepted } = await Monitoring.postGroundTruth(
      monitor.id,
      { items: [...items, { eventId: "never-seen", label: 1 }] },
      t,
    );
    expect(accepted).toBe(101);
    const labels = { key: uri.replace("s3://gyre-data/", ""), etag: "1" };
    expect(await Monitoring.onGroundTruthObject(labels, t)).toEqual({
      outcome: "joined",
      labels: 101,
      matched: 100,
      invalid: 0,
    });
    expect(await Monitoring.onGroundTruthObject(labels, t)).toMatchObject({ outcome: "skipped" });

    const report = await Monitoring.getReport(reportId, t);
    expect(report.performance).toMatchObject({
      labelled: 100,
      kind: "classification",
      training: { auc: 0.84, accuracy: 0.9 },
    });
    // By hand: 75 of 100 right at 0.5; AUC = (50 + 25/2) / 75 over the 25 × 75 pairs.
    expect(report.performance?.metrics.accuracy).toBeCloseTo(0.75, 12);
    expect(report.performance?.metrics.rocAuc).toBeCloseTo(62.5 / 75, 12);
    expect(report.performance?.degraded).toEqual([
      { metric: "accuracy", value: 0.75, training: 0.9, threshold: 0.9 - 0.05 },
    ]);
    const degraded = await detailTypes("Model Performance Degraded");
    expect(degraded.map((e) => e.detail)).toEqual([
      expect.objectContaining({ metric: "accuracy", value: 0.75, endpoint: "churn", version: 1 }),
    ]);
  });

  it("refuses malformed ground truth, and a role below pipeline, changing nothing", async () => {
    t = await startTestPlatform({ s3: true, services });
    const monitor = await watchedChurn(t);
    const post = (body: unknown, role: keyof TestPlatform["as"] = "pipeline") =>
      t.app.request(`/monitors/${monitor.id}/ground-truth`, {
        method: "POST",
        headers: { ...t.as[role], "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ items: [] })).status).toBe(400);
    expect((await post({ items: [{ eventId: "a", label: "yes" }] })).status).toBe(400);
    expect((await post({ items: [{ eventId: "a", label: 1 }] }, "viewer")).status).toBe(403);
    const listed = () =>
      t.objects.s3.send(new ListObjectsV2Command({ Bucket: "gyre-data", Prefix: "ground-truth/" }));
    expect((await listed()).KeyCount).toBe(0);
    const ok = await post({ items: [{ eventId: "a", label: 1 }] });
    expect(ok.status).toBe(202);
    expect((await listed()).KeyCount).toBe(1);
  });
});

describe("a feature over time", () => {
  it("lists one feature's verdict per report in the range, oldest first, and refuses a backwards range", async () => {
    t = await startTestPlatform({ s3: true, services });
    const monitor = await watchedChurn(t);
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 400, minSamples: 300 }), t);
    // Mounted, the capture subscription reads each file as its Object Created event arrives.
    const reports = async (n: number) => {
      for (let i = 0; i < 300; i++) {
        const { items } = await Monitoring.listReports(monitor.id, { limit: 10 }, t);
        if (items.length >= n) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`fewer than ${n} reports`);
    };
    await captureFile(t, churnCsv({ rows: 400, seed: 20 }));
    await reports(1);
    await captureFile(t, churnCsv({ rows: 400, seed: 21, drift: 0.8 }));
    await reports(2);
    const get = (query: string) =>
      t.app.request(`/monitors/${monitor.id}/features/monthly_charges${query}`, {
        headers: t.as.viewer,
      });

    const res = await get("");
    expect(res.status).toBe(200);
    const series = (await res.json()) as {
      points: { level: string; samples: number; threshold: number }[];
    };
    expect(series.points.map((p) => [p.samples, p.level])).toEqual([
      [400, expect.stringMatching(/ok|warn/)],
      [400, "drift"],
    ]);
    expect(series.points[0]?.threshold).toBe(series.points[1]?.threshold);
    const backwards = await get("?from=2026-12-03T10:00:00Z&to=2026-12-02T10:00:00Z");
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { error: { code: string } }).error.code).toBe(
      "series.range",
    );
  });
});

describe("prediction drift", () => {
  it("compares each window's predictions with the version's first judged window, like any feature", async () => {
    const monitor = await watchedChurn(await start());
    await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 300, minSamples: 300 }), t);
    const scores = (centre: number) =>
      Array.from({ length: 300 }, (_, i) => centre + (i % 10) / 100);
    const first = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 300, seed: 30 }), { predictions: scores(0.2) }),
      t,
    );
    const reference = await Monitoring.getReport((first as { report: string }).report, t);
    expect(reference.features.map((f) => f.feature)).not.toContain("prediction");
    expect((await Monitoring.getMonitor(monitor.id, t)).predictionReference).toBe(
      reference.windowId,
    );

    const second = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 300, seed: 31 }), { predictions: scores(0.6) }),
      t,
    );
    const report = await Monitoring.getReport((second as { report: string }).report, t);
    expect(report.predictionReference).toBe(reference.windowId);
    expect(report.features.find((f) => f.feature === "prediction")).toMatchObject({
      type: "numeric",
      method: "ks",
      drift: true,
      level: "drift",
    });
  });
});

describe("drift over any range, from hourly sketches", () => {
  it("merges the stored sketches of the hours asked for, whole or one segment, without the capture files", async () => {
    t = await startTestPlatform({ s3: true, services });
    const monitor = await watchedChurn(t);
    await Monitoring.updateMonitor(
      monitor.id,
      settings({ minSamples: 200, segmentBy: ["internet_service"] }),
      t,
    );
    const calm = await captureFile(t, churnCsv({ rows: 300, seed: 40 }), { hour: "2026/12/03/08" });
    const drifted = await captureFile(t, churnCsv({ rows: 300, seed: 41, drift: 0.8 }), {
      hour: "2026/12/03/09",
    });
    await Monitoring.onCaptureObject(calm, t);
    await Monitoring.onCaptureObject(drifted, t);
    for (const { key } of [calm, drifted])
      await t.objects.s3.send(new DeleteObjectCommand({ Bucket: "gyre-data", Key: key }));
    const drift = async (query: string) => {
      const res = await t.app.request(`/monitors/${monitor.id}/drift?${query}`, {
        headers: t.as.viewer,
      });
      return { status: res.status, body: (await res.json()) as Json };
    };

    const eight = await drift("from=2026-12-03T08:00:00Z&to=2026-12-03T08:59:59Z");
    expect(eight.body).toMatchObject({
      files: 1,
      samples: 300,
      judged: true,
      datasetDrift: false,
      mode: "sketch",
    });
    const nine = await drift("from=2026-12-03T09:00:00Z&to=2026-12-03T09:59:59Z");
    expect(nine.body).toMatchObject({ files: 1, samples: 300, datasetDrift: true });
    expect(nine.body.ignored).toContain("customer_id");
    const both = await drift("from=2026-12-03T08:00:00Z&to=2026-12-03T09:30:00Z");
    expect(both.body).toMatchObject({ files: 2, samples: 600 });
    expect(both.body.segments).toEqual([
      "internet_service=dsl",
      "internet_service=fiber",
      "internet_service=none",
    ]);

    const fiber = await drift(
      "from=2026-12-03T08:00:00Z&to=2026-12-03T09:59:59Z&segment=internet_service%3Dfiber",
    );
    expect(fiber.status).toBe(200);
    expect(fiber.body.samples).toBeGreaterThan(100);
    expect(fiber.body.samples).toBeLessThan(600);
    expect(fiber.body.features.map((f: Json) => f.feature)).not.toContain("internet_service");
    const unknown = await drift("segment=plan%3Dgold");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("drift.segment");
  });
});

describe("sketch mode for large windows", () => {
  it("judges a window above exactUpTo from its files' merged sketches, with the same verdicts", async () => {
    const monitor = await watchedChurn(await start());
    const common = { maxSamples: 600, minSamples: 300, segmentBy: ["internet_service"] };
    await Monitoring.updateMonitor(monitor.id, settings({ ...common, exactUpTo: 100 }), t);
    const big = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 600, seed: 50, drift: 0.6 })),
      t,
    );
    const sketched = await Monitoring.getReport((big as { report: string }).report, t);
    await Monitoring.updateMonitor(monitor.id, settings(common), t);
    const small = await Monitoring.onCaptureObject(
      await captureFile(t, churnCsv({ rows: 600, seed: 50, drift: 0.6 })),
      t,
    );
    const exact = await Monitoring.getReport((small as { report: string }).report, t);

    expect(sketched).toMatchObject({
      mode: "sketch",
      samples: 600,
      judged: true,
      datasetDrift: true,
    });
    expect(exact.mode).toBe("exact");
    const verdicts = (r: typeof exact) =>
      Object.fromEntries(r.features.map((f) => [f.feature, f.drift]));
    expect(verdicts(sketched)).toEqual(verdicts(exact));
    expect(sketched.segments.map((s) => s.value).sort()).toEqual(
      exact.segments.map((s) => s.value).sort(),
    );
  });
});
