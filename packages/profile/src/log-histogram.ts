import { KeyCounts } from "./log-histogram-store";
import type { NumericSketch } from "./schema";

const KEYS_PER_OCTAVE_0 = 2 ** 16;
const MEMORY_SPAN = 2048;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
export const JSON_SPAN = 256;
const SMALLEST = 1e-300;

/**
 * UDDSketch: a histogram of |value| on logarithmic buckets, one store per sign plus a zero count.
 * A value's position is its binary exponent plus its mantissa fraction, log2 with the mantissa read
 * linearly (no Math.log: exact, monotone and cheap); bucket k at level L holds positions in
 * ((k-1)·2^L, k·2^L] / 2^16. When a store would need more than `span` buckets, every bucket pair
 * merges (level + 1), so resolution adapts to the data's range: fine for narrow columns, coarser for
 * wide ones. Keys at level L equal ceil(key0 / 2^L), so merged sketches equal the sketch of the union.
 */
export class LogHistogram {
  level = 0;
  zero = 0;
  private readonly positive: KeyCounts;
  private readonly negative: KeyCounts;
  private keysPerOctave = KEYS_PER_OCTAVE_0;

  constructor(span = MEMORY_SPAN) {
    this.positive = new KeyCounts(span);
    this.negative = new KeyCounts(span);
  }

  add(value: number): void {
    if (value > SMALLEST)
      this.addKey(this.positive, Math.ceil(position(value) * this.keysPerOctave));
    else if (value < -SMALLEST)
      this.addKey(this.negative, Math.ceil(position(-value) * this.keysPerOctave));
    else this.zero++;
  }

  merge(other: LogHistogram): void {
    while (this.level < other.level) this.collapse();
    const theirs = other.copy();
    while (theirs.level < this.level) theirs.collapse();
    this.zero += theirs.zero;
    theirs.positive.forEach((key, count) => {
      this.addKey(this.positive, key, count, theirs.level);
    });
    theirs.negative.forEach((key, count) => {
      this.addKey(this.negative, key, count, theirs.level);
    });
  }

  raiseTo(level: number): void {
    while (this.level < level) this.collapse();
  }

  /** Collapses to at most `span` buckets per sign. */
  toJSON(span = JSON_SPAN): NumericSketch {
    const out = this.copy();
    while (out.positive.span() > span || out.negative.span() > span) out.collapse();
    return {
      level: out.level,
      zero: out.zero,
      positive: out.positive.toJSON(),
      negative: out.negative.toJSON(),
    };
  }

  static fromJSON(json: NumericSketch): LogHistogram {
    const histogram = new LogHistogram();
    while (histogram.level < json.level) histogram.collapse();
    histogram.zero = json.zero;
    for (const [store, { start, counts }] of [
      [histogram.positive, json.positive],
      [histogram.negative, json.negative],
    ] as const) {
      counts.forEach((count, i) => {
        if (count > 0) histogram.addKey(store, start + i, count, json.level);
      });
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
    this.keysPerOctave /= 2;
    this.positive.halveKeys();
    this.negative.halveKeys();
  }

  private copy(): LogHistogram {
    const copy = new LogHistogram(Number.POSITIVE_INFINITY);
    copy.raiseTo(this.level);
    copy.zero = this.zero;
    this.positive.forEach((key, count) => {
      copy.positive.add(key, count);
    });
    this.negative.forEach((key, count) => {
      copy.negative.add(key, count);
    });
    return copy;
  }
}

/** log2(value) with the mantissa read linearly: exponent + (mantissa - 1), for value > 0 and normal. */
function position(value: number): number {
  bits[0] = value;
  const high = words[1] as number;
  return (
    (high >>> 20) - 1023 + (high & 0xfffff) / 0x100000 + (words[0] as number) / 0x10000000000000
  );
}

/** Upper bound of bucket `key` of the positive store at `level`: the value at position key·2^level/2^16. */
export function bucketBound(level: number, key: number): number {
  const at = (key * 2 ** level) / KEYS_PER_OCTAVE_0;
  const exponent = Math.floor(at);
  return 2 ** exponent * (1 + at - exponent);
}
