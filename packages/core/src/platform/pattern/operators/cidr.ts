import { CidrSyntaxError, compileCidr as compileCidrText } from "../cidr";
import type { LeafConditions } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";

export function compileCidr(operand: unknown, conditions: LeafConditions, path: FieldPath): void {
  if (typeof operand !== "string") {
    throw invalidPattern(
      path,
      `cidr must be a string such as "10.0.0.0/24", got ${describeValue(operand)}`,
    );
  }
  try {
    conditions.stringConditions.push(compileCidrText(operand));
  } catch (error) {
    if (error instanceof CidrSyntaxError) {
      throw invalidPattern(path, `cidr ${JSON.stringify(operand)}: ${error.message}`);
    }
    throw error;
  }
}
