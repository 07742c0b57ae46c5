const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** FNV-1a over the UTF-16 code units of text[start, end), finished with murmur3's fmix32 so every bit mixes. */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string): number {
  return hashRange(text, 0, text.length);
}

/** Hash of a number's value, so that "1", "1.0" and JSON 1 are one distinct value. */
export function hashNumber(value: number): number {
  bits[0] = value === 0 ? 0 : value;
  let h = (words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
