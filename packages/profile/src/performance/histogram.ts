import { weightedRocArea } from "./roc";

/** 1000 bins of width 0.001. */
export const DEFAULT_SCORE_BINS = 1000;

/**
 * A fixed-bin histogram of scores in [0, 1] with a positive and a negative weight per bin: label
 * counts (real AUC) or Σp and Σ(1 − p) (CBPE's estimated AUC). Bin k holds [k/bins, (k+1)/bins),
 * the last one also 1. Mergeable by adding, so hourly windows can be combined; AUC from it is
 * approximate, see `histogramRocArea`.
 */
export interface ScoreHistogram {
  bins: number;
  positive: number[];
  negative: number[];
}

export interface ApproximateRocArea {
  /** The AUC with every bin taken as one tied score; null when either total weight is 0. */
  rocAuc: number | null;
  /**
   * |rocAuc − exact AUC| ≤ maxError = ½·Σ_k w_k·v_k / (W·V). Pairs in different bins are ordered
   * as their scores are, so only pairs within one bin can differ, each by at most ½.
   */
  maxError: number | null;
}

export function emptyScoreHistogram(bins = DEFAULT_SCORE_BINS): ScoreHistogram {
  return { bins, positive: new Array(bins).fill(0), negative: new Array(bins).fill(0) };
}

/** Adds one row's weights at `score` (in [0, 1]) in place and returns the histogram. */
export function addToHistogram(
  histogram: ScoreHistogram,
  score: number,
  positive: number,
  negative: number,
): ScoreHistogram {
  const bin = Math.min(Math.floor(score * histogram.bins), histogram.bins - 1);
  histogram.positive[bin] = (histogram.positive[bin] as number) + positive;
  histogram.negative[bin] = (histogram.negative[bin] as number) + negative;
  return histogram;
}

/** A labelled row: weight 1 on its class. */
export function addLabelled(histogram: ScoreHistogram, positive: boolean, score: number) {
  return addToHistogram(histogram, score, positive ? 1 : 0, positive ? 0 : 1);
}

/** An unlabelled row for CBPE: p as a positive and 1 − p as a negative. */
export function addEstimated(histogram: ScoreHistogram, score: number) {
  return addToHistogram(histogram, score, score, 1 - score);
}

export function mergeScoreHistograms(a: ScoreHistogram, b: ScoreHistogram): ScoreHistogram {
  if (a.bins !== b.bins) throw new Error(`cannot merge ${a.bins} bins with ${b.bins}`);
  return {
    bins: a.bins,
    positive: a.positive.map((w, k) => w + (b.positive[k] as number)),
    negative: a.negative.map((v, k) => v + (b.negative[k] as number)),
  };
}

export function histogramRocArea({ bins, positive, negative }: ScoreHistogram): ApproximateRocArea {
  const binScores = Array.from({ length: bins }, (_, k) => k);
  const rocAuc = weightedRocArea(binScores, positive, negative);
  if (rocAuc === null) return { rocAuc, maxError: null };
  let within = 0;
  let totalPositive = 0;
  let totalNegative = 0;
  for (let k = 0; k < bins; k++) {
    within += (positive[k] as number) * (negative[k] as number);
    totalPositive += positive[k] as number;
    totalNegative += negative[k] as number;
  }
  return { rocAuc, maxError: within / (2 * totalPositive * totalNegative) };
}
