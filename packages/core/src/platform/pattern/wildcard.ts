import type { StringCondition } from "./conditions";

export class WildcardSyntaxError extends Error {}

const STAR = "*";
const BACKSLASH = "\\";

/**
 * Parses an EventBridge wildcard: `*` matches any run of characters, `\*` is a literal star and
 * `\\` a literal backslash. Consecutive stars and any other escape are rejected, as in event-ruler.
 */
export function parseWildcard(pattern: string): WildcardMatcher {
  const segments: string[] = [];
  let literal = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charAt(index);
    if (char === STAR) {
      if (pattern.charAt(index + 1) === STAR) {
        throw new WildcardSyntaxError(
          `consecutive wildcard characters ("**") at position ${index} are not allowed`,
        );
      }
      segments.push(literal);
      literal = "";
    } else if (char === BACKSLASH) {
      const escaped = pattern.charAt(index + 1);
      if (escaped !== STAR && escaped !== BACKSLASH) {
        throw new WildcardSyntaxError(
          `invalid escape at position ${index}: a backslash may only escape "*" or "\\"`,
        );
      }
      literal += escaped;
      index++;
    } else {
      literal += char;
    }
  }
  segments.push(literal);
  return new WildcardMatcher(segments);
}

/**
 * Literal segments between stars, matched left to right with the first segment anchored at the
 * start and the last at the end. Greedy leftmost placement of the middle segments is exact for a
 * star-only glob and runs in linear time, so no pattern can cause catastrophic backtracking.
 */
export class WildcardMatcher implements StringCondition {
  private readonly head: string;
  private readonly middle: readonly string[];
  private readonly tail: string;
  private readonly hasWildcard: boolean;

  constructor(segments: readonly string[]) {
    this.head = segments[0] ?? "";
    this.hasWildcard = segments.length > 1;
    this.tail = this.hasWildcard ? (segments[segments.length - 1] ?? "") : "";
    this.middle = segments.slice(1, -1);
  }

  matches(candidate: string): boolean {
    if (!this.hasWildcard) return candidate === this.head;
    if (candidate.length < this.head.length + this.tail.length) return false;
    if (!candidate.startsWith(this.head) || !candidate.endsWith(this.tail)) return false;
    const end = candidate.length - this.tail.length;
    let position = this.head.length;
    for (const segment of this.middle) {
      const found = candidate.indexOf(segment, position);
      if (found === -1 || found + segment.length > end) return false;
      position = found + segment.length;
    }
    return true;
  }
}
