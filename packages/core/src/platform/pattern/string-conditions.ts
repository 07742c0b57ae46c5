import { FoldedText } from "./case-fold";
import type { StringCondition } from "./conditions";

export class PrefixCondition implements StringCondition {
  constructor(private readonly prefix: string) {}

  matches(candidate: string): boolean {
    return candidate.startsWith(this.prefix);
  }
}

export class SuffixCondition implements StringCondition {
  constructor(private readonly suffix: string) {}

  matches(candidate: string): boolean {
    return candidate.endsWith(this.suffix);
  }
}

export class PrefixIgnoringCaseCondition implements StringCondition {
  private readonly prefix: FoldedText;

  constructor(prefix: string) {
    this.prefix = new FoldedText(prefix);
  }

  matches(candidate: string): boolean {
    return this.prefix.isPrefixOf(candidate);
  }
}

export class SuffixIgnoringCaseCondition implements StringCondition {
  private readonly suffix: FoldedText;

  constructor(suffix: string) {
    this.suffix = new FoldedText(suffix);
  }

  matches(candidate: string): boolean {
    return this.suffix.isSuffixOf(candidate);
  }
}

export class EqualsIgnoringCaseCondition implements StringCondition {
  private readonly expected: FoldedText;

  constructor(expected: string) {
    this.expected = new FoldedText(expected);
  }

  matches(candidate: string): boolean {
    return this.expected.equals(candidate);
  }
}

/** Matches when none of the given conditions does: the shape of every `anything-but`. */
export class NoneOfCondition implements StringCondition {
  constructor(private readonly excluded: readonly StringCondition[]) {}

  matches(candidate: string): boolean {
    for (const condition of this.excluded) {
      if (condition.matches(candidate)) return false;
    }
    return true;
  }
}

export class NotInSetCondition implements StringCondition {
  private readonly excluded: ReadonlySet<string>;

  constructor(excluded: Iterable<string>) {
    this.excluded = new Set(excluded);
  }

  matches(candidate: string): boolean {
    return !this.excluded.has(candidate);
  }
}
