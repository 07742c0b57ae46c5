import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { churnCsv } from "@gyre/examples/churn/generate";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerDrift } from "../src/commands/monitoring/drift";

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gyre-drift-"));
  await writeFile(file("reference.csv"), churnCsv({ rows: 3000, seed: 1 }));
  await writeFile(file("drifted.csv"), churnCsv({ rows: 3000, drift: 0.6, seed: 2 }));
  await writeFile(file("same.csv"), churnCsv({ rows: 3000, seed: 2 }));
  await writeFile(file("other.csv"), "a,b\n1,2\n");
  await writeFile(file("notes.txt"), "hello\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function drift(...args: string[]): Promise<string> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    const program = new Command().exitOverride();
    registerDrift(program);
    await program.parseAsync(["node", "gyre", "drift", ...args]);
    return log.mock.calls.map((c) => c.join(" ")).join("\n");
  } finally {
    log.mockRestore();
  }
}

const pair = (current: string) => [
  "--reference",
  file("reference.csv"),
  "--current",
  file(current),
];

describe("gyre drift", () => {
  it("finds the features that --drift shifts, and dataset drift", async () => {
    const { features, datasetDrift } = JSON.parse(await drift(...pair("drifted.csv"), "--json"));
    expect(datasetDrift).toBe(true);
    for (const name of [
      "tenure_months",
      "signup_date",
      "monthly_charges",
      "total_charges",
      "support_calls",
      "contract",
    ])
      expect(features[name].drift, name).toBe(true);
    for (const name of ["payment_method", "senior", "customer_id"])
      expect(features[name].drift, name).toBe(false);
  });

  it("reports no dataset drift between two samples of the same population", async () => {
    const out = await drift(...pair("same.csv"));
    expect(out).toMatch(/^feature +type +method +value +threshold +drift$/m);
    expect(out).toMatch(/^tenure_months +numeric +wassersteinNorm +[\d.]+ +0\.1 +no$/m);
    expect(out.trim().split("\n").at(-1)).toBe(
      "dataset drift: no (0 of 12 features drift, share 0%)",
    );
  });

  it("prints the issue's JSON shape, numeric and categorical features each with their own statistics", async () => {
    const out = JSON.parse(
      await drift(...pair("drifted.csv"), "--json", "--columns", "monthly_charges,contract,senior"),
    );
    expect(Object.keys(out)).toEqual(["features", "driftShare", "datasetDrift"]);
    expect(Object.keys(out.features)).toEqual(["monthly_charges", "contract", "senior"]);
    expect(out.features.monthly_charges).toEqual({
      type: "numeric",
      ks: { statistic: expect.any(Number), pvalue: expect.any(Number) },
      wasserstein: expect.any(Number),
      wassersteinNorm: expect.any(Number),
      psi: expect.any(Number),
      drift: true,
      method: "wassersteinNorm",
    });
    expect(out.features.senior).toEqual({
      type: "categorical",
      psi: expect.any(Number),
      jensenShannon: expect.any(Number),
      drift: false,
      method: "jensenShannon",
    });
    expect(out.driftShare).toBeCloseTo(2 / 3, 12);
    expect(out.datasetDrift).toBe(true);
  });

  it("leaves out ignored columns", async () => {
    const out = JSON.parse(
      await drift(...pair("same.csv"), "--json", "--ignore", "customer_id,signup_date"),
    );
    expect(Object.keys(out.features)).toHaveLength(10);
    expect(out.features.customer_id).toBeUndefined();
  });

  it("says in one line what is wrong with its input", async () => {
    await expect(drift(...pair("missing.csv"))).rejects.toThrow(/missing\.csv: no such file$/);
    await expect(drift(...pair("notes.txt"))).rejects.toThrow(/notes\.txt: unknown format/);
    await expect(drift(...pair("other.csv"))).rejects.toThrow(/have no columns in common$/);
    await expect(drift(...pair("same.csv"), "--columns", "age")).rejects.toThrow(
      "--columns: not in both files: age",
    );
  });

  it("--sketch streams both files and judges every feature as exact mode does", async () => {
    for (const current of ["drifted.csv", "same.csv"]) {
      const exact = JSON.parse(await drift(...pair(current), "--json"));
      const sketch = JSON.parse(await drift(...pair(current), "--json", "--sketch"));
      expect(Object.keys(sketch.features)).toEqual(Object.keys(exact.features));
      for (const [name, feature] of Object.entries(exact.features) as [
        string,
        Record<string, unknown>,
      ][]) {
        expect(Object.keys(sketch.features[name]), name).toEqual(Object.keys(feature));
        expect([sketch.features[name].method, sketch.features[name].drift], name).toEqual([
          feature.method,
          feature.drift,
        ]);
      }
      expect([sketch.driftShare, sketch.datasetDrift]).toEqual([
        exact.driftShare,
        exact.datasetDrift,
      ]);
    }
  });

  it("--sketch reads JSON Lines through typed rows: small samples exactly as exact mode", async () => {
    const lines = (shift: number) =>
      Array.from({ length: 300 }, (_, i) =>
        JSON.stringify({
          age: (i % 60) + shift,
          plan: i % 3 ? "basic" : "pro",
          at: `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
        }),
      ).join("\n");
    await writeFile(file("a.jsonl"), lines(0));
    await writeFile(file("b.jsonl"), lines(5));
    const args = ["--reference", file("a.jsonl"), "--current", file("b.jsonl"), "--json"];
    expect(JSON.parse(await drift(...args, "--sketch"))).toEqual(JSON.parse(await drift(...args)));
  });

  it("--sketch prints the same table and refuses the same input", async () => {
    const out = await drift(...pair("same.csv"), "--sketch", "--ignore", "customer_id");
    expect(out).toMatch(/^tenure_months +numeric +wassersteinNorm +[\d.]+ +0\.1 +no$/m);
    await expect(drift(...pair("missing.csv"), "--sketch")).rejects.toThrow(/no such file$/);
    await expect(drift(...pair("other.csv"), "--sketch")).rejects.toThrow(/no columns in common$/);
    await writeFile(file("ragged.csv"), "a,b\n1,2\n3\n");
    await expect(drift(...pair("ragged.csv"), "--sketch")).rejects.toThrow(
      /ragged\.csv: line 3: 1 fields, the header has 2$/,
    );
  });
});
