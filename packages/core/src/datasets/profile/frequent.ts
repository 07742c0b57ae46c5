import { hashString } from "./hash";
import type { TopValue } from "./schema";

export const TOP_SIZE = 20;
const TRACKED = 1000;
const MAX_VALUE_LENGTH = 200;

/**
 * Misra-Gries frequent values over 1000 counters: exact while a column has at most 1000 distinct
 * values; beyond that every kept count is a lower bound, off by at most `decrements` (n/1001), and
 * only counts above that error are reported.
 */
export class FrequentValues {
  private readonly counts = new Map<string, { n: number }>();
  private decrements = 0;

  /** Counts the value; true if it was already kept (so it has been seen before). */
  add(value: string): boolean {
    const key = value.length > MAX_VALUE_LENGTH ? longKey(value) : value;
    const kept = this.counts.get(key);
    if (kept !== undefined) {
      kept.n++;
      return true;
    }
    if (this.counts.size < TRACKED) {
      this.counts.set(detach(key), { n: 1 });
    } else {
      this.decrements++;
      for (const [k, count] of this.counts) if (--count.n === 0) this.counts.delete(k);
    }
    return false;
  }

  /** Seeds counts gathered while the column still looked typed; call before any add. */
  seed(counts: Iterable<[string, number]>): void {
    for (const [value, n] of counts) this.counts.set(value, { n });
  }

  top(): TopValue[] {
    return topOf(new Map([...this.counts].map(([value, { n }]) => [value, n])), this.decrements);
  }
}

/**
 * Counts of a column's values while they are numbers, booleans (1/0) or timestamps (epoch ms), kept
 * only in case a later value turns the column into text. Exact while there is room for every value;
 * once a new value finds none, counting stops for good, sparing high-cardinality numbers the churn.
 */
export class TypedCounts {
  private readonly counts = new Map<number, { n: number }>();
  private full = false;

  add(value: number): void {
    if (this.full) return;
    const kept = this.counts.get(value);
    if (kept !== undefined) kept.n++;
    else if (this.counts.size < TRACKED) this.counts.set(value, { n: 1 });
    else this.full = true;
  }

  entries(spell: (value: number) => string): [string, number][] {
    return [...this.counts].map(([value, { n }]) => [spell(value), n]);
  }
}

export function topOf(counts: Map<string, number>, error = 0): TopValue[] {
  return [...counts]
    .filter(([, count]) => count > error)
    .sort(([va, a], [vb, b]) => b - a || (va < vb ? -1 : va > vb ? 1 : 0))
    .slice(0, TOP_SIZE)
    .map(([value, count]) => ({ value: displayed(value), count }));
}

/** Sums top lists of separately profiled parts; a value missing from a part's list counts 0 there. */
export function mergeTops(tops: TopValue[][]): TopValue[] {
  const counts = new Map<string, number>();
  for (const top of tops) {
    for (const { value, count } of top) counts.set(value, (counts.get(value) ?? 0) + count);
  }
  return topOf(counts);
}

const LONG_KEY = "\u0000";

/** Long values are counted under a bounded key: a prefix plus a hash of the whole value. */
function longKey(value: string): string {
  return `${value.slice(0, MAX_VALUE_LENGTH - 1)}${LONG_KEY}${hashString(value).toString(36)}`;
}

function displayed(key: string): string {
  const cut = key.indexOf(LONG_KEY);
  return cut < 0 ? key : `${key.slice(0, cut)}…`;
}

/** Field strings are slices of a large chunk; a kept key must not pin the whole chunk in memory. */
function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
