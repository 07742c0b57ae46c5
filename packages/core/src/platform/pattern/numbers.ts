import { describeValue, type FieldPath, invalidPattern } from "./errors";

/**
 * EventBridge documents numeric matching for values between -5.0e9 and +5.0e9 inclusive with six
 * digits after the decimal point (event-ruler's ComparableNumber enforces the same).
 */
export const NUMERIC_LIMIT = 5e9;
export const MAX_DECIMAL_PLACES = 6;

/** Validates a number used by `numeric` or a numeric `anything-but`. */
export function readComparableNumber(value: unknown, path: FieldPath, context: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidPattern(
      path,
      `${context} must be followed by a number, got ${describeValue(value)}`,
    );
  }
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) {
    throw invalidPattern(
      path,
      `${context}: ${value} is outside the supported range -5e9 to 5e9 (inclusive)`,
    );
  }
  if (decimalPlaces(value) > MAX_DECIMAL_PLACES) {
    throw invalidPattern(
      path,
      `${context}: ${value} has more than ${MAX_DECIMAL_PLACES} digits after the decimal point`,
    );
  }
  return value;
}

/** Counts fraction digits of the shortest text that round-trips the number, e.g. 1.5e-7 → 8. */
function decimalPlaces(value: number): number {
  const text = String(Math.abs(value));
  const exponentAt = text.indexOf("e");
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? 0 : Number(text.slice(exponentAt + 1));
  const dotAt = mantissa.indexOf(".");
  const fractionDigits = dotAt === -1 ? 0 : mantissa.length - dotAt - 1;
  return Math.max(0, fractionDigits - exponent);
}
