import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerDatasetCommands } from "../src/commands/datasets/read";
import { registerModelCommands } from "../src/commands/registry/models";
import { runCommand } from "./in-process";

const sha = (c: string) => c.repeat(64);

describe("gyre models compare", () => {
  it("shows metrics with deltas, the training data and the hyperparameters that differ", async () => {
    const comparison = {
      model: "churn",
      a: 1,
      b: 2,
      metrics: [
        { metric: "auc", a: 0.84123, b: 0.86, delta: 0.01877 },
        { metric: "log_loss", a: 0.41, b: null, delta: null },
      ],
      dataset: {
        a: { name: "churn", version: 1, sha256: sha("a") },
        b: { name: "churn", version: 2, sha256: sha("b") },
        same: false,
      },
      hyperparameters: [{ name: "trees", a: 50, b: 100 }],
    };
    const { calls, out } = await runCommand(
      registerModelCommands,
      () => comparison,
      ...["models", "compare", "churn", "1", "2"],
    );
    expect(calls).toEqual([["GET", "/models/churn/versions/1/compare/2"]]);
    expect(out).toBe(
      [
        "churn v1 → v2",
        "",
        "metric    v1      v2    delta",
        "auc       0.8412  0.86  +0.01877",
        "log_loss  0.41    -     -",
        "",
        `data: churn v1 (${"a".repeat(12)}) → churn v2 (${"b".repeat(12)})`,
        "",
        "hyperparameter  v1  v2",
        "trees           50  100",
      ].join("\n"),
    );
  });
});

describe("gyre models policy", () => {
  it("get prints the policy; set PUTs the file and prints what is in force", async () => {
    const policy = { gates: [{ metric: "auc", op: ">=", threshold: 0.8 }], autoApprove: true };
    const file = join(await mkdtemp(join(tmpdir(), "gyre-policy-")), "policy.json");
    await writeFile(file, JSON.stringify(policy));
    const answer = (_: string, __: string, body?: unknown) => body ?? policy;
    const got = await runCommand(registerModelCommands, answer, "models", "policy", "get", "churn");
    expect(got.calls).toEqual([["GET", "/models/churn/policy"]]);
    expect(JSON.parse(got.out)).toEqual(policy);
    const set = await runCommand(
      registerModelCommands,
      answer,
      ...["models", "policy", "set", "churn", "-f", file],
    );
    expect(set.calls).toEqual([["PUT", "/models/churn/policy", policy]]);
    await expect(
      runCommand(registerModelCommands, answer, "models", "policy", "set", "churn", "-f", "nope"),
    ).rejects.toThrow(/cannot read nope: ENOENT/);
  });
});

describe("gyre datasets compare", () => {
  it("shows row counts, schema changes and each column's drift", async () => {
    const version = (v: number) => ({ dataset: "churn", version: v });
    const comparison = {
      rows: { a: 5000, b: 6000 },
      added: [{ name: "region", type: "string" }],
      removed: [],
      typeChanged: [{ name: "plan", from: "integer", to: "string" }],
      columns: [
        {
          name: "tenure",
          type: { a: "integer", b: "integer" },
          count: { a: 5000, b: 6000 },
          missingRate: { a: 0, b: 0.015 },
          distinct: { a: 70, b: 71 },
          mean: { a: 30, b: 36, shift: 0.5 },
          topGained: [],
          topLost: [],
          drift: { method: "quantile-bins", psi: 0.31, level: "major" },
        },
      ],
    };
    const { calls, out } = await runCommand(
      registerDatasetCommands,
      () => ({ dataset: "churn", from: version(1), to: version(2), comparison }),
      ...["datasets", "compare", "churn", "1", "2"],
    );
    expect(calls).toEqual([["GET", "/datasets/churn/versions/1/compare/2"]]);
    expect(out).toBe(
      [
        "churn v1 → v2",
        "",
        "rows: 5000 → 6000",
        "added column region (string)",
        "column plan: integer → string",
        "",
        "column  type     missing      mean shift (std)  psi    drift",
        "tenure  integer  0.0% → 1.5%  0.500             0.310  major",
      ].join("\n"),
    );
  });
});
