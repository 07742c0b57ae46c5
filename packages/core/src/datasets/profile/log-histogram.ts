import { KeyCounts } from "./log-histogram-store";
import type { NumericSketch } from "./schema";

/** Level 0 buckets are (γ^(k-1), γ^k] with γ = 1 + 2^-16; each level squares γ, halving every key. */
const LN_GAMMA_0 = Math.log1p(2 ** -16);
const MEMORY_SPAN = 2048;
export const JSON_SPAN = 256;
const SMALLEST = 1e-300;

/**
 * UDDSketch: a histogram of |value| on logarithmic buckets, one store per sign plus a zero count.
 * When a store would need more than `span` buckets, every bucket pair merges (γ becomes γ²), so the
 * relative accuracy adapts to the data's range: fine for narrow columns, coarser for wide ones.
 * Keys at level L equal ceil(key0 / 2^L), so merged sketches equal the sketch of the union.
 */
export class LogHistogram {
  level = 0;
  zero = 0;
  private readonly positive: KeyCounts;
  private readonly negative: KeyCounts;
  private inverseLnGamma = 1 / LN_GAMMA_0;

  constructor(span = MEMORY_SPAN) {
    this.positive = new KeyCounts(span);
    this.negative = new KeyCounts(span);
  }

  add(value: number): void {
    if (value > SMALLEST) this.addKey(this.positive, Math.ceil(Math.log(value) * this.inverseLnGamma));
    else if (value < -SMALLEST) this.addKey(this.negative, Math.ceil(Math.log(-value) * this.inverseLnGamma));
    else this.zero++;
  }

  merge(other: LogHistogram): void {
    while (this.level < other.level) this.collapse();
    const theirs = other.copy();
    while (theirs.level < this.level) theirs.collapse();
    this.zero += theirs.zero;
    theirs.positive.forEach((key, count) => this.addKey(this.positive, key, count, theirs.level));
    theirs.negative.forEach((key, count) => this.addKey(this.negative, key, count, theirs.level));
  }

  raiseTo(level: number): void {
    while (this.level < level) this.collapse();
  }

  /** Collapses to at most `span` buckets per sign. */
  toJSON(span = JSON_SPAN): NumericSketch {
    const out = this.copy();
    while (out.positive.span() > span || out.negative.span() > span) out.collapse();
    return { level: out.level, zero: out.zero, positive: out.positive.toJSON(), negative: out.negative.toJSON() };
  }

  static fromJSON(json: NumericSketch): LogHistogram {
    const histogram = new LogHistogram();
    while (histogram.level < json.level) histogram.collapse();
    histogram.zero = json.zero;
    for (const [store, { start, counts }] of [
      [histogram.positive, json.positive],
      [histogram.negative, json.negative],
    ] as const) {
      counts.forEach((count, i) => count > 0 && histogram.addKey(store, start + i, count, json.level));
    }
    return histogram;
  }

  /** Adds a key given at `keyLevel` (at most the current level), collapsing while it does not fit. */
  private addKey(store: KeyCounts, key: number, count = 1, keyLevel = this.level): void {
    let k = key;
    for (let level = keyLevel; level < this.level; level++) k = Math.ceil(k / 2);
    while (!store.add(k, count)) {
      this.collapse();
      k = Math.ceil(k / 2);
    }
  }

  private collapse(): void {
    this.level++;
    this.inverseLnGamma /= 2;
    this.positive.halveKeys();
    this.negative.halveKeys();
  }

  private copy(): LogHistogram {
    const copy = new LogHistogram(Number.POSITIVE_INFINITY);
    copy.raiseTo(this.level);
    copy.zero = this.zero;
    this.positive.forEach((key, count) => copy.positive.add(key, count));
    this.negative.forEach((key, count) => copy.negative.add(key, count));
    return copy;
  }
}

/** Bucket bounds at a level: bucket k of the positive store holds (γ^(k-1), γ^k]. */
export function bucketBound(level: number, key: number): number {
  return Math.exp(key * LN_GAMMA_0 * 2 ** level);
}
