import type { LeafConditions, StringCondition } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";
import { parseWildcard, WildcardSyntaxError } from "../wildcard";

export function compileWildcard(
  operand: unknown,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  if (typeof operand !== "string") {
    throw invalidPattern(path, `wildcard must be a string, got ${describeValue(operand)}`);
  }
  conditions.stringConditions.push(compileWildcardText(operand, path, "wildcard"));
}

export function compileWildcardText(
  text: string,
  path: FieldPath,
  context: string,
): StringCondition {
  try {
    return parseWildcard(text);
  } catch (error) {
    if (error instanceof WildcardSyntaxError) {
      throw invalidPattern(path, `${context} ${JSON.stringify(text)}: ${error.message}`);
    }
    throw error;
  }
}
