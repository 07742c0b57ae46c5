import { describe, expect, it } from "vitest";
import { registerDatasetCommands } from "../src/commands/datasets/read";
import { registerEventCommands } from "../src/commands/events";
import { registerRunCommands } from "../src/commands/training/runs";
import { runCommand } from "./in-process";

const run = {
  id: "run_1",
  pipeline: "churn",
  status: "SUCCEEDED",
  trigger: "new-data",
  dataset: { name: "churn", version: 1 },
  metrics: { auc: 0.84123, accuracy: 0.8, log_loss: 0.41, extra: 1 },
  attempts: [{}],
  durationSeconds: 3.21,
  costUsd: 0.0001,
  reason: null,
  createdAt: "2026-01-01T00:00:00.000Z",
};
const failed = {
  ...run,
  id: "run_2",
  status: "FAILED",
  metrics: null,
  reason: '[train] failed: no column "churned"',
};

describe("gyre runs ls", () => {
  it("shows the headline metrics, and why a run failed", async () => {
    const { out } = await runCommand(
      registerRunCommands,
      () => ({ items: [failed, run], next: null }),
      "runs",
      "ls",
    );
    const [header, first, second] = out.split("\n");
    expect(header).toMatch(
      /^run +pipeline +status +trigger +dataset +metrics +attempts .* reason$/,
    );
    expect(first).toMatch(/FAILED .* - .*\[train\] failed: no column "churned"$/);
    expect(second).toContain("auc=0.8412 accuracy=0.8 log_loss=0.41  1");
  });
});

describe("gyre datasets versions", () => {
  const version = (v: number, extra = {}) => ({
    dataset: "churn",
    version: v,
    status: "ready",
    sha256: "a".repeat(64),
    bytes: 10,
    rows: 2,
    format: "csv",
    columns: [],
    createdAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  });

  it("shows a rejected version's reason", async () => {
    const items = [
      version(2, { status: "rejected", reason: "line 7: expected 5 fields, got 4" }),
      version(1),
    ];
    const { out } = await runCommand(
      registerDatasetCommands,
      () => ({ items, next: null }),
      "datasets",
      "versions",
      "churn",
    );
    expect(out.split("\n")[0]).toMatch(/ reason$/);
    expect(out.split("\n")[1]).toMatch(/^2 +rejected .* line 7: expected 5 fields, got 4$/);
  });

  it("has no reason column when nothing was rejected", async () => {
    const { out } = await runCommand(
      registerDatasetCommands,
      () => ({ items: [version(1)], next: null }),
      "datasets",
      "versions",
      "churn",
    );
    expect(out).not.toContain("reason");
  });
});

describe("gyre events dead-letters", () => {
  it("says so when there are none", async () => {
    const { out } = await runCommand(
      (program, client) => registerEventCommands(program.command("events"), client),
      () => ({ items: [], next: null }),
      "events",
      "dead-letters",
    );
    expect(out).toBe("No dead letters: every target accepted its events.");
  });
});
