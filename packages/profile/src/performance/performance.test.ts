import { describe, expect, it } from "vitest";
import { estimatePerformance } from "./index";
import {
  cases,
  classification,
  classify,
  error,
  fixture,
  regress,
  regression,
} from "./test-fixtures";

const worst: Record<string, number> = {};

/** A null in the fixture (sklearn raises or divides 0 by 0) must be null here, and only then. */
function agrees(label: string, actual: unknown, expected: number | null) {
  if (expected === null) {
    expect(actual, `${label} is undefined for this case`).toBeNull();
    return;
  }
  expect(typeof actual, `${label} is ${expected}`).toBe("number");
  const e = error(actual as number, expected);
  worst[label] = Math.max(worst[label] ?? 0, e);
  expect(e, `${label}: ${actual} vs reference ${expected}`).toBeLessThan(1e-9);
}

const REAL = ["accuracy", "rocAuc", "logLoss", "precision", "recall", "f1"] as const;
const ESTIMATED = ["accuracy", "rocAuc", "precision", "recall", "f1"] as const;

describe("performance agrees with sklearn, and CBPE with numpy, on the committed fixtures", () => {
  it("has a fixture for every case asked for", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "well-calibrated",
        "miscalibrated-overconfident",
        "ties",
        "one-class-positive",
        "tiny",
        "large",
        "perfect",
        "inverted",
        "regression-outliers",
      ]),
    );
    expect(cases.find((c) => c.name === "large")?.labels).toHaveLength(20000);
  });

  it.each(classification.map((c) => [c.name, c] as const))("%s", (_, fixture) => {
    const result = classify(fixture);
    expect(result.n).toBe(fixture.expected.n);
    expect(result.counts).toEqual(fixture.expected.counts);
    for (const metric of REAL) agrees(metric, result[metric], fixture.expected[metric] as number);
    const estimate = estimatePerformance(fixture.scores);
    const cbpe = fixture.expected.cbpe as Record<string, number | null>;
    for (const metric of ESTIMATED)
      agrees(`cbpe.${metric}`, estimate[metric], cbpe[metric] ?? null);
  });

  it.each(regression.map((c) => [c.name, c] as const))("%s", (_, fixture) => {
    const result = regress(fixture);
    expect(result.n).toBe(fixture.expected.n);
    agrees("rmse", result.rmse, fixture.expected.rmse as number);
    agrees("mae", result.mae, fixture.expected.mae as number);
  });

  it("reports the worst error per statistic", () => {
    console.info("worst relative error against the Python reference:", worst);
  });
});

describe("CBPE is close when its assumptions hold and wrong when they do not (docs/performance.md)", () => {
  const gap = (name: string) => {
    const c = fixture(name);
    const real = classify(c);
    const estimate = estimatePerformance(c.scores);
    return {
      accuracy: (estimate.accuracy as number) - (real.accuracy as number),
      rocAuc: (estimate.rocAuc as number) - (real.rocAuc as number),
    };
  };

  it("calibrated scores on 20,000 rows: within 0.005 of the real accuracy and AUC", () => {
    const { accuracy, rocAuc } = gap("large");
    expect(Math.abs(accuracy)).toBeLessThan(0.005);
    expect(Math.abs(rocAuc)).toBeLessThan(0.005);
  });

  it("overconfident scores and an inverted model are overrated; concept drift goes unseen", () => {
    expect(gap("miscalibrated-overconfident").rocAuc).toBeGreaterThan(0.1);
    expect(gap("inverted").accuracy).toBeGreaterThan(0.5);
    expect(gap("miscalibrated-shifted").rocAuc).toBeLessThan(-0.05);
  });
});
