import { VisibleError } from "../errors";

export type FieldPath = readonly string[];

export class InvalidPatternError extends VisibleError {
  override readonly code = "pattern.invalid";

  constructor(
    message: string,
    readonly path: string,
  ) {
    super("input", "pattern.invalid", message);
    this.name = "InvalidPatternError";
  }
}

export function formatPath(path: FieldPath): string {
  return path.length === 0 ? "event pattern" : `"${path.join(".")}"`;
}

export function invalidPattern(path: FieldPath, problem: string): InvalidPatternError {
  return new InvalidPatternError(`${formatPath(path)}: ${problem}`, path.join("."));
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a ${typeof value}`;
}
