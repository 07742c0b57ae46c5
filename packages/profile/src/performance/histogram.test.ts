import { describe, expect, it } from "vitest";
import {
  addEstimated,
  addLabelled,
  emptyScoreHistogram,
  estimatePerformance,
  histogramRocArea,
  mergeScoreHistograms,
  type ScoreHistogram,
} from "./index";
import { type Case, classification, classify, fixture } from "./test-fixtures";

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

  it("refuses to merge histograms of different bin counts", () => {
    expect(() => mergeScoreHistograms(emptyScoreHistogram(10), emptyScoreHistogram(20))).toThrow(
      "cannot merge 10 bins with 20",
    );
  });
});
