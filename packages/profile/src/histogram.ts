import { bucketBound } from "./log-histogram";
import { bucketsOf } from "./numeric-sketch";
import type { NumericSketch } from "./schema";

export interface HistogramBin {
  lo: number;
  hi: number;
  count: number;
}

/**
 * Equal-width bins over [min, max] from a column's sketch: each sketch bucket's count goes to the
 * bin of the value it stands for (within the sketch's relative accuracy), so the counts add up to
 * the values the sketch holds.
 */
export function sketchHistogram(
  sketch: NumericSketch,
  range: { min: number; max: number },
  bins = 20,
): HistogramBin[] {
  const { min, max } = range;
  const n = max > min ? bins : 1;
  const width = (max - min) / n;
  const out = Array.from({ length: n }, (_, i) => ({
    lo: min + i * width,
    hi: i === n - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  const g = bucketBound(sketch.level, 1);
  for (const { upper, count } of bucketsOf(sketch)) {
    const value = upper > 0 ? (2 * upper) / (g + 1) : (2 * g * upper) / (g + 1);
    const clamped = Math.min(max, Math.max(min, value));
    const index = width > 0 ? Math.min(n - 1, Math.floor((clamped - min) / width)) : 0;
    (out[index] as HistogramBin).count += count;
  }
  return out;
}
