import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../client";
import { registerMonitorCommands } from "./monitors";

const report = {
  id: "rep_1",
  monitorId: "mon_1",
  endpoint: "churn",
  model: "churn",
  version: 1,
  baseline: { dataset: "churn", version: 1 },
  windowId: "win_1",
  windowStart: "2026-12-03T08:00:00.000Z",
  windowEnd: "2026-12-03T08:05:00.000Z",
  closedBy: "count",
  samples: 600,
  judged: true,
  features: [
    {
      feature: "monthly_charges",
      type: "numeric",
      method: "wassersteinNorm",
      value: 0.46031,
      threshold: 0.1,
      drift: true,
      level: "drift",
      missingRate: 0,
    },
    {
      feature: "senior",
      type: "categorical",
      method: "jensenShannon",
      value: 0.0107,
      threshold: 0.1,
      drift: false,
      level: "ok",
      missingRate: 0.05,
    },
  ],
  ignored: ["customer_id"],
  driftShare: 0.5,
  datasetDrift: true,
  segments: [
    {
      column: "plan",
      value: "basic",
      samples: 300,
      driftShare: 1,
      datasetDrift: true,
      drifting: ["monthly_charges"],
    },
  ],
  performance: {
    labelled: 120,
    kind: "classification",
    metrics: { accuracy: 0.75, rocAuc: 0.8333333 },
    training: { auc: 0.84, accuracy: 0.9 },
    degraded: [{ metric: "accuracy", value: 0.75, training: 0.9, threshold: 0.85 }],
  },
  estimatedPerformance: { accuracy: 0.9, rocAuc: 0.5 },
  createdAt: "2026-12-03T08:05:00.000Z",
};

async function run(...args: string[]) {
  const calls: unknown[][] = [];
  const client: ApiClient = {
    url: "http://gyre",
    request: async (...call: unknown[]) => {
      calls.push(call);
      return String(call[1]).includes("/reports?") ? { items: [report], next: null } : report;
    },
  };
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const program = new Command().exitOverride();
  registerMonitorCommands(program, () => client);
  await program.parseAsync(["node", "gyre", ...args]);
  return { calls, out: log.mock.calls.map((c) => c.join(" ")).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("gyre monitors and reports", () => {
  it("shows a report feature by feature, drifting first, with what was left out", async () => {
    const { calls, out } = await run("reports", "show", "rep_1");
    expect(calls).toEqual([["GET", "/reports/rep_1"]]);
    expect(out.split("\n")).toEqual([
      "rep_1: churn (churn v1) vs churn v1, 600 rows, 2026-12-03T08:00:00.000Z → 2026-12-03T08:05:00.000Z",
      "feature          type         method           value   threshold  level  missing",
      "monthly_charges  numeric      wassersteinNorm  0.4603  0.1        drift  0%",
      "senior           categorical  jensenShannon    0.0107  0.1        ok     5%",
      "dataset drift: yes (share 50%); left out: customer_id",
      "performance (120 labelled): accuracy 0.75, rocAuc 0.8333; training: auc 0.84, accuracy 0.9",
      "degraded: accuracy 0.75 past 0.85 (training 0.9)",
      "estimated (CBPE, no labels): accuracy 0.9, rocAuc 0.5",
      "worst segment: plan=basic (monthly_charges)",
    ]);
  });

  it("lists a monitor's reports with the drifting features", async () => {
    const { calls, out } = await run("monitors", "reports", "mon_1", "--limit", "5");
    expect(calls).toEqual([["GET", "/monitors/mon_1/reports?limit=5"]]);
    expect(out).toContain(
      "rep_1   2026-12-03T08:05:00.000Z  count      600      yes    monthly_charges",
    );
  });

  it("set changes only the settings named, keeping the rest, and refuses a number that is not whole", async () => {
    const settings = { windowSeconds: 3600, minSamples: 500, maxSamples: 100000, ignore: ["x"] };
    const calls: unknown[][] = [];
    const client: ApiClient = {
      url: "http://gyre",
      request: async (...call: unknown[]) => {
        calls.push(call);
        return { id: "mon_1", settings: call[0] === "PUT" ? call[2] : settings };
      },
    };
    vi.spyOn(console, "log").mockImplementation(() => {});
    const program = new Command().exitOverride();
    registerMonitorCommands(program, () => client);
    await program.parseAsync([
      "node",
      "gyre",
      "monitors",
      "set",
      "mon_1",
      "--max-samples",
      "500",
      "--segment-by",
      "plan, region",
    ]);
    expect(calls[1]).toEqual([
      "PUT",
      "/monitors/mon_1",
      { ...settings, maxSamples: 500, segmentBy: ["plan", "region"] },
    ]);
    await expect(
      program.parseAsync(["node", "gyre", "monitors", "set", "mon_1", "--window-seconds", "1h"]),
    ).rejects.toThrow("--window-seconds must be a whole number, not 1h.");
  });
});
