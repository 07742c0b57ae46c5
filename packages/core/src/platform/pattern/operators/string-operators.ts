import type { LeafConditions } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";
import { isPlainObject, singleEntry } from "../json-shape";
import {
  EqualsIgnoringCaseCondition,
  PrefixCondition,
  PrefixIgnoringCaseCondition,
  SuffixCondition,
  SuffixIgnoringCaseCondition,
} from "../string-conditions";

const EQUALS_IGNORE_CASE = "equals-ignore-case";

export function compilePrefix(operand: unknown, conditions: LeafConditions, path: FieldPath): void {
  const affix = readAffix("prefix", operand, path);
  conditions.stringConditions.push(
    affix.ignoringCase
      ? new PrefixIgnoringCaseCondition(affix.text)
      : new PrefixCondition(affix.text),
  );
}

export function compileSuffix(operand: unknown, conditions: LeafConditions, path: FieldPath): void {
  const affix = readAffix("suffix", operand, path);
  conditions.stringConditions.push(
    affix.ignoringCase
      ? new SuffixIgnoringCaseCondition(affix.text)
      : new SuffixCondition(affix.text),
  );
}

export function compileEqualsIgnoreCase(
  operand: unknown,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  if (typeof operand !== "string") {
    throw invalidPattern(
      path,
      `equals-ignore-case must be a string, got ${describeValue(operand)}`,
    );
  }
  conditions.stringConditions.push(new EqualsIgnoringCaseCondition(operand));
}

interface Affix {
  readonly text: string;
  readonly ignoringCase: boolean;
}

function readAffix(operator: string, operand: unknown, path: FieldPath): Affix {
  if (typeof operand === "string") return { text: operand, ignoringCase: false };
  if (!isPlainObject(operand)) {
    throw invalidPattern(
      path,
      `${operator} must be a string or {"${EQUALS_IGNORE_CASE}": string}, got ${describeValue(operand)}`,
    );
  }
  const [name, value] = singleEntry(operand, path, operator);
  if (name !== EQUALS_IGNORE_CASE) {
    throw invalidPattern(path, `${operator} only supports "${EQUALS_IGNORE_CASE}", got "${name}"`);
  }
  if (typeof value !== "string") {
    throw invalidPattern(
      path,
      `${operator} ${EQUALS_IGNORE_CASE} must be a string, got ${describeValue(value)}`,
    );
  }
  return { text: value, ignoringCase: true };
}
