import { DECISION_THRESHOLD } from "./classification";
import { parsed, Scores } from "./input";
import { ratio } from "./ratio";
import { weightedRocArea } from "./roc";

/**
 * Confidence-based performance estimation (CBPE) of a binary classifier without labels, as
 * NannyML defines it ("Confidence-based Performance Estimation", NannyML docs, How it works →
 * Performance estimation → Binary classification). If the scores are calibrated, a row with
 * score p is class 1 with probability p, so each confusion-matrix cell has an expected value:
 * at threshold t, TP(t) = Σ_{p_i ≥ t} p_i, FP(t) = Σ_{p_i ≥ t} (1 − p_i), FN(t) = Σ_{p_i < t} p_i,
 * TN(t) = Σ_{p_i < t} (1 − p_i). Metrics are then computed from those expectations. Wrong when
 * the scores are not calibrated for the current data (concept drift, or inputs outside what the
 * model saw), and noisy on small windows; see docs/performance.md.
 *
 * These sums are what the threshold-0.5 estimates need; merged by adding.
 */
export interface CbpeSums {
  n: number;
  /** Σ max(p, 1 − p) as the 0.5 threshold decides: each row's chance of being right. */
  confidence: number;
  expectedTp: number;
  expectedFp: number;
  expectedFn: number;
}

export interface CbpeMetrics {
  n: number;
  /** Mean over rows of p if p ≥ 0.5, else 1 − p. Never below 0.5. Null when n is 0. */
  accuracy: number | null;
  /** TP / (TP + FP) at 0.5, expected values: null when no score is ≥ 0.5. */
  precision: number | null;
  /** TP / (TP + FN) = TP / Σp: null when every score is 0. */
  recall: number | null;
  f1: number | null;
}

export interface CbpeEstimate extends CbpeMetrics {
  /**
   * Trapezoidal area under the expected (FPR, TPR) curve over every distinct score threshold,
   * from (0, 0); P = Σp and N = Σ(1 − p) are the expected class totals. Null when P or N is 0.
   * NannyML rounds its cumulative sums to 5 decimals before this step; Gyre does not.
   */
  rocAuc: number | null;
}

export function emptyCbpeSums(): CbpeSums {
  return { n: 0, confidence: 0, expectedTp: 0, expectedFp: 0, expectedFn: 0 };
}

/** Adds one score (the predicted probability of class 1) to `sums` in place and returns it. */
export function addCbpe(sums: CbpeSums, score: number): CbpeSums {
  sums.n++;
  if (score >= DECISION_THRESHOLD) {
    sums.confidence += score;
    sums.expectedTp += score;
    sums.expectedFp += 1 - score;
  } else {
    sums.confidence += 1 - score;
    sums.expectedFn += score;
  }
  return sums;
}

export function mergeCbpeSums(a: CbpeSums, b: CbpeSums): CbpeSums {
  return {
    n: a.n + b.n,
    confidence: a.confidence + b.confidence,
    expectedTp: a.expectedTp + b.expectedTp,
    expectedFp: a.expectedFp + b.expectedFp,
    expectedFn: a.expectedFn + b.expectedFn,
  };
}

export function cbpeMetrics(sums: CbpeSums): CbpeMetrics {
  const { n, confidence, expectedTp: tp, expectedFp: fp, expectedFn: fn } = sums;
  return {
    n,
    accuracy: ratio(confidence, n),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/**
 * Every CBPE estimate of one window of scores (probabilities of class 1, in [0, 1]), AUC exact
 * over all its distinct scores. Throws PerformanceInputRejected on any other value.
 */
export function estimatePerformance(input: readonly number[]): CbpeEstimate {
  const scores = parsed(Scores, input);
  const sums = emptyCbpeSums();
  for (const score of scores) addCbpe(sums, score);
  const complements = scores.map((p) => 1 - p);
  return { ...cbpeMetrics(sums), rocAuc: weightedRocArea(scores, scores, complements) };
}
