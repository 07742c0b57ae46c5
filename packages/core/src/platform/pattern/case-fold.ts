const FIRST_NON_ASCII = 0x80;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const TO_LOWER = 0x20;

const REGION_EQUAL = 0;
const REGION_DIFFERENT = 1;
const REGION_NEEDS_UNICODE = 2;
type RegionComparison = typeof REGION_EQUAL | typeof REGION_DIFFERENT | typeof REGION_NEEDS_UNICODE;

/**
 * A pattern string lower-cased once at compile time. Comparisons fold ASCII event text in place
 * and fall back to `toLowerCase` only for non-ASCII text, so the common case allocates nothing.
 */
export class FoldedText {
  readonly folded: string;
  private readonly isAscii: boolean;

  constructor(text: string) {
    this.folded = text.toLowerCase();
    this.isAscii = isAsciiOnly(this.folded);
  }

  equals(candidate: string): boolean {
    if (this.isAscii && candidate.length === this.folded.length) {
      const comparison = compareRegion(candidate, 0, this.folded);
      if (comparison !== REGION_NEEDS_UNICODE) return comparison === REGION_EQUAL;
    } else if (this.isAscii && isAsciiOnly(candidate)) {
      return false;
    }
    return candidate.toLowerCase() === this.folded;
  }

  isPrefixOf(candidate: string): boolean {
    if (this.isAscii && candidate.length >= this.folded.length) {
      const comparison = compareRegion(candidate, 0, this.folded);
      if (comparison !== REGION_NEEDS_UNICODE) return comparison === REGION_EQUAL;
    }
    return candidate.toLowerCase().startsWith(this.folded);
  }

  isSuffixOf(candidate: string): boolean {
    if (this.isAscii && candidate.length >= this.folded.length) {
      const start = candidate.length - this.folded.length;
      const comparison = compareRegion(candidate, start, this.folded);
      if (comparison !== REGION_NEEDS_UNICODE) return comparison === REGION_EQUAL;
    }
    return candidate.toLowerCase().endsWith(this.folded);
  }
}

function compareRegion(candidate: string, start: number, folded: string): RegionComparison {
  for (let index = 0; index < folded.length; index++) {
    let code = candidate.charCodeAt(start + index);
    if (code >= FIRST_NON_ASCII) return REGION_NEEDS_UNICODE;
    if (code >= UPPER_A && code <= UPPER_Z) code += TO_LOWER;
    if (code !== folded.charCodeAt(index)) return REGION_DIFFERENT;
  }
  return REGION_EQUAL;
}

function isAsciiOnly(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) >= FIRST_NON_ASCII) return false;
  }
  return true;
}
