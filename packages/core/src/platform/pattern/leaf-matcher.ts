import type { LeafConditions, NumberCondition, StringCondition } from "./conditions";

const NO_LEAF = 0;
const LEAF_WITHOUT_MATCH = 1;
const MATCHED = 2;
type ArrayScan = typeof NO_LEAF | typeof LEAF_WITHOUT_MATCH | typeof MATCHED;

const LINEAR_SCAN_LIMIT = 8;

/** Matches the value found at one field of the event against that field's list of values. */
export class LeafMatcher {
  private readonly exactStrings: readonly string[];
  private readonly exactStringSet: ReadonlySet<string> | null;
  private readonly exactNumbers: ReadonlySet<number>;
  private readonly stringConditions: readonly StringCondition[];
  private readonly numberConditions: readonly NumberCondition[];
  private readonly acceptsAnyString: boolean;
  private readonly acceptsAnyNumber: boolean;
  private readonly acceptsTrue: boolean;
  private readonly acceptsFalse: boolean;
  private readonly acceptsNull: boolean;
  readonly acceptsAbsent: boolean;
  /** True when the list is only `exists: false`, so absence can be checked across array elements. */
  readonly requiresAbsence: boolean;
  /** Rough evaluation cost, so cheap fields are checked (and can fail) first. */
  readonly cost: number;

  constructor(conditions: LeafConditions) {
    this.exactStrings = [...new Set(conditions.exactStrings)];
    this.exactStringSet =
      this.exactStrings.length > LINEAR_SCAN_LIMIT ? new Set(this.exactStrings) : null;
    this.exactNumbers = new Set(conditions.exactNumbers);
    this.stringConditions = [...conditions.stringConditions];
    this.numberConditions = [...conditions.numberConditions];
    this.acceptsAnyString = conditions.acceptsAnyString;
    this.acceptsAnyNumber = conditions.acceptsAnyNumber;
    this.acceptsTrue = conditions.acceptsTrue;
    this.acceptsFalse = conditions.acceptsFalse;
    this.acceptsNull = conditions.acceptsNull;
    this.acceptsAbsent = conditions.acceptsAbsent;
    this.requiresAbsence = conditions.acceptsAbsent && !conditions.acceptsSomeValue();
    this.cost = this.stringConditions.length + this.numberConditions.length;
  }

  matches(value: unknown): boolean {
    switch (typeof value) {
      case "string":
        return this.matchesString(value);
      case "number":
        return this.matchesNumber(value);
      case "boolean":
        return value ? this.acceptsTrue : this.acceptsFalse;
      case "undefined":
        return this.acceptsAbsent;
      case "object":
        if (value === null) return this.acceptsNull;
        if (Array.isArray(value)) {
          const scan = this.scanArray(value);
          return scan === MATCHED || (scan === NO_LEAF && this.acceptsAbsent);
        }
        // An object where the pattern expects a value means the leaf itself is absent.
        return this.acceptsAbsent;
      default:
        return false;
    }
  }

  private scanArray(values: readonly unknown[]): ArrayScan {
    let scan: ArrayScan = NO_LEAF;
    for (const element of values) {
      if (element === undefined) continue;
      if (typeof element === "object" && element !== null) {
        if (!Array.isArray(element)) continue;
        const nested = this.scanArray(element);
        if (nested === MATCHED) return MATCHED;
        if (nested === LEAF_WITHOUT_MATCH) scan = LEAF_WITHOUT_MATCH;
        continue;
      }
      if (this.matches(element)) return MATCHED;
      scan = LEAF_WITHOUT_MATCH;
    }
    return scan;
  }

  private matchesString(value: string): boolean {
    if (this.acceptsAnyString) return true;
    if (this.exactStringSet !== null) {
      if (this.exactStringSet.has(value)) return true;
    } else {
      for (const exact of this.exactStrings) {
        if (exact === value) return true;
      }
    }
    for (const condition of this.stringConditions) {
      if (condition.matches(value)) return true;
    }
    return false;
  }

  private matchesNumber(value: number): boolean {
    if (this.acceptsAnyNumber) return true;
    if (this.exactNumbers.size > 0 && this.exactNumbers.has(value)) return true;
    for (const condition of this.numberConditions) {
      if (condition.matches(value)) return true;
    }
    return false;
  }
}
