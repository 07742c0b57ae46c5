import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareColumns, compareDatasets, decileEdges, kolmogorovQ, sortedCopy } from "./index";

const FIXTURES = join(import.meta.dirname, "../../test-fixtures/drift");

interface Pair {
  name: string;
  reference: unknown[];
  current: unknown[];
  expected: Record<string, unknown> & { type: string; edges?: number[] };
}

const pairs: Pair[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".grid.json"))
  .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8")));

/** Relative error, or absolute error when scipy's value is within 1e-12 of zero. */
function error(actual: number, expected: number): number {
  if (Math.abs(expected) < 1e-12) return Math.abs(actual - expected);
  return Math.abs(actual - expected) / Math.abs(expected);
}

const STATISTICS = {
  numeric: ["ks.statistic", "ks.pvalue", "wasserstein", "wassersteinNorm", "psi"],
  categorical: ["psi", "jensenShannon"],
} as const;

function at(value: unknown, path: string): number {
  return path.split(".").reduce((v, key) => (v as Record<string, unknown>)[key], value) as number;
}

describe("exact drift agrees with scipy on the committed fixtures", () => {
  it("has fixtures for every case the issue names", () => {
    expect(pairs.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "shifted-normal",
        "no-drift-numeric",
        "no-drift-categorical",
        "large",
      ]),
    );
    expect(pairs.length).toBeGreaterThanOrEqual(15);
  });

  const worst: Record<string, number> = {};
  it.each(pairs.map((p) => [p.name, p] as const))("%s", (_, pair) => {
    const result = compareColumns(pair.reference, pair.current);
    const { expected } = pair;
    expect(result.type).toBe(expected.type);
    expect([result.n, result.m]).toEqual([expected.n, expected.m]);
    for (const path of STATISTICS[expected.type as "numeric" | "categorical"]) {
      const e = error(at(result, path), at(expected, path));
      worst[path] = Math.max(worst[path] ?? 0, e);
      expect(e, `${path}: ${at(result, path)} vs scipy ${at(expected, path)}`).toBeLessThan(1e-9);
    }
    expect([result.method, result.threshold, result.drift]).toEqual([
      expected.method,
      expected.threshold,
      expected.drift,
    ]);
    expect(error(result.value as number, expected.value as number)).toBeLessThan(1e-9);
    if (expected.edges) {
      const values = pair.reference.filter((v) => v !== null) as number[];
      expect(decileEdges(sortedCopy(values))).toEqual(expected.edges);
    }
  });

  it("kolmogorovQ on a grid of λ from 0 to 20", () => {
    const grid = JSON.parse(readFileSync(join(FIXTURES, "kolmogorov.grid.json"), "utf8"));
    grid.lambda.forEach((lambda: number, k: number) => {
      const e = error(kolmogorovQ(lambda), grid.q[k]);
      worst["kolmogorovQ grid"] = Math.max(worst["kolmogorovQ grid"] ?? 0, e);
      expect(e, `Q(${lambda})`).toBeLessThan(1e-9);
    });
  });

  it("reports the worst error per statistic", () => {
    console.info("worst error against scipy:", worst);
  });
});

describe("edge cases", () => {
  it("an all-missing side is not judged", () => {
    const result = compareColumns([null, undefined, Number.NaN, ""], [1, 2, 3]);
    expect(result).toMatchObject({ type: "empty", n: 0, m: 3, drift: false, method: null });
  });

  it("identical samples: D 0, p-value 1, Wasserstein 0, PSI 0, JS 0", () => {
    const values = [3.5, 1, 2, 2, 7, 9, 9, 9, -4];
    expect(compareColumns(values, [...values].reverse())).toMatchObject({
      type: "numeric",
      ks: { statistic: 0, pvalue: 1 },
      wasserstein: 0,
      wassersteinNorm: 0,
      psi: 0,
      drift: false,
    });
    const labels = ["a", "b", "b", "c", true];
    expect(compareColumns(labels, labels)).toMatchObject({
      psi: 0,
      jensenShannon: 0,
      drift: false,
    });
  });

  it("a constant reference has std 0: wassersteinNorm is 0 for the same constant, else Infinity", () => {
    expect(compareColumns([0.1, 0.1, 0.1], [0.1, 0.1])).toMatchObject({ wassersteinNorm: 0 });
    const shifted = compareColumns([0.1, 0.1, 0.1], [0.1, 0.2]);
    expect(shifted).toMatchObject({ wasserstein: 0.05, wassersteinNorm: Infinity });
    if (shifted.type !== "numeric") throw new Error("numeric expected");
    expect(Number.isFinite(shifted.psi)).toBe(true);
  });

  it("single-value samples", () => {
    expect(compareColumns([1], [2])).toMatchObject({
      ks: { statistic: 1, pvalue: kolmogorovQ(Math.SQRT1_2) },
      wasserstein: 1,
      wassersteinNorm: Infinity,
    });
    expect(compareColumns(["x"], ["y"])).toMatchObject({ jensenShannon: 1 });
  });

  it("kolmogorovQ: Q(0) = 1, continuous across the cut-over, tiny in the tail", () => {
    expect(kolmogorovQ(0)).toBe(1);
    expect(kolmogorovQ(1e-3)).toBe(1);
    expect(Math.abs(kolmogorovQ(0.82 - 1e-12) - kolmogorovQ(0.82 + 1e-12))).toBeLessThan(1e-11);
    expect(kolmogorovQ(6)).toBeCloseTo(2 * Math.exp(-72), 40);
  });

  it("any string or boolean makes the column categorical", () => {
    expect(compareColumns([1, 2, "3"], [1, 2, 3]).type).toBe("categorical");
    expect(compareColumns([true, false], [false, false]).type).toBe("categorical");
  });
});

describe("compareDatasets", () => {
  const reference = Array.from({ length: 200 }, (_, i) => ({
    age: i % 50,
    income: i * 10,
    plan: i % 3 === 0 ? "pro" : "basic",
  }));
  const current = reference.map((row) => ({ ...row, age: row.age + 30, plan: "pro" }));

  it("judges each feature and calls dataset drift at half of them", () => {
    const result = compareDatasets(reference, current);
    expect(Object.keys(result.features)).toEqual(["age", "income", "plan"]);
    expect(result.features.age).toMatchObject({ method: "ks", drift: true });
    expect(result.features.income).toMatchObject({ method: "ks", drift: false });
    expect(result.features.plan).toMatchObject({ method: "jensenShannon", drift: true });
    expect(result.driftShare).toBeCloseTo(2 / 3);
    expect(result.datasetDrift).toBe(true);
  });

  it("takes per-feature thresholds and leaves unjudged features out of the share", () => {
    const result = compareDatasets(
      reference,
      current.map(({ plan, ...row }) => ({ ...row, note: "" })),
      { thresholds: { age: 1e-300 } },
    );
    expect(result.features.age).toMatchObject({ threshold: 1e-300, drift: false });
    expect(result.features.plan?.type).toBe("empty");
    expect(result.features.note?.type).toBe("empty");
    expect(result).toMatchObject({ driftShare: 0, datasetDrift: false });
  });
});
