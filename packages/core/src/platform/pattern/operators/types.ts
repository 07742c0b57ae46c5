import type { LeafConditions } from "../conditions";
import type { FieldPath } from "../errors";

/** Validates one operator's operand and adds what it accepts to the field's conditions. */
export type OperatorCompiler = (
  operand: unknown,
  conditions: LeafConditions,
  path: FieldPath,
) => void;
