import { type FieldPath, invalidPattern } from "./errors";

export type JsonObject = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The one key/value pair of an operator object such as `{"prefix": "x"}`. */
export function singleEntry(
  operand: JsonObject,
  path: FieldPath,
  context: string,
): [string, unknown] {
  const names = Object.keys(operand);
  if (names.length !== 1) {
    const found = names.length === 0 ? "none" : names.map((name) => `"${name}"`).join(", ");
    throw invalidPattern(path, `${context} must have exactly one key, found ${found}`);
  }
  const name = names[0] as string;
  return [name, operand[name]];
}
