import { logLossOf } from "./log-loss";
import { ratio } from "./ratio";

/** A score at or above this is a prediction of class 1. */
export const DECISION_THRESHOLD = 0.5;

/**
 * What a window of labelled binary predictions needs for accuracy, precision, recall, F1 and
 * log-loss: the confusion counts at 0.5 and the sum of per-row log-losses. Plain numbers, so
 * hourly states can be stored and merged by adding.
 */
export interface ClassificationCounts {
  n: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  logLossSum: number;
}

export interface ClassificationMetrics {
  n: number;
  /** Null when n is 0, and likewise below whenever a ratio would be 0/0. */
  accuracy: number | null;
  /** TP / (TP + FP): null when nothing is predicted positive. */
  precision: number | null;
  /** TP / (TP + FN): null when no label is positive. */
  recall: number | null;
  /** 2TP / (2TP + FP + FN): null only when there are neither positive labels nor predictions. */
  f1: number | null;
  logLoss: number | null;
  counts: Omit<ClassificationCounts, "n" | "logLossSum">;
}

export function emptyClassificationCounts(): ClassificationCounts {
  return { n: 0, tp: 0, fp: 0, tn: 0, fn: 0, logLossSum: 0 };
}

/** Adds one row to `counts` in place (a window folds rows one at a time) and returns it. */
export function addClassification(
  counts: ClassificationCounts,
  positive: boolean,
  score: number,
): ClassificationCounts {
  const predicted = score >= DECISION_THRESHOLD;
  counts.n++;
  if (predicted && positive) counts.tp++;
  else if (predicted) counts.fp++;
  else if (positive) counts.fn++;
  else counts.tn++;
  counts.logLossSum += logLossOf(positive, score);
  return counts;
}

export function mergeClassificationCounts(
  a: ClassificationCounts,
  b: ClassificationCounts,
): ClassificationCounts {
  return {
    n: a.n + b.n,
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    tn: a.tn + b.tn,
    fn: a.fn + b.fn,
    logLossSum: a.logLossSum + b.logLossSum,
  };
}

export function classificationMetrics(counts: ClassificationCounts): ClassificationMetrics {
  const { n, tp, fp, tn, fn, logLossSum } = counts;
  return {
    n,
    accuracy: ratio(tp + tn, n),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    logLoss: ratio(logLossSum, n),
    counts: { tp, fp, tn, fn },
  };
}
