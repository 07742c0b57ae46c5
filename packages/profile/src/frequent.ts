import { hashString } from "./hash";
import type { TopValue } from "./schema";

export const TOP_SIZE = 20;
const TRACKED = 1000;
const MAX_SLOTS = 2048;
const MAX_VALUE_LENGTH = 200;

/**
 * Misra-Gries frequent values over 1000 counters: exact while a column has at most 1000 distinct
 * values; beyond that every kept count is a lower bound, off by at most `decrements` (n/1001), and
 * only counts above that error are reported. The counters live in an open-addressing table keyed
 * by the caller's hash of the text, so a value already kept is counted without making a string.
 */
export class FrequentValues {
  private hashes = new Int32Array(16);
  private counts = new Float64Array(16);
  private keys: string[] = new Array<string>(16).fill("");
  private mask = 15;
  private size = 0;
  private decrements = 0;

  /** Counts text[start, end), whose hashRange is `hash`; true if it was already kept (so seen before). */
  addRange(text: string, start: number, end: number, hash: number): boolean {
    if (end - start > MAX_VALUE_LENGTH) return this.add(longKey(text.slice(start, end)));
    const mask = this.mask;
    let slot = hash & mask;
    for (let count = this.counts[slot] as number; count > 0; count = this.counts[slot] as number) {
      if (
        this.hashes[slot] === (hash | 0) &&
        sameText(this.keys[slot] as string, text, start, end)
      ) {
        this.counts[slot] = count + 1;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === TRACKED) {
      this.decrementAll();
    } else if (this.size * 2 >= this.counts.length && this.counts.length < MAX_SLOTS) {
      this.rebuild(this.counts.length * 2, 0);
      this.put(this.freeSlot(hash), detach(text.slice(start, end)), hash, 1);
    } else {
      this.put(slot, detach(text.slice(start, end)), hash, 1);
    }
    return false;
  }

  add(value: string): boolean {
    return this.addRange(value, 0, value.length, hashString(value));
  }

  /** Counts gathered while the column still looked typed; called once, before any add. */
  seed(counts: Iterable<[string, number]>): void {
    for (const [value, n] of counts) {
      if (n === 0) continue;
      this.add(value);
      this.counts[this.find(value)] = n;
    }
  }

  top(): TopValue[] {
    const counts = new Map<string, number>();
    this.counts.forEach((count, slot) => {
      if (count > 0) counts.set(this.keys[slot] as string, count);
    });
    return topOf(counts, this.decrements);
  }

  private find(value: string): number {
    let slot = hashString(value) & this.mask;
    while (this.keys[slot] !== value) slot = (slot + 1) & this.mask;
    return slot;
  }

  private freeSlot(hash: number): number {
    let slot = hash & this.mask;
    while ((this.counts[slot] as number) > 0) slot = (slot + 1) & this.mask;
    return slot;
  }

  private put(slot: number, key: string, hash: number, count: number): void {
    this.hashes[slot] = hash;
    this.keys[slot] = key;
    this.counts[slot] = count;
    this.size++;
  }

  /** Misra-Gries' step for a new value with no free counter: every count drops by one. */
  private decrementAll(): void {
    this.decrements++;
    this.rebuild(this.counts.length, 1);
  }

  /** Re-inserts every entry into `slots` slots, less `minus` from each count, dropping those at zero. */
  private rebuild(slots: number, minus: number): void {
    const kept: [string, number, number][] = [];
    this.counts.forEach((count, slot) => {
      if (count > minus)
        kept.push([this.keys[slot] as string, this.hashes[slot] as number, count - minus]);
    });
    this.hashes = new Int32Array(slots);
    this.counts = new Float64Array(slots);
    this.keys = new Array<string>(slots).fill("");
    this.mask = slots - 1;
    this.size = 0;
    for (const [key, hash, count] of kept) this.put(this.freeSlot(hash), key, hash, count);
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

function sameText(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++)
    if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
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
