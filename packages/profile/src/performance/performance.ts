import {
  addClassification,
  type ClassificationMetrics,
  classificationMetrics,
  emptyClassificationCounts,
} from "./classification";
import { PerformanceInput, parsed, sameLength } from "./input";
import {
  addRegression,
  emptyRegressionSums,
  type RegressionMetrics,
  regressionMetrics,
} from "./regression";
import { weightedRocArea } from "./roc";

export interface ClassificationPerformance extends ClassificationMetrics {
  kind: "classification";
  /** sklearn's `roc_auc_score`, ties counting half; null unless both classes are present. */
  rocAuc: number | null;
}

export interface RegressionPerformance extends RegressionMetrics {
  kind: "regression";
}

export type Performance = ClassificationPerformance | RegressionPerformance;

/**
 * The real performance of one window of labelled predictions. Classification: labels 0/1 or
 * booleans and scores the predicted probability of class 1 (a score ≥ 0.5 predicts 1).
 * Regression: labels are the true values and scores the predictions. Throws
 * PerformanceInputRejected on anything else, or when the two lengths differ.
 */
export function performanceOf(input: PerformanceInput): Performance {
  const valid = parsed(PerformanceInput, input);
  sameLength(valid.labels, valid.scores);
  if (valid.kind === "regression") return regressionOf(valid.labels, valid.scores);
  return classificationOf(
    valid.labels.map((label) => label === 1 || label === true),
    valid.scores,
  );
}

function regressionOf(truths: number[], predictions: number[]): RegressionPerformance {
  const sums = emptyRegressionSums();
  for (let i = 0; i < truths.length; i++) {
    addRegression(sums, truths[i] as number, predictions[i] as number);
  }
  return { kind: "regression", ...regressionMetrics(sums) };
}

function classificationOf(positives: boolean[], scores: number[]): ClassificationPerformance {
  const counts = emptyClassificationCounts();
  for (let i = 0; i < scores.length; i++) {
    addClassification(counts, positives[i] as boolean, scores[i] as number);
  }
  const isPositive = positives.map(Number);
  const isNegative = positives.map((positive) => (positive ? 0 : 1));
  const rocAuc = weightedRocArea(scores, isPositive, isNegative);
  return { kind: "classification", ...classificationMetrics(counts), rocAuc };
}
