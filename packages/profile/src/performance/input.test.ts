import { describe, expect, it } from "vitest";
import {
  estimatePerformance,
  LOG_LOSS_CLIP,
  logLossOf,
  PerformanceInputRejected,
  performanceOf,
  weightedRocArea,
} from "./index";

function rejection(run: () => unknown): PerformanceInputRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof PerformanceInputRejected) return error;
    throw error;
  }
  throw new Error("expected PerformanceInputRejected");
}

describe("bad input is refused with a dotted code and the place it went wrong", () => {
  it.each([
    ["a label that is not 0/1/boolean", [1, 0, 2], [0.1, 0.2, 0.3], "labels[2]"],
    ["a score above 1", [1, 0], [0.4, 1.2], "scores[1]"],
    ["a negative score", [1, 0], [-0.1, 0.5], "scores[0]"],
    ["a NaN score", [1], [Number.NaN], "scores[0]"],
    ["a string score", [1], ["0.4"], "scores[0]"],
  ])("%s", (_, labels, scores, where) => {
    const error = rejection(() =>
      performanceOf({ kind: "classification", labels, scores } as never),
    );
    expect(error).toMatchObject({ kind: "input", code: "performance.invalid_input" });
    expect(error.message.startsWith(`${where}: `)).toBe(true);
  });

  it("labels and scores of different lengths", () => {
    const error = rejection(() =>
      performanceOf({ kind: "classification", labels: [1, 0, 1], scores: [0.5, 0.5] }),
    );
    expect(error).toMatchObject({
      code: "performance.length_mismatch",
      message: "3 labels but 2 scores",
    });
  });

  it("an unknown kind, and infinite regression values", () => {
    expect(rejection(() => performanceOf({ kind: "ranking" } as never)).code).toBe(
      "performance.invalid_input",
    );
    const error = rejection(() =>
      performanceOf({ kind: "regression", labels: [1, 2], scores: [1, Infinity] }),
    );
    expect(error.message.startsWith("scores[1]: ")).toBe(true);
  });

  it("CBPE takes probabilities only", () => {
    expect(rejection(() => estimatePerformance([0.2, 1.5])).message.startsWith("[1]: ")).toBe(true);
  });
});

describe("edge cases", () => {
  it("booleans are the same labels as 1 and 0", () => {
    const scores = [0.9, 0.2, 0.6, 0.4, 0.5];
    const numeric = performanceOf({ kind: "classification", labels: [1, 0, 0, 1, 1], scores });
    const booleans = performanceOf({
      kind: "classification",
      labels: [true, false, false, true, true],
      scores,
    });
    expect(booleans).toEqual(numeric);
  });

  it("an empty window has n 0 and no metric", () => {
    expect(performanceOf({ kind: "classification", labels: [], scores: [] })).toEqual({
      kind: "classification",
      n: 0,
      accuracy: null,
      rocAuc: null,
      logLoss: null,
      precision: null,
      recall: null,
      f1: null,
      counts: { tp: 0, fp: 0, tn: 0, fn: 0 },
    });
    expect(performanceOf({ kind: "regression", labels: [], scores: [] })).toEqual({
      kind: "regression",
      n: 0,
      rmse: null,
      mae: null,
    });
    expect(estimatePerformance([])).toEqual({
      n: 0,
      accuracy: null,
      rocAuc: null,
      precision: null,
      recall: null,
      f1: null,
    });
  });

  it("a score of exactly 0.5 predicts class 1", () => {
    const result = performanceOf({ kind: "classification", labels: [1], scores: [0.5] });
    expect(result).toMatchObject({ accuracy: 1, counts: { tp: 1, fp: 0, tn: 0, fn: 0 } });
  });

  it("log-loss clips a certain mistake to −ln(1e-15) instead of Infinity", () => {
    expect(logLossOf(true, 0)).toBeCloseTo(-Math.log(LOG_LOSS_CLIP), 12);
    expect(logLossOf(false, 1)).toBeCloseTo(-Math.log(LOG_LOSS_CLIP), 2);
    expect(logLossOf(true, 1)).toBeLessThan(1e-14);
  });

  it("ROC AUC: ties count half, order of rows does not matter, inverted scores give 1 − AUC", () => {
    expect(weightedRocArea([0.3, 0.3], [1, 0], [0, 1])).toBe(0.5);
    const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9];
    const labels = [0, 0, 1, 1, 1, 0];
    const auc = weightedRocArea(
      scores,
      labels,
      labels.map((y) => 1 - y),
    ) as number;
    const reversed = weightedRocArea(
      [...scores].reverse(),
      [...labels].reverse(),
      [...labels].reverse().map((y) => 1 - y),
    );
    expect(reversed).toBe(auc);
    const inverted = weightedRocArea(
      scores.map((s) => 1 - s),
      labels,
      labels.map((y) => 1 - y),
    );
    expect(inverted).toBeCloseTo(1 - auc, 15);
  });

  it("CBPE accuracy never falls below 0.5: it cannot see a model worse than chance", () => {
    expect(estimatePerformance([0.5, 0.5, 0.5]).accuracy).toBe(0.5);
    expect(estimatePerformance([0, 1, 0, 1])).toMatchObject({ accuracy: 1, rocAuc: 1, f1: 1 });
  });
});
