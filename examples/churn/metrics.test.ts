import { describe, expect, it } from "vitest";
import { accuracy, auc, classificationMetrics, logLoss } from "./metrics";

describe("metrics", () => {
  it("AUC is the share of (positive, negative) pairs ranked right", () => {
    // Pairs: 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes: 3 of 4.
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(auc([0, 1], [0.2, 0.9])).toBe(1);
    expect(auc([1, 0], [0.2, 0.9])).toBe(0);
  });

  it("AUC counts a tied pair as half", () => {
    // Pairs: 0.6>0.2 1, 0.6=0.6 0.5, 0.9>0.2 1, 0.9>0.6 1: 3.5 of 4.
    expect(auc([0, 0, 1, 1], [0.2, 0.6, 0.6, 0.9])).toBe(0.875);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it("AUC needs both classes", () => {
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(/both classes/);
  });

  it("log loss and accuracy", () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(accuracy([1, 0, 1, 0], [0.7, 0.2, 0.4, 0.5])).toBe(0.5);
  });

  it("bundles them as numbers", () => {
    expect(classificationMetrics([0, 1, 1, 0], [0.1, 0.9, 0.6, 0.7])).toEqual({
      auc: 0.75,
      accuracy: 0.75,
      log_loss: expect.any(Number),
      positive_rate: 0.5,
    });
  });
});
