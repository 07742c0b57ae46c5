import type { LeafConditions, NumberCondition } from "../conditions";
import { describeValue, type FieldPath, invalidPattern } from "../errors";
import { NUMERIC_LIMIT, readComparableNumber } from "../numbers";

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

const LOWER_BOUND_OPERATORS: ReadonlyMap<string, boolean> = new Map([
  [">", false],
  [">=", true],
]);
const UPPER_BOUND_OPERATORS: ReadonlyMap<string, boolean> = new Map([
  ["<", false],
  ["<=", true],
]);
const EXAMPLE = '[">", 0, "<=", 5]';

export function compileNumeric(
  operand: unknown,
  conditions: LeafConditions,
  path: FieldPath,
): void {
  if (!Array.isArray(operand) || operand.length === 0) {
    throw invalidPattern(
      path,
      `numeric must be a non-empty array such as ${EXAMPLE}, got ${describeValue(operand)}`,
    );
  }
  if (operand[0] === "=") {
    const expected = readComparableNumber(operand[1], path, 'numeric operator "="');
    if (operand.length > 2) {
      throw invalidPattern(path, 'numeric "=" takes exactly one number and no other operators');
    }
    conditions.numberConditions.push(new NumericRange(expected, true, expected, true));
    return;
  }
  const { lower, upper } = readBounds(operand, path);
  if (lower !== undefined && upper !== undefined && lower.value >= upper.value) {
    throw invalidPattern(
      path,
      `numeric range is empty: the lower bound ${lower.value} must be less than the upper bound ${upper.value}`,
    );
  }
  conditions.numberConditions.push(
    new NumericRange(
      lower?.value ?? -NUMERIC_LIMIT,
      lower?.inclusive ?? true,
      upper?.value ?? NUMERIC_LIMIT,
      upper?.inclusive ?? true,
    ),
  );
}

/** Accepts one lower bound and/or one upper bound, lower first, as event-ruler does. */
function readBounds(
  operand: readonly unknown[],
  path: FieldPath,
): { lower?: Bound; upper?: Bound } {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    if (typeof operator !== "string") {
      throw invalidPattern(
        path,
        `numeric expects an operator ("=", ">", ">=", "<", "<=") at position ${index}, got ${describeValue(operator)}`,
      );
    }
    const lowerInclusive = LOWER_BOUND_OPERATORS.get(operator);
    const upperInclusive = UPPER_BOUND_OPERATORS.get(operator);
    if (lowerInclusive === undefined && upperInclusive === undefined) {
      const problem =
        operator === "="
          ? '"=" cannot be combined with other operators'
          : `unknown operator "${operator}"`;
      throw invalidPattern(path, `numeric: ${problem}`);
    }
    const value = readComparableNumber(operand[index + 1], path, `numeric operator "${operator}"`);
    if (lowerInclusive !== undefined) {
      if (lower !== undefined)
        throw invalidPattern(path, "numeric: more than one lower bound (> or >=)");
      if (upper !== undefined) {
        throw invalidPattern(
          path,
          `numeric: the lower bound must come before the upper bound, as in ${EXAMPLE}`,
        );
      }
      lower = { value, inclusive: lowerInclusive };
    } else {
      if (upper !== undefined)
        throw invalidPattern(path, "numeric: more than one upper bound (< or <=)");
      upper = { value, inclusive: upperInclusive ?? false };
    }
  }
  return { lower, upper };
}

/**
 * Event numbers outside ±5e9 never match, because event-ruler cannot represent them as
 * comparable numbers; an open-ended bound therefore stops at the limit.
 */
class NumericRange implements NumberCondition {
  constructor(
    private readonly lowest: number,
    private readonly lowestIncluded: boolean,
    private readonly highest: number,
    private readonly highestIncluded: boolean,
  ) {}

  matches(candidate: number): boolean {
    const aboveLowest = this.lowestIncluded ? candidate >= this.lowest : candidate > this.lowest;
    if (!aboveLowest) return false;
    return this.highestIncluded ? candidate <= this.highest : candidate < this.highest;
  }
}
