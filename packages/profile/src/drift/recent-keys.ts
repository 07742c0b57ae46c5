import { hashRange } from "../hash";

const SLOTS = 256;

/** Where counted categories end up. */
export interface CategoryTarget {
  add(key: string, count: number): void;
}

/**
 * Counts of field texts held per slot until the slot is needed for another text: a column with
 * few categories then makes no string and no Map update per value. `flush` hands every held
 * count to the target; call it before reading the target.
 */
export class PendingCounts {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly counts = new Float64Array(SLOTS);
  private readonly keys: string[] = new Array<string>(SLOTS).fill("");
  private held = false;

  add(text: string, start: number, end: number, target: CategoryTarget): void {
    const hash = hashRange(text, start, end) | 0;
    const slot = hash & (SLOTS - 1);
    const count = this.counts[slot] as number;
    if (
      count > 0 &&
      this.hashes[slot] === hash &&
      sameText(this.keys[slot] as string, text, start, end)
    ) {
      this.counts[slot] = count + 1;
      return;
    }
    if (count > 0) target.add(this.keys[slot] as string, count);
    this.hashes[slot] = hash;
    this.keys[slot] = detach(text.slice(start, end));
    this.counts[slot] = 1;
    this.held = true;
  }

  flush(target: CategoryTarget): void {
    if (!this.held) return;
    for (let slot = 0; slot < SLOTS; slot++) {
      const count = this.counts[slot] as number;
      if (count > 0) target.add(this.keys[slot] as string, count);
    }
    this.counts.fill(0);
    this.held = false;
  }
}

function sameText(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++)
    if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** A slice of a large chunk would keep the whole chunk alive; a kept key gets its own copy. */
function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
