import { bucketBound, LogHistogram } from "./log-histogram";
import type { NumericSketch } from "./schema";

/** The drift baseline of a set of numbers; non-finite values are skipped. */
export function sketchFromValues(values: Iterable<number>): NumericSketch {
  const histogram = new LogHistogram();
  for (const value of values) if (Number.isFinite(value)) histogram.add(value);
  return histogram.toJSON();
}

export function mergeNumericSketches(sketches: NumericSketch[]): NumericSketch {
  const merged = new LogHistogram();
  for (const sketch of sketches) merged.merge(LogHistogram.fromJSON(sketch));
  return merged.toJSON();
}

/** The sketch's buckets in ascending order of value, each with its upper bound. */
export function bucketsOf(sketch: NumericSketch): { upper: number; count: number }[] {
  const buckets: { upper: number; count: number }[] = [];
  const { level, negative, positive } = sketch;
  for (let i = negative.counts.length - 1; i >= 0; i--) {
    const count = negative.counts[i] as number;
    if (count > 0) buckets.push({ upper: -bucketBound(level, negative.start + i - 1), count });
  }
  if (sketch.zero > 0) buckets.push({ upper: 0, count: sketch.zero });
  positive.counts.forEach((count, i) => {
    if (count > 0) buckets.push({ upper: bucketBound(level, positive.start + i), count });
  });
  return buckets;
}

/** Value at quantile q (0..1), within the sketch's relative accuracy. */
export function sketchQuantile(sketch: NumericSketch, q: number): number | undefined {
  const buckets = bucketsOf(sketch);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const g = gamma(sketch.level);
  let seen = 0;
  for (const { upper, count } of buckets) {
    seen += count;
    if (seen >= q * total) return upper > 0 ? (2 * upper) / (g + 1) : (2 * g * upper) / (g + 1);
  }
  return undefined;
}

/** Relative accuracy of values read back from the sketch: (γ - 1) / (γ + 1). */
export function sketchAccuracy(sketch: NumericSketch): number {
  const g = gamma(sketch.level);
  return (g - 1) / (g + 1);
}

function gamma(level: number): number {
  return bucketBound(level, 1);
}
