import { type CompiledPattern, compilePattern } from "./compile";

export { type CompiledPattern, compilePattern } from "./compile";
export { InvalidPatternError } from "./errors";

/** Convenience: compilePattern(pattern).matches(event). */
export function testPattern(pattern: unknown, event: unknown): boolean {
  const compiled: CompiledPattern = compilePattern(pattern);
  return compiled.matches(event);
}
