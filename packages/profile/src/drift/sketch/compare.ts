import {
  type CategoricalColumnDrift,
  type ColumnOptions,
  categoricalDrift,
  type EmptyColumnDrift,
  type NumericColumnDrift,
  numericDecision,
  numericDrift,
} from "../compare";
import { sortedCopy } from "../sorted";
import { alignBuckets } from "./buckets";
import { MAX_CATEGORIES } from "./categories";
import { jensenShannonBounds } from "./category-bounds";
import type { FeatureSketch } from "./feature";
import { estimateNumeric, type Interval, ksPvalue } from "./numeric-stats";

export interface NumericBounds {
  ks: { statistic: Interval; pvalue: Interval };
  wasserstein: Interval;
  wassersteinNorm: Interval;
  psi: Interval;
}

/** Sketch-mode results: exact mode's shape, plus whether it is exact and the bounds it guarantees. */
export type SketchColumnDrift =
  | (NumericColumnDrift & { exact: boolean; bounds: NumericBounds })
  | (CategoricalColumnDrift & { exact: boolean; bounds: { jensenShannon: Interval } })
  | (EmptyColumnDrift & { exact: true });

/** Numbers in a column that also holds text, once too many to keep: counted as one category. */
export const NUMBERS_CATEGORY = "(numbers)";
/** Counts a Misra–Gries summary no longer attributes to a kept category. */
export const OTHER_CATEGORY = "(other)";

/** Drift of one feature from two sketches, by exact mode's rules (docs/drift.md, sketch mode). */
export function compareFeatureSketches(
  reference: FeatureSketch,
  current: FeatureSketch,
  options: ColumnOptions = {},
): SketchColumnDrift {
  const n = reference.count;
  const m = current.count;
  if (n === 0 || m === 0) {
    return {
      type: "empty",
      n,
      m,
      method: null,
      value: null,
      threshold: null,
      drift: false,
      exact: true,
    };
  }
  if (reference.categories.total === 0 && current.categories.total === 0) {
    return numericFromSketches(reference, current, options);
  }
  const r = categoryMap(reference);
  const c = categoryMap(current);
  if (r.exact && c.exact) {
    const result = categoricalDrift(r.counts, c.counts, options);
    const point: Interval = [result.jensenShannon, result.jensenShannon];
    return { ...result, exact: true, bounds: { jensenShannon: point } };
  }
  const lumps = new Set([OTHER_CATEGORY, NUMBERS_CATEGORY]);
  const jensenShannon = jensenShannonBounds(
    { counts: r.counts, total: n, error: summaryError(reference) },
    { counts: c.counts, total: m, error: summaryError(current) },
    lumps,
  );
  coarsenAlike(r.counts, c.counts);
  return {
    ...categoricalDrift(r.counts, c.counts, options),
    exact: false,
    bounds: { jensenShannon },
  };
}

/** Misra–Gries: a kept count is low by at most the count not kept over (counters + 1). */
function summaryError(sketch: FeatureSketch): number {
  return sketch.categories.other() / (MAX_CATEGORIES + 1);
}

/**
 * Once either side's counts are a summary, only categories both sides kept keep their own bin;
 * every other count goes to OTHER_CATEGORY on its side. The same bins on both sides, so the
 * estimate is JS and PSI of a coarsening (which can only lower JS) from counts each low by at most
 * the summary's error.
 */
function coarsenAlike(a: Map<string, number>, b: Map<string, number>): void {
  for (const [mine, theirs] of [
    [a, b],
    [b, a],
  ] as const) {
    let other = 0;
    for (const [key, count] of mine) {
      if (key === OTHER_CATEGORY || !theirs.has(key)) {
        other += count;
        mine.delete(key);
      }
    }
    if (other > 0) mine.set(OTHER_CATEGORY, other);
  }
}

function numericFromSketches(
  reference: FeatureSketch,
  current: FeatureSketch,
  options: ColumnOptions,
): SketchColumnDrift {
  const r = reference.numeric;
  const c = current.numeric;
  const rv = r.kept();
  const cv = c.kept();
  if (rv && cv) {
    const exact = numericDrift(sortedCopy(rv), sortedCopy(cv), options);
    return { ...exact, exact: true, bounds: pointBounds(exact) };
  }
  const min = Math.min(r.moments.min, c.moments.min);
  const max = Math.max(r.moments.max, c.moments.max);
  const integers = r.integers && c.integers;
  const estimate = estimateNumeric(alignBuckets(r.histogram, c.histogram, min, max, integers));
  const n = r.count;
  const m = c.count;
  const ks = ksPvalue(estimate.ks.statistic, estimate.ks.bounds, n, m);
  const std = r.std();
  const wassersteinNorm = normalised(estimate.wasserstein.value, std);
  const [wLow, wHigh] = estimate.wasserstein.bounds;
  return {
    type: "numeric",
    n,
    m,
    ks: { statistic: estimate.ks.statistic, pvalue: ks.pvalue },
    wasserstein: estimate.wasserstein.value,
    wassersteinNorm,
    psi: estimate.psi.value,
    ...numericDecision(n, ks.pvalue, wassersteinNorm, options),
    exact: false,
    bounds: {
      ks: { statistic: estimate.ks.bounds, pvalue: ks.bounds },
      wasserstein: estimate.wasserstein.bounds,
      wassersteinNorm: [normalised(wLow, std), normalised(wHigh, std)],
      psi: estimate.psi.bounds,
    },
  };
}

function normalised(distance: number, std: number): number {
  if (std > 0) return distance / std;
  return distance === 0 ? 0 : Number.POSITIVE_INFINITY;
}

function pointBounds(exact: NumericColumnDrift): NumericBounds {
  const point = (x: number): Interval => [x, x];
  return {
    ks: { statistic: point(exact.ks.statistic), pvalue: point(exact.ks.pvalue) },
    wasserstein: point(exact.wasserstein),
    wassersteinNorm: point(exact.wassersteinNorm),
    psi: point(exact.psi),
  };
}

/** Counts per category, numbers by their text while the sketch still holds them. */
function categoryMap(sketch: FeatureSketch): { counts: Map<string, number>; exact: boolean } {
  const counts = new Map(sketch.categories.entries());
  let exact = true;
  const numbers = sketch.numeric.kept();
  if (numbers) {
    for (const value of numbers) add(counts, String(value), 1);
  } else if (sketch.numeric.count > 0) {
    add(counts, NUMBERS_CATEGORY, sketch.numeric.count);
    exact = false;
  }
  const other = sketch.categories.other();
  if (other > 0) {
    add(counts, OTHER_CATEGORY, other);
    exact = false;
  }
  return { counts, exact };
}

function add(counts: Map<string, number>, key: string, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}
