export interface StringCondition {
  matches(candidate: string): boolean;
}

export interface NumberCondition {
  matches(candidate: number): boolean;
}

/** What one field's list of values accepts, gathered while that list is compiled. */
export class LeafConditions {
  readonly exactStrings: string[] = [];
  readonly exactNumbers: number[] = [];
  readonly stringConditions: StringCondition[] = [];
  readonly numberConditions: NumberCondition[] = [];
  acceptsAnyString = false;
  acceptsAnyNumber = false;
  acceptsTrue = false;
  acceptsFalse = false;
  acceptsNull = false;
  acceptsAbsent = false;

  acceptAnyValue(): void {
    this.acceptAnyNonString();
    this.acceptsAnyString = true;
  }

  /** anything-but over strings excludes only strings: every other JSON value passes. */
  acceptAnyNonString(): void {
    this.acceptsAnyNumber = true;
    this.acceptsTrue = true;
    this.acceptsFalse = true;
    this.acceptsNull = true;
  }

  /** anything-but over numbers excludes only numbers: every other JSON value passes. */
  acceptAnyNonNumber(): void {
    this.acceptsAnyString = true;
    this.acceptsTrue = true;
    this.acceptsFalse = true;
    this.acceptsNull = true;
  }

  acceptsSomeValue(): boolean {
    return (
      this.acceptsAnyString ||
      this.acceptsAnyNumber ||
      this.acceptsTrue ||
      this.acceptsFalse ||
      this.acceptsNull ||
      this.exactStrings.length > 0 ||
      this.exactNumbers.length > 0 ||
      this.stringConditions.length > 0 ||
      this.numberConditions.length > 0
    );
  }
}
