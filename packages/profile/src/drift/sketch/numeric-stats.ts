import { kolmogorovQ } from "../ks";
import { PSI_FLOOR } from "../psi";
import type { AlignedBuckets } from "./buckets";

/** [lowest, highest] the exact statistic can be, given what the sketches know. */
export type Interval = [number, number];

export interface NumericEstimate {
  /** D read at bucket ends, and the interval that holds the exact D. */
  ks: { statistic: number; bounds: Interval };
  wasserstein: { value: number; bounds: Interval };
  psi: { value: number; bounds: Interval };
}

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** KS, Wasserstein and PSI of two histograms on aligned buckets, each with its exact bounds. */
export function estimateNumeric(buckets: AlignedBuckets): NumericEstimate {
  const r = cumulativeShares(buckets.reference);
  const c = cumulativeShares(buckets.current);
  const ks = ksEstimate(r, c, buckets.single);
  return {
    ks: { statistic: ks[0], bounds: ks },
    wasserstein: wassersteinEstimate(buckets, r, c),
    psi: psiEstimate(buckets.reference, r, c, buckets.single),
  };
}

/** The KS p-value Q(√(nm/(n+m))·D) and its interval from the statistic's. */
export function ksPvalue(
  statistic: number,
  bounds: Interval,
  n: number,
  m: number,
): { pvalue: number; bounds: Interval } {
  const scale = Math.sqrt((n * m) / (n + m));
  return {
    pvalue: kolmogorovQ(scale * statistic),
    bounds: [kolmogorovQ(scale * bounds[1]), kolmogorovQ(scale * bounds[0])],
  };
}

/** Share of the sample at or below each bucket's end: F after bucket b. */
function cumulativeShares(counts: Float64Array): Float64Array {
  let total = 0;
  for (const count of counts) total += count;
  const out = new Float64Array(counts.length);
  let seen = 0;
  counts.forEach((count, b) => {
    seen += count;
    out[b] = seen / total;
  });
  return out;
}

/**
 * D read at bucket ends is the exact gap there, so it bounds D from below; inside bucket b
 * F_R − F_C lies between F_R(b−1) − F_C(b) and F_R(b) − F_C(b−1), which bounds it from above.
 */
function ksEstimate(r: Float64Array, c: Float64Array, single: Float64Array): Interval {
  let low = 0;
  let high = 0;
  let previousR = 0;
  let previousC = 0;
  for (let b = 0; b < r.length; b++) {
    const rb = r[b] as number;
    const cb = c[b] as number;
    low = Math.max(low, Math.abs(rb - cb));
    if (Number.isNaN(single[b] as number))
      high = Math.max(high, Math.abs(previousR - cb), Math.abs(rb - previousC));
    previousR = rb;
    previousC = cb;
  }
  return [low, Math.min(1, Math.max(low, high))];
}

/**
 * Each bucket's values are moved to its midpoint: W of the moved samples, off the exact W by
 * at most what the moves cost, Σ_b (p_R(b) + p_C(b))·half-width(b) (triangle inequality).
 */
function wassersteinEstimate(
  { lower, upper, reference, current, single }: AlignedBuckets,
  r: Float64Array,
  c: Float64Array,
): { value: number; bounds: Interval } {
  const n = sumOf(reference);
  const m = sumOf(current);
  const point = (b: number) =>
    Number.isNaN(single[b] as number)
      ? ((lower[b] as number) + (upper[b] as number)) / 2
      : (single[b] as number);
  let value = 0;
  let moved = 0;
  for (let b = 0; b < r.length; b++) {
    const half = Number.isNaN(single[b] as number)
      ? ((upper[b] as number) - (lower[b] as number)) / 2
      : 0;
    moved += ((reference[b] as number) / n + (current[b] as number) / m) * half;
    if (b + 1 < r.length)
      value += Math.abs((r[b] as number) - (c[b] as number)) * (point(b + 1) - point(b));
  }
  return { value, bounds: [Math.max(0, value - moved), value + moved] };
}

/**
 * The exact decile edge q lies between the order statistics numpy interpolates between, so in a
 * known run of buckets. The estimate cuts at a bucket end next to it; the bounds take each bin's
 * shares over every cut the run allows and the PSI term's extremes over that box.
 */
function psiEstimate(
  referenceCounts: Float64Array,
  r: Float64Array,
  c: Float64Array,
  single: Float64Array,
): { value: number; bounds: Interval } {
  const n = sumOf(referenceCounts);
  const runs = DECILES.map((q) => narrowed(edgeRun(referenceCounts, n, q), single));
  const cuts = [...new Set(runs.map((run) => run.cut))];
  let value = 0;
  let previous = -1;
  for (const cut of [...cuts, r.length - 1]) {
    value += psiTerm(shareBetween(r, previous, cut), shareBetween(c, previous, cut));
    previous = cut;
  }
  let low = 0;
  let high = 0;
  let below: { first: number; last: number } = { first: -1, last: -1 };
  const top = { first: r.length, last: r.length - 1 };
  for (const run of [...runs, top]) {
    const rBox = shareBox(r, below, run);
    const cBox = shareBox(c, below, run);
    low += termMinimum(rBox, cBox);
    high += termMaximum(rBox, cBox);
    below = run;
  }
  return { value, bounds: [Math.min(low, value), Math.max(high, value)] };
}

/** Buckets holding the order statistics at floor((n−1)q) and the one after; the cut to use. */
function edgeRun(
  counts: Float64Array,
  n: number,
  q: number,
): { first: number; last: number; cut: number } {
  const index = (n - 1) * q;
  const below = Math.floor(index);
  const first = bucketOfRank(counts, below);
  const last = index > below ? bucketOfRank(counts, Math.min(below + 1, n - 1)) : first;
  const cut = index - below >= 0.5 && last > first ? last - 1 : first;
  return { first, last, cut };
}

/**
 * A run's first bucket holds values ≤ the edge; if it holds one value, all of it is below the
 * edge, so the edge's share is known from after it (first + 1; first > last means exactly known).
 */
function narrowed(
  run: { first: number; last: number; cut: number },
  single: Float64Array,
): { first: number; last: number; cut: number } {
  return Number.isNaN(single[run.first] as number) ? run : { ...run, first: run.first + 1 };
}

function bucketOfRank(counts: Float64Array, rank: number): number {
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    seen += counts[b] as number;
    if (seen > rank) return b;
  }
  return counts.length - 1;
}

/** F after bucket `to` minus F after bucket `from` (−1: before the first). */
function shareBetween(cumulative: Float64Array, from: number, to: number): number {
  const start = from < 0 ? 0 : (cumulative[from] as number);
  return (cumulative[to] as number) - start;
}

/** The share of a bin whose lower edge lies in run `below` and upper edge in run `above`. */
function shareBox(
  cumulative: Float64Array,
  below: { first: number; last: number },
  above: { first: number; last: number },
): Interval {
  const at = (b: number) => (b < 0 ? 0 : (cumulative[b] as number));
  const lowest = Math.max(0, at(above.first - 1) - at(below.last));
  const highest = at(above.last) - at(below.first - 1);
  return [lowest, highest];
}

function psiTerm(r: number, c: number): number {
  const a = Math.max(r, PSI_FLOOR);
  const b = Math.max(c, PSI_FLOOR);
  return (b - a) * Math.log(b / a);
}

/** (c − r)·ln(c/r) is jointly convex, so its largest value on a box is at a corner. */
function termMaximum([r0, r1]: Interval, [c0, c1]: Interval): number {
  return Math.max(psiTerm(r0, c0), psiTerm(r0, c1), psiTerm(r1, c0), psiTerm(r1, c1));
}

/** It is 0 on c = r, grows with c above it and with r below it: the corner nearest the diagonal. */
function termMinimum([r0, r1]: Interval, [c0, c1]: Interval): number {
  const [a0, a1, b0, b1] = [r0, r1, c0, c1].map((s) => Math.max(s, PSI_FLOOR)) as number[];
  if ((b0 as number) > (a1 as number)) return psiTerm(a1 as number, b0 as number);
  if ((b1 as number) < (a0 as number)) return psiTerm(a0 as number, b1 as number);
  return 0;
}

function sumOf(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
