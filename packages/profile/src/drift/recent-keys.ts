import { hashRange } from "../hash";

const SLOTS = 512;

/**
 * The text of a field as a string, reusing the string made the last time the same text was seen
 * in its slot: a column with few categories then makes no new string per value, and Map lookups
 * get a string whose hash V8 has already computed.
 */
export class RecentKeys {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly keys: string[] = new Array<string>(SLOTS).fill("");

  key(text: string, start: number, end: number): string {
    const hash = hashRange(text, start, end) | 0;
    const slot = hash & (SLOTS - 1);
    const known = this.keys[slot] as string;
    if (this.hashes[slot] === hash && sameText(known, text, start, end)) return known;
    const key = detach(text.slice(start, end));
    this.hashes[slot] = hash;
    this.keys[slot] = key;
    return key;
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
