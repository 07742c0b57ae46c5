import { compileObject } from "./compile-object";
import { describeValue, invalidPattern } from "./errors";
import { isPlainObject } from "./json-shape";
import type { ObjectMatcher } from "./object-matcher";

export interface CompiledPattern {
  /** The pattern as given to compilePattern. */
  readonly source: unknown;
  /** Never throws and does no validation: all of that happened in compilePattern. */
  matches(event: unknown): boolean;
}

/**
 * Validates an EventBridge event pattern once (throwing InvalidPatternError that names the field
 * and the problem) and returns a matcher. Accepts a JSON string or a parsed object.
 */
export function compilePattern(pattern: unknown): CompiledPattern {
  const parsed = typeof pattern === "string" ? parseJson(pattern) : pattern;
  if (!isPlainObject(parsed)) {
    throw invalidPattern([], `must be a JSON object, got ${describeValue(parsed)}`);
  }
  return new CompiledEventPattern(pattern, compileObject(parsed, [], false));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidPattern([], `is not valid JSON (${(error as Error).message})`);
  }
}

class CompiledEventPattern implements CompiledPattern {
  constructor(
    readonly source: unknown,
    private readonly root: ObjectMatcher,
  ) {}

  matches(event: unknown): boolean {
    if (!isPlainObject(event)) return false;
    try {
      return this.root.matchesRecord(event);
    } catch {
      // Hostile getters or proxies in the event must not escape from a matcher.
      return false;
    }
  }
}
