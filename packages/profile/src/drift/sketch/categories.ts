import { hashString } from "../../hash";

/** Categories counted exactly; past this many, Misra–Gries keeps the frequent ones. */
export const MAX_CATEGORIES = 1000;
const MAX_KEY_LENGTH = 200;

export interface CategoryDriftJson {
  /** Values counted, kept or not. */
  total: number;
  /** Largest count first, ties by key: the same counts give the same JSON, whatever the order seen. */
  counts: [string, number][];
}

/**
 * Counts per category. Exact while at most MAX_CATEGORIES distinct categories are seen; beyond,
 * a Misra–Gries summary (mergeable as Agarwal et al. merge them): every kept count is low by at
 * most (total − Σ kept) / (MAX_CATEGORIES + 1), and the mass not kept is `other()`.
 */
export class CategoryDriftSketch {
  total = 0;
  private readonly counts = new Map<string, number>();

  add(category: string, count = 1): void {
    this.total += count;
    const key = boundedKey(category);
    const seen = this.counts.get(key);
    if (seen !== undefined) this.counts.set(key, seen + count);
    else if (this.counts.size < MAX_CATEGORIES) this.counts.set(key, count);
    else {
      const by = Math.min(count, this.smallest());
      this.decrementAll(by);
      if (count > by) this.counts.set(key, count - by);
    }
  }

  merge(other: CategoryDriftSketch): void {
    this.total += other.total;
    for (const [key, count] of other.counts)
      this.counts.set(key, (this.counts.get(key) ?? 0) + count);
    if (this.counts.size <= MAX_CATEGORIES) return;
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    this.decrementAll(sorted[MAX_CATEGORIES] as number);
  }

  /** The count not attributed to a kept category: 0 while exact. */
  other(): number {
    let kept = 0;
    for (const count of this.counts.values()) kept += count;
    return this.total - kept;
  }

  entries(): ReadonlyMap<string, number> {
    return this.counts;
  }

  toJSON(): CategoryDriftJson {
    const counts = [...this.counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    return { total: this.total, counts };
  }

  static fromJSON(json: CategoryDriftJson): CategoryDriftSketch {
    const sketch = new CategoryDriftSketch();
    for (const [key, count] of json.counts) sketch.counts.set(key, count);
    sketch.total = json.total;
    return sketch;
  }

  private smallest(): number {
    let least = Number.POSITIVE_INFINITY;
    for (const count of this.counts.values()) if (count < least) least = count;
    return least;
  }

  /** Misra–Gries' step: every count drops by `by`, and counts that reach 0 are forgotten. */
  private decrementAll(by: number): void {
    for (const [key, count] of this.counts) {
      if (count <= by) this.counts.delete(key);
      else this.counts.set(key, count - by);
    }
  }
}

/** A long category is kept as a prefix and a hash of the whole, so JSON stays bounded. */
function boundedKey(category: string): string {
  if (category.length <= MAX_KEY_LENGTH) return category;
  return `${category.slice(0, MAX_KEY_LENGTH - 10)}…#${hashString(category).toString(36)}`;
}
