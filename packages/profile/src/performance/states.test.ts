import { describe, expect, it } from "vitest";
import {
  addClassification,
  addLabelled,
  addRegression,
  ClassificationCountsSchema,
  classificationMetrics,
  emptyClassificationCounts,
  emptyRegressionSums,
  emptyScoreHistogram,
  mergeClassificationCounts,
  mergeRegressionSums,
  regressionMetrics,
  ScoreHistogramSchema,
} from "./index";
import { classify, error, fixture } from "./test-fixtures";

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
  it("stored states parse back with their schemas", () => {
    const real = histogramOf(fixture("tiny"));
    expect(ScoreHistogramSchema.parse(JSON.parse(JSON.stringify(real)))).toEqual(real);
    expect(ScoreHistogramSchema.safeParse({ ...real, positive: [1] }).success).toBe(false);
    const counts = emptyClassificationCounts();
    addClassification(counts, true, 0.7);
    expect(ClassificationCountsSchema.parse(JSON.parse(JSON.stringify(counts)))).toEqual(counts);
    expect(ClassificationCountsSchema.safeParse({ ...counts, tp: -1 }).success).toBe(false);
  });
});

function histogramOf(c: { labels: number[]; scores: number[] }) {
  const histogram = emptyScoreHistogram(10);
  c.scores.forEach((score, i) => {
    addLabelled(histogram, c.labels[i] === 1, score);
  });
  return histogram;
}
