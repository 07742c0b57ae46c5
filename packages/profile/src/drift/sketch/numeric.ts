import { LogHistogram } from "../../log-histogram";
import { Moments } from "../../moments";
import type { NumericSketch } from "../../schema";

/** Up to this many values a numeric sketch keeps them all, so small samples compare exactly. */
export const EXACT_VALUES = 1000;
/** Buckets per sign of the logarithmic histogram, in memory and in JSON. */
export const HISTOGRAM_SPAN = 2048;

export interface NumericDriftJson {
  count: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  /** Every value is an integer (the bounds use it: a bucket narrower than 1 then holds one value). */
  integers: boolean;
  /** Every value, while there are at most EXACT_VALUES. */
  values?: number[];
  /** Otherwise the histogram (UDDSketch, see log-histogram.ts). */
  histogram?: NumericSketch;
}

/**
 * The numbers of one feature: exact values while few, always a logarithmic histogram (exactly
 * mergeable: merged equals sketched-from-the-union), and running moments for std, min and max.
 */
export class NumericDriftSketch {
  readonly histogram = new LogHistogram(HISTOGRAM_SPAN);
  readonly moments = new Moments();
  private values: number[] | undefined;
  /** Every value so far is an integer. */
  integers = true;

  /** `exactValues` below EXACT_VALUES makes the histogram decide sooner (tests use 0). */
  constructor(private readonly exactValues = EXACT_VALUES) {
    this.values = exactValues > 0 ? [] : undefined;
  }

  get count(): number {
    return this.moments.count;
  }

  /** A finite number; the caller drops missing values. */
  add(value: number): void {
    this.histogram.add(value);
    this.moments.add(value);
    if (this.integers && !Number.isInteger(value)) this.integers = false;
    const values = this.values;
    if (values) {
      if (values.length < this.exactValues) values.push(value);
      else this.values = undefined;
    }
  }

  merge(other: NumericDriftSketch): void {
    this.histogram.merge(other.histogram);
    this.moments.merge(other.moments);
    this.integers &&= other.integers;
    const values = this.values;
    const theirs = other.values;
    this.values =
      values && theirs && values.length + theirs.length <= this.exactValues
        ? values.concat(theirs)
        : undefined;
  }

  /** All values, when there are at most EXACT_VALUES of them. */
  kept(): readonly number[] | undefined {
    return this.values;
  }

  /** Population standard deviation, ddof 0; exactly 0 when min = max. */
  std(): number {
    const { count, m2, min, max } = this.moments;
    if (count === 0 || min === max) return 0;
    return Math.sqrt(Math.max(0, m2) / count);
  }

  toJSON(): NumericDriftJson {
    const { count, mean, m2, min, max } = this.moments;
    const summary = { count, mean, m2, min, max, integers: this.integers };
    return this.values
      ? { ...summary, values: [...this.values] }
      : { ...summary, histogram: this.histogram.toJSON(HISTOGRAM_SPAN) };
  }

  static fromJSON(json: NumericDriftJson): NumericDriftSketch {
    const sketch = new NumericDriftSketch();
    if (json.values) {
      for (const value of json.values) sketch.histogram.add(value);
    } else if (json.histogram) {
      sketch.histogram.merge(LogHistogram.fromJSON(json.histogram));
      sketch.values = undefined;
    }
    Object.assign(sketch.moments, {
      count: json.count,
      mean: json.mean,
      m2: json.m2,
      min: json.count === 0 ? Number.POSITIVE_INFINITY : json.min,
      max: json.count === 0 ? Number.NEGATIVE_INFINITY : json.max,
    });
    if (json.values) sketch.values = [...json.values];
    sketch.integers = json.integers;
    return sketch;
  }
}
