import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addClassification,
  addEstimated,
  addLabelled,
  addRegression,
  ClassificationCountsSchema,
  type ClassificationPerformance,
  classificationMetrics,
  emptyClassificationCounts,
  emptyRegressionSums,
  emptyScoreHistogram,
  estimatePerformance,
  histogramRocArea,
  mergeClassificationCounts,
  mergeRegressionSums,
  mergeScoreHistograms,
  performanceOf,
  type RegressionPerformance,
  regressionMetrics,
  type ScoreHistogram,
  ScoreHistogramSchema,
} from "./index";

const FIXTURES = join(import.meta.dirname, "../../test-fixtures/performance");

type Expected = Record<string, number | null | Record<string, number | null>>;
interface Case {
  name: string;
  kind: "classification" | "regression";
  labels: number[];
  scores: number[];
  expected: Expected;
}

const cases: Case[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8")));
const classification = cases.filter((c) => c.kind === "classification");
const regression = cases.filter((c) => c.kind === "regression");

/** Relative error, or absolute error when the reference value is within 1e-12 of zero. */
function error(actual: number, expected: number): number {
  if (Math.abs(expected) < 1e-12) return Math.abs(actual - expected);
  return Math.abs(actual - expected) / Math.abs(expected);
}

const worst: Record<string, number> = {};

function classify(c: Case): ClassificationPerformance {
  const result = performanceOf({
    kind: "classification",
    labels: c.labels as (0 | 1)[],
    scores: c.scores,
  });
  if (result.kind !== "classification") throw new Error("classification expected");
  return result;
}

function regress(c: Case): RegressionPerformance {
  const result = performanceOf({ kind: "regression", labels: c.labels, scores: c.scores });
  if (result.kind !== "regression") throw new Error("regression expected");
  return result;
}

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

function fixture(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

/** Uneven parts, as hourly windows of different sizes would be. */
function parts<T>(values: T[]): T[][] {
  const cuts = [0, 1, 17, 640, 5000, 5001, 12000, values.length];
  return cuts.slice(1).map((end, k) => values.slice(cuts[k], end));
}

describe("mergeable states", () => {
  const large = fixture("large");
  const rows = large.labels.map((label, i) => [label === 1, large.scores[i] as number] as const);

  it("classification counts merged from parts give the whole window's metrics", () => {
    const states = parts(rows).map((part) => {
      const counts = emptyClassificationCounts();
      for (const [positive, score] of part) addClassification(counts, positive, score);
      return counts;
    });
    const merged = classificationMetrics(states.reduce(mergeClassificationCounts));
    const whole = classify(large);
    expect(merged.counts).toEqual(large.expected.counts);
    for (const metric of ["accuracy", "precision", "recall", "f1", "logLoss"] as const) {
      expect(error(merged[metric] as number, whole[metric] as number)).toBeLessThan(1e-12);
    }
  });

  it("regression sums merged from parts give the whole window's RMSE and MAE", () => {
    const big = fixture("regression-large");
    const pairs = big.labels.map((truth, i) => [truth, big.scores[i] as number] as const);
    const states = parts(pairs).map((part) => {
      const sums = emptyRegressionSums();
      for (const [truth, prediction] of part) addRegression(sums, truth, prediction);
      return sums;
    });
    const merged = regressionMetrics(states.reduce(mergeRegressionSums));
    expect(merged.n).toBe(20000);
    expect(error(merged.rmse as number, big.expected.rmse as number)).toBeLessThan(1e-9);
    expect(error(merged.mae as number, big.expected.mae as number)).toBeLessThan(1e-9);
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

describe("histogram AUC: approximate, within its own bound of the exact value", () => {
  function histograms(c: Case, bins?: number): { real: ScoreHistogram; cbpe: ScoreHistogram } {
    const real = emptyScoreHistogram(bins);
    const cbpe = emptyScoreHistogram(bins);
    c.scores.forEach((score, i) => {
      addLabelled(real, c.labels[i] === 1, score);
      addEstimated(cbpe, score);
    });
    return { real, cbpe };
  }

  it.each(classification.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { real, cbpe } = histograms(c);
    const exact = classify(c);
    const sketched = histogramRocArea(real);
    if (exact.rocAuc === null) {
      expect(sketched).toEqual({ rocAuc: null, maxError: null });
    } else {
      expect(Math.abs((sketched.rocAuc as number) - exact.rocAuc)).toBeLessThanOrEqual(
        (sketched.maxError as number) + 1e-12,
      );
    }
    const estimated = histogramRocArea(cbpe);
    const exactEstimate = estimatePerformance(c.scores).rocAuc;
    if (exactEstimate === null) expect(estimated.rocAuc).toBeNull();
    else {
      expect(Math.abs((estimated.rocAuc as number) - exactEstimate)).toBeLessThanOrEqual(
        (estimated.maxError as number) + 1e-12,
      );
    }
  });

  it("the bound is small on 20,000 spread-out scores and the histograms merge by adding", () => {
    const large = fixture("large");
    const { real } = histograms(large);
    expect(histogramRocArea(real).maxError).toBeLessThan(1e-3);
    const halves = [0, 10000].map(
      (start) =>
        histograms({
          ...large,
          labels: large.labels.slice(start, start + 10000),
          scores: large.scores.slice(start, start + 10000),
        }).real,
    );
    expect(mergeScoreHistograms(halves[0] as ScoreHistogram, halves[1] as ScoreHistogram)).toEqual(
      real,
    );
  });

  it("stored states parse back with their schemas", () => {
    const { real } = histograms(fixture("tiny"), 10);
    expect(ScoreHistogramSchema.parse(JSON.parse(JSON.stringify(real)))).toEqual(real);
    expect(ScoreHistogramSchema.safeParse({ ...real, positive: [1] }).success).toBe(false);
    const counts = emptyClassificationCounts();
    addClassification(counts, true, 0.7);
    expect(ClassificationCountsSchema.parse(JSON.parse(JSON.stringify(counts)))).toEqual(counts);
    expect(ClassificationCountsSchema.safeParse({ ...counts, tp: -1 }).success).toBe(false);
  });

  it("refuses to merge histograms of different bin counts", () => {
    expect(() => mergeScoreHistograms(emptyScoreHistogram(10), emptyScoreHistogram(20))).toThrow(
      "cannot merge 10 bins with 20",
    );
  });
});
