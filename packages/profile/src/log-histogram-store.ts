/**
 * Counts on a window of at most `limit` consecutive keys. Inside the window an add is one array
 * increment; outside it the window grows or slides, or refuses when the keys would span too much.
 */
export class KeyCounts {
  private counts = new Float64Array(0);
  private base = 0;

  constructor(private readonly limit: number) {}

  /** False if the key would make the span exceed the limit. */
  add(key: number, count: number): boolean {
    const index = key - this.base;
    if (index >= 0 && index < this.counts.length) {
      this.counts[index] = (this.counts[index] as number) + count;
      return true;
    }
    const [low, high] = this.range() ?? [key, key];
    const from = Math.min(low, key);
    const to = Math.max(high, key);
    if (to - from + 1 > this.limit) return false;
    this.reframe(from, to);
    return this.add(key, count);
  }

  /** Lowest and highest key with a count, if any. */
  range(): [number, number] | undefined {
    const counts = this.counts;
    let first = 0;
    while (first < counts.length && counts[first] === 0) first++;
    if (first === counts.length) return undefined;
    let last = counts.length - 1;
    while (counts[last] === 0) last--;
    return [this.base + first, this.base + last];
  }

  span(): number {
    const range = this.range();
    return range ? range[1] - range[0] + 1 : 0;
  }

  forEach(visit: (key: number, count: number) => void): void {
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] as number;
      if (count > 0) visit(this.base + i, count);
    }
  }

  /** Every key k becomes ceil(k / 2): the buckets of γ² hold two buckets of γ each. */
  halveKeys(): void {
    const entries: [number, number][] = [];
    this.forEach((key, count) => {
      entries.push([Math.ceil(key / 2), count]);
    });
    this.counts.fill(0);
    for (const [key, count] of entries) this.add(key, count);
  }

  toJSON(): { start: number; counts: number[] } {
    const range = this.range();
    if (!range) return { start: 0, counts: [] };
    const [low, high] = range;
    return {
      start: low,
      counts: Array.from(this.counts.subarray(low - this.base, high - this.base + 1)),
    };
  }

  private reframe(low: number, high: number): void {
    const needed = high - low + 1;
    let size = Math.max(64, this.counts.length);
    while (size < needed) size *= 2;
    size = Math.min(size, Math.max(this.limit, needed));
    const counts = new Float64Array(size);
    const base = low - Math.floor((size - needed) / 2);
    this.forEach((key, count) => {
      counts[key - base] = count;
    });
    this.counts = counts;
    this.base = base;
  }
}
