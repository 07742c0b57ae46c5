import type { ColumnDrift } from "./comparison-schema";
import { LogHistogram } from "./log-histogram";
import { bucketsOf } from "./numeric-sketch";
import type { ColumnProfile, NumericSketch, TopValue } from "./schema";

const SMALLEST_SHARE = 1e-4;
const BINS = 10;

export interface NumericDrift {
  psi: number;
  ks: number;
}

/** Population stability index: sum of (live - base) * ln(live / base) over bins, shares floored at 1e-4. */
export function psi(baseline: number[], live: number[]): number {
  let total = 0;
  baseline.forEach((share, i) => {
    const expected = Math.max(share, SMALLEST_SHARE);
    const actual = Math.max(live[i] ?? 0, SMALLEST_SHARE);
    total += (actual - expected) * Math.log(actual / expected);
  });
  return total;
}

/**
 * Drift of a live numeric sketch from a baseline. Both are brought to the same bucket width, then
 * the baseline's buckets are grouped into 10 bins of about 10% each (fewer when one bucket holds
 * more), and PSI compares the two shares per bin. KS is the largest gap between the two CDFs,
 * read at every bucket boundary. Both are exact for the bucketed data. Undefined if a side is empty.
 */
export function driftScore(baseline: NumericSketch, live: NumericSketch): NumericDrift | undefined {
  const [a, b] = aligned(baseline, live);
  const byBound = new Map<number, [number, number]>();
  for (const { upper, count } of bucketsOf(a)) byBound.set(upper, [count, 0]);
  for (const { upper, count } of bucketsOf(b))
    byBound.set(upper, [byBound.get(upper)?.[0] ?? 0, count]);
  const buckets = [...byBound].sort(([x], [y]) => x - y).map(([, counts]) => counts);
  const totalA = buckets.reduce((sum, [x]) => sum + x, 0);
  const totalB = buckets.reduce((sum, [, y]) => sum + y, 0);
  if (totalA === 0 || totalB === 0) return undefined;
  const binsA: number[] = [0];
  const binsB: number[] = [0];
  let cumulativeA = 0;
  let cumulativeB = 0;
  let ks = 0;
  for (const [x, y] of buckets) {
    if (
      binsA.length < BINS &&
      cumulativeA / totalA >= binsA.length / BINS &&
      (binsA.at(-1) as number) > 0
    ) {
      binsA.push(0);
      binsB.push(0);
    }
    binsA[binsA.length - 1] = (binsA.at(-1) as number) + x / totalA;
    binsB[binsB.length - 1] = (binsB.at(-1) as number) + y / totalB;
    cumulativeA += x;
    cumulativeB += y;
    ks = Math.max(ks, Math.abs(cumulativeA / totalA - cumulativeB / totalB));
  }
  return { psi: psi(binsA, binsB), ks };
}

/** PSI over the union of both top lists plus one bin for every other value. */
export function categoryDrift(baseline: CategoryCounts, live: CategoryCounts): number {
  const values = [...new Set([...baseline.top, ...live.top].map((t) => t.value))];
  const shares = ({ count, top }: CategoryCounts) => {
    const counts = new Map(top.map((t) => [t.value, t.count]));
    const known = values.map((v) => (counts.get(v) ?? 0) / count);
    return [...known, Math.max(0, 1 - known.reduce((s, x) => s + x, 0))];
  };
  return psi(shares(baseline), shares(live));
}

export interface CategoryCounts {
  count: number;
  top: TopValue[];
}

/** Drift of one column between a baseline profile and a later one (another version or live data). */
export function columnDrift(baseline: ColumnProfile, live: ColumnProfile): ColumnDrift | undefined {
  if (baseline.count === 0 || live.count === 0) return undefined;
  const numeric = (c: ColumnProfile) => c.type === "integer" || c.type === "number";
  const categorical = (c: ColumnProfile) => c.type === "string" || c.type === "boolean";
  const a = baseline.sketch?.numeric;
  const b = live.sketch?.numeric;
  const scores = numeric(baseline) && numeric(live) && a && b ? driftScore(a, b) : undefined;
  if (scores) return { method: "quantile-bins", ...scores, level: levelOf(scores.psi) };
  if (categorical(baseline) && categorical(live)) {
    const score = categoryDrift(
      { count: baseline.count, top: baseline.top ?? [] },
      { count: live.count, top: live.top ?? [] },
    );
    return { method: "categories", psi: score, level: levelOf(score) };
  }
  return undefined;
}

/** The usual PSI reading: below 0.1 stable, below 0.25 a moderate shift, above that a major one. */
export function levelOf(score: number): ColumnDrift["level"] {
  return score < 0.1 ? "none" : score < 0.25 ? "moderate" : "major";
}

function aligned(a: NumericSketch, b: NumericSketch): [NumericSketch, NumericSketch] {
  const level = Math.max(a.level, b.level);
  const at = (sketch: NumericSketch) => {
    if (sketch.level === level) return sketch;
    const histogram = LogHistogram.fromJSON(sketch);
    histogram.raiseTo(level);
    return histogram.toJSON(Number.POSITIVE_INFINITY);
  };
  return [at(a), at(b)];
}
