const TRACKED = 1000;
const MAX_SLOTS = 2048;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * Counts of a column's values while they are numbers, booleans (1/0) or timestamps (epoch ms), kept
 * in case a later value turns the column into text. An open-addressing table on the values' bits:
 * exact while there is room for every value; once a new value finds none, counting stops for good,
 * sparing high-cardinality columns any further work.
 */
export class TypedCounts {
  private keys = new Float64Array(16);
  private counts = new Float64Array(16);
  private size = 0;
  private full = false;

  /** Counts the value; true if it had been counted before. */
  add(value: number): boolean {
    if (this.full) return false;
    const key = value === 0 ? 0 : value;
    const mask = this.counts.length - 1;
    let slot = slotOf(key) & mask;
    for (let count = this.counts[slot] as number; count > 0; count = this.counts[slot] as number) {
      if (this.keys[slot] === key) {
        this.counts[slot] = count + 1;
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === TRACKED) {
      this.full = true;
      return false;
    }
    if (this.size * 2 >= this.counts.length && this.counts.length < MAX_SLOTS) {
      this.grow();
      return this.add(key);
    }
    this.keys[slot] = key;
    this.counts[slot] = 1;
    this.size++;
    return false;
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.counts = new Float64Array(counts.length * 2);
    const mask = this.counts.length - 1;
    counts.forEach((count, i) => {
      if (count === 0) return;
      const key = keys[i] as number;
      let slot = slotOf(key) & mask;
      while ((this.counts[slot] as number) > 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.counts[slot] = count;
    });
  }

  entries(spell: (value: number) => string): [string, number][] {
    const entries: [string, number][] = [];
    this.counts.forEach((count, slot) => {
      if (count > 0) entries.push([spell(this.keys[slot] as number), count]);
    });
    return entries;
  }
}

function slotOf(key: number): number {
  bits[0] = key;
  const h = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
