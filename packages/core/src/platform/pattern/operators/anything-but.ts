import type { LeafConditions, NumberCondition, StringCondition } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";
import { isPlainObject, type JsonObject, singleEntry } from "../json-shape";
import { readComparableNumber } from "../numbers";
import {
  EqualsIgnoringCaseCondition,
  NoneOfCondition,
  NotInSetCondition,
  PrefixCondition,
  SuffixCondition,
} from "../string-conditions";
import { compileWildcardText } from "./wildcard";

const OPERAND_SHAPES =
  'a string, a number, a list of strings or of numbers, or {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": ...}';

type ExclusionFactory = (text: string, path: FieldPath) => StringCondition;

const EXCLUSION_OPERATORS: ReadonlyMap<string, ExclusionFactory> = new Map<
  string,
  ExclusionFactory
>([
  ["prefix", (text, path) => new PrefixCondition(requireNonEmpty(text, "prefix", path))],
  ["suffix", (text, path) => new SuffixCondition(requireNonEmpty(text, "suffix", path))],
  ["equals-ignore-case", (text) => new EqualsIgnoringCaseCondition(text)],
  ["wildcard", (text, path) => compileWildcardText(text, path, "anything-but wildcard")],
]);

/**
 * `anything-but` matches every present value except the excluded ones. Values of another type are
 * never excluded: `{"anything-but": "x"}` matches 5, true and null (event-ruler behaviour).
 */
export function compileAnythingBut(
  operand: unknown,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  if (typeof operand === "string") {
    excludeStrings(conditions, new NotInSetCondition([operand]));
  } else if (typeof operand === "number") {
    excludeNumbers(conditions, [readExcludedNumber(operand, path)]);
  } else if (Array.isArray(operand)) {
    compileExcludedList(operand, conditions, path);
  } else if (isPlainObject(operand)) {
    compileExcludedOperator(operand, conditions, path);
  } else {
    throw invalidPattern(
      path,
      `anything-but must be ${OPERAND_SHAPES}, got ${describeValue(operand)}`,
    );
  }
}

function compileExcludedList(
  values: readonly unknown[],
  conditions: LeafConditions,
  path: FieldPath,
): void {
  if (values.length === 0) throw invalidPattern(path, "anything-but list must not be empty");
  if (values.every((value) => typeof value === "string")) {
    excludeStrings(conditions, new NotInSetCondition(values as string[]));
    return;
  }
  if (values.every((value) => typeof value === "number")) {
    excludeNumbers(
      conditions,
      values.map((value) => readExcludedNumber(value as number, path)),
    );
    return;
  }
  throw invalidPattern(
    path,
    "anything-but list must contain only strings or only numbers (no mixing, null, booleans or objects)",
  );
}

function compileExcludedOperator(
  operand: JsonObject,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  const [operator, value] = singleEntry(operand, path, "anything-but operator object");
  const createExclusion = EXCLUSION_OPERATORS.get(operator);
  if (createExclusion === undefined) {
    throw invalidPattern(
      path,
      `anything-but does not support "${operator}"; use prefix, suffix, equals-ignore-case or wildcard`,
    );
  }
  const texts = typeof value === "string" ? [value] : value;
  if (
    !Array.isArray(texts) ||
    texts.length === 0 ||
    !texts.every((text) => typeof text === "string")
  ) {
    throw invalidPattern(
      path,
      `anything-but ${operator} must be a string or a non-empty list of strings, got ${describeValue(value)}`,
    );
  }
  excludeStrings(
    conditions,
    new NoneOfCondition(texts.map((text: string) => createExclusion(text, path))),
  );
}

function excludeStrings(conditions: LeafConditions, passes: StringCondition): void {
  conditions.stringConditions.push(passes);
  conditions.acceptAnyNonString();
}

function excludeNumbers(conditions: LeafConditions, excluded: readonly number[]): void {
  conditions.numberConditions.push(new NotAnyOfNumbers(excluded));
  conditions.acceptAnyNonNumber();
}

function readExcludedNumber(value: number, path: FieldPath): number {
  return readComparableNumber(value, path, "anything-but number");
}

function requireNonEmpty(text: string, operator: string, path: FieldPath): string {
  if (text === "") throw invalidPattern(path, `anything-but ${operator} must not be empty`);
  return text;
}

class NotAnyOfNumbers implements NumberCondition {
  private readonly excluded: ReadonlySet<number>;

  constructor(excluded: readonly number[]) {
    this.excluded = new Set(excluded);
  }

  matches(candidate: number): boolean {
    return !this.excluded.has(candidate);
  }
}
