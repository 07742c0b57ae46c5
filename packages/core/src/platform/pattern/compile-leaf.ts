import { compileIpAddressValue } from "./cidr";
import { LeafConditions } from "./conditions";
import { describeValue, type FieldPath, invalidPattern } from "./errors";
import { isPlainObject, type JsonObject, singleEntry } from "./json-shape";
import { LeafMatcher } from "./leaf-matcher";
import { OPERATORS } from "./operators/index";

const SUPPORTED_OPERATORS = [...OPERATORS.keys()].join(", ");

/** Compiles a field's list of values; the field matches when any one of them does. */
export function compileLeaf(values: readonly unknown[], path: FieldPath): LeafMatcher {
  if (values.length === 0) {
    throw invalidPattern(path, "empty arrays are not allowed; list at least one value");
  }
  const conditions = new LeafConditions();
  for (const value of values) addValue(value, conditions, path);
  return new LeafMatcher(conditions);
}

function addValue(value: unknown, conditions: LeafConditions, path: FieldPath): void {
  switch (typeof value) {
    case "string": {
      conditions.exactStrings.push(value);
      const sameAddress = compileIpAddressValue(value);
      if (sameAddress !== null) conditions.stringConditions.push(sameAddress);
      return;
    }
    case "number":
      if (!Number.isFinite(value)) throw invalidPattern(path, `${value} is not a JSON number`);
      conditions.exactNumbers.push(value);
      return;
    case "boolean":
      if (value) conditions.acceptsTrue = true;
      else conditions.acceptsFalse = true;
      return;
  }
  if (value === null) {
    conditions.acceptsNull = true;
    return;
  }
  if (isPlainObject(value)) {
    compileOperator(value, conditions, path);
    return;
  }
  throw invalidPattern(
    path,
    `each value must be a string, number, boolean, null or an operator object such as {"prefix": "..."}, got ${describeValue(value)}`,
  );
}

function compileOperator(
  expression: JsonObject,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  const [operator, operand] = singleEntry(expression, path, "a match expression");
  const compile = OPERATORS.get(operator);
  if (compile === undefined) {
    throw invalidPattern(
      path,
      `unknown operator "${operator}" (supported: ${SUPPORTED_OPERATORS})`,
    );
  }
  compile(operand, conditions, path);
}
