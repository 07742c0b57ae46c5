import type { LeafMatcher } from "./leaf-matcher";

type EventRecord = Readonly<Record<string, unknown>>;

export interface LeafField {
  readonly name: string;
  /** Set for names such as "constructor" that a plain `record[name]` would find on the prototype. */
  readonly ownOnly: boolean;
  readonly matcher: LeafMatcher;
}

export interface NestedField {
  readonly name: string;
  readonly ownOnly: boolean;
  readonly matcher: ObjectMatcher;
}

export interface ObjectMatcherParts {
  readonly leafFields: readonly LeafField[];
  readonly nestedFields: readonly NestedField[];
  /** Each entry is one `$or`: at least one of its branches must match. */
  readonly alternatives: readonly (readonly ObjectMatcher[])[];
  /** Relative paths of `exists: false` leaves outside `$or`. */
  readonly absentLeafPaths: readonly (readonly string[])[];
  readonly matchesWhenAbsent: boolean;
}

/** Matches one object level of a pattern against the event value found at the same place. */
export class ObjectMatcher {
  private readonly leafFields: readonly LeafField[];
  private readonly nestedFields: readonly NestedField[];
  private readonly alternatives: readonly (readonly ObjectMatcher[])[];
  readonly absentLeafPaths: readonly (readonly string[])[];
  readonly matchesWhenAbsent: boolean;

  constructor(parts: ObjectMatcherParts) {
    this.leafFields = parts.leafFields;
    this.nestedFields = parts.nestedFields;
    this.alternatives = parts.alternatives;
    this.absentLeafPaths = parts.absentLeafPaths;
    this.matchesWhenAbsent = parts.matchesWhenAbsent;
  }

  matches(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return this.matchesWhenAbsent;
    if (Array.isArray(value)) return this.matchesAnyElement(value);
    return this.matchesRecord(value as EventRecord);
  }

  matchesRecord(record: EventRecord): boolean {
    for (const field of this.leafFields) {
      if (!field.matcher.matches(readField(record, field.name, field.ownOnly))) return false;
    }
    for (const field of this.nestedFields) {
      if (!field.matcher.matches(readField(record, field.name, field.ownOnly))) return false;
    }
    for (const branches of this.alternatives) {
      if (!matchesSomeBranch(branches, record)) return false;
    }
    return true;
  }

  /**
   * Array-consistent matching (event-ruler's rulesForJSONEvent): every field of this level must
   * match inside the same element. A field required to be absent must be absent from all elements.
   */
  private matchesAnyElement(elements: readonly unknown[]): boolean {
    if (elements.length === 0) return this.matchesWhenAbsent;
    for (const path of this.absentLeafPaths) {
      if (hasLeafAt(elements, path, 0)) return false;
    }
    for (const element of elements) {
      if (this.matches(element)) return true;
    }
    return false;
  }
}

function matchesSomeBranch(branches: readonly ObjectMatcher[], record: EventRecord): boolean {
  for (const branch of branches) {
    if (branch.matchesRecord(record)) return true;
  }
  return false;
}

function readField(record: EventRecord, name: string, ownOnly: boolean): unknown {
  if (ownOnly && !Object.hasOwn(record, name)) return undefined;
  return record[name];
}

function hasLeafAt(value: unknown, path: readonly string[], depth: number): boolean {
  if (Array.isArray(value)) {
    for (const element of value) {
      if (hasLeafAt(element, path, depth)) return true;
    }
    return false;
  }
  const isObject = typeof value === "object" && value !== null;
  if (depth === path.length) return value !== undefined && !isObject;
  if (!isObject) return false;
  const name = path[depth] as string;
  if (!Object.hasOwn(value, name)) return false;
  return hasLeafAt((value as EventRecord)[name], path, depth + 1);
}
