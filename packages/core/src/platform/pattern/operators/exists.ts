import type { LeafConditions } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";

/** `exists: true` accepts any value, null included; `exists: false` accepts only absence. */
export function compileExists(operand: unknown, conditions: LeafConditions, path: FieldPath): void {
  if (typeof operand !== "boolean") {
    throw invalidPattern(path, `exists must be true or false, got ${describeValue(operand)}`);
  }
  if (operand) {
    conditions.acceptAnyValue();
  } else {
    conditions.acceptsAbsent = true;
  }
}
