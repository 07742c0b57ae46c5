import { bucketBound, LogHistogram } from "../../log-histogram";
import type { NumericSketch } from "../../schema";

/**
 * Two histograms on the same buckets, ascending in value: bucket b holds values in
 * [lower[b], upper[b]] (clamped to the pooled min and max), `reference[b]` and `current[b]` of them.
 */
export interface AlignedBuckets {
  lower: Float64Array;
  upper: Float64Array;
  reference: Float64Array;
  current: Float64Array;
  /** Where both sides hold only integers and one integer fits in the bucket: that value, else NaN. */
  single: Float64Array;
}

type Store = NumericSketch["positive"];

export function alignBuckets(
  reference: LogHistogram,
  current: LogHistogram,
  min: number,
  max: number,
  integers = false,
): AlignedBuckets {
  const level = Math.max(reference.level, current.level);
  const [a, b] = [reference, current].map((h) => atLevel(h, level)) as [
    NumericSketch,
    NumericSketch,
  ];
  const negative = unionKeys(a.negative, b.negative).reverse();
  const positive = unionKeys(a.positive, b.positive);
  const hasZero = a.zero > 0 || b.zero > 0;
  const size = negative.length + positive.length + (hasZero ? 1 : 0);
  const out: AlignedBuckets = {
    lower: new Float64Array(size),
    upper: new Float64Array(size),
    reference: new Float64Array(size),
    current: new Float64Array(size),
    single: new Float64Array(size).fill(Number.NaN),
  };
  let i = 0;
  const put = (low: number, high: number, r: number, c: number) => {
    const lower = Math.min(Math.max(low, min), max);
    const upper = Math.max(Math.min(high, max), min);
    out.lower[i] = lower;
    out.upper[i] = upper;
    if (integers && Math.floor(upper) === Math.ceil(lower)) out.single[i] = Math.ceil(lower);
    out.reference[i] = r;
    out.current[i++] = c;
  };
  for (const key of negative) {
    put(
      -bucketBound(level, key),
      -bucketBound(level, key - 1),
      countAt(a.negative, key),
      countAt(b.negative, key),
    );
  }
  if (hasZero) put(0, 0, a.zero, b.zero);
  for (const key of positive) {
    put(
      bucketBound(level, key - 1),
      bucketBound(level, key),
      countAt(a.positive, key),
      countAt(b.positive, key),
    );
  }
  return out;
}

function atLevel(histogram: LogHistogram, level: number): NumericSketch {
  const copy = LogHistogram.fromJSON(histogram.toJSON(Number.POSITIVE_INFINITY));
  copy.raiseTo(level);
  return copy.toJSON(Number.POSITIVE_INFINITY);
}

function unionKeys(a: Store, b: Store): number[] {
  const keys = new Set<number>();
  for (const { start, counts } of [a, b]) {
    counts.forEach((count, i) => {
      if (count > 0) keys.add(start + i);
    });
  }
  return [...keys].sort((x, y) => x - y);
}

function countAt({ start, counts }: Store, key: number): number {
  return counts[key - start] ?? 0;
}
