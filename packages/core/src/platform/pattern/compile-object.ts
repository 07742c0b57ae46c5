import { compileLeaf } from "./compile-leaf";
import { describeValue, type FieldPath, invalidPattern } from "./errors";
import { isPlainObject, type JsonObject } from "./json-shape";
import { type LeafField, type NestedField, ObjectMatcher } from "./object-matcher";
import { RESERVED_NAMES_INSIDE_OR } from "./operators/index";

const OR_KEY = "$or";
const MIN_OR_BRANCHES = 2;

/** Compiles one object level of a pattern: its fields are ANDed, each `$or` needs one branch. */
export function compileObject(
  source: JsonObject,
  path: FieldPath,
  insideOr: boolean,
): ObjectMatcher {
  const names = Object.keys(source);
  if (names.length === 0) throw invalidPattern(path, "empty objects are not allowed");
  const leafFields: LeafField[] = [];
  const nestedFields: NestedField[] = [];
  const alternatives: ObjectMatcher[][] = [];
  const absentLeafPaths: string[][] = [];

  for (const name of names) {
    const value = source[name];
    if (name === OR_KEY) {
      alternatives.push(compileOr(value, path));
      continue;
    }
    const fieldPath = [...path, name];
    if (insideOr && RESERVED_NAMES_INSIDE_OR.has(name)) {
      throw invalidPattern(
        fieldPath,
        `"${name}" is a reserved operator name and cannot be used as a field name inside $or`,
      );
    }
    const ownOnly = name in Object.prototype;
    if (Array.isArray(value)) {
      const matcher = compileLeaf(value, fieldPath);
      leafFields.push({ name, ownOnly, matcher });
      if (matcher.requiresAbsence) absentLeafPaths.push([name]);
    } else if (isPlainObject(value)) {
      const matcher = compileObject(value, fieldPath, insideOr);
      nestedFields.push({ name, ownOnly, matcher });
      for (const nestedPath of matcher.absentLeafPaths) absentLeafPaths.push([name, ...nestedPath]);
    } else {
      throw invalidPattern(
        fieldPath,
        `must be an array of values (e.g. ["value"]) or a nested object, got ${describeValue(value)}`,
      );
    }
  }

  leafFields.sort((left, right) => left.matcher.cost - right.matcher.cost);
  return new ObjectMatcher({
    leafFields,
    nestedFields,
    alternatives,
    absentLeafPaths,
    matchesWhenAbsent:
      leafFields.every((field) => field.matcher.acceptsAbsent) &&
      nestedFields.every((field) => field.matcher.matchesWhenAbsent) &&
      alternatives.every((branches) => branches.some((branch) => branch.matchesWhenAbsent)),
  });
}

function compileOr(value: unknown, path: FieldPath): ObjectMatcher[] {
  const orPath = [...path, OR_KEY];
  if (!Array.isArray(value) || value.length < MIN_OR_BRANCHES) {
    throw invalidPattern(
      orPath,
      `$or must be an array of at least ${MIN_OR_BRANCHES} pattern objects, got ${describeValue(value)}${
        Array.isArray(value) ? ` with ${value.length} item(s)` : ""
      }`,
    );
  }
  return value.map((branch: unknown, index) => {
    const branchPath = [...path, `${OR_KEY}[${index}]`];
    if (!isPlainObject(branch)) {
      throw invalidPattern(
        branchPath,
        `each $or item must be a pattern object, got ${describeValue(branch)}`,
      );
    }
    return compileObject(branch, branchPath, true);
  });
}
