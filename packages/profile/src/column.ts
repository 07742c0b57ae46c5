import { DistinctCounter, valueHash } from "./distinct";
import { FrequentValues } from "./frequent";
import { hashNumber, hashRange } from "./hash";
import { ANY, BOOLEAN, NUMBER, TIMESTAMP, typeOfKinds } from "./kinds";
import { LogHistogram } from "./log-histogram";
import { Moments } from "./moments";
import type { ColumnProfile } from "./schema";
import { parseTimestamp, scanBoolean, scanNumber } from "./text-values";
import { TypedCounts } from "./typed-counts";

/**
 * One column's profile, built in one pass. Every value narrows `kinds`, the types all values so far
 * fit; the first value picks one family (numbers, booleans or timestamps), so at most one family's
 * accumulators run, and they are dropped as soon as a value breaks it (the column becomes a string).
 * While a column is typed its values are counted by value (TypedCounts), so if it turns into text
 * its top values are still known. Distinct values are hashed once, when first seen; numbers by
 * value, so "1", "1.0" and JSON 1 are one value.
 */
export class ColumnAccumulator {
  count = 0;
  private kinds: number;
  private readonly distinct = new DistinctCounter();
  private readonly frequent = new FrequentValues();
  private typed: TypedCounts | undefined = new TypedCounts();
  private moments: Moments | undefined = new Moments();
  private sketch: LogHistogram | undefined = new LogHistogram();
  private readonly scanned = { value: 0 };
  private trues = 0;
  private falses = 0;
  private earliest = Number.POSITIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    declared = ANY,
  ) {
    this.kinds = declared;
  }

  /** A CSV field, text[start, end): its text decides its type. */
  addRange(text: string, start: number, end: number): void {
    if (start === end) return;
    this.count++;
    const kinds = this.kinds;
    if (kinds & NUMBER) {
      const kind = scanNumber(text, start, end, this.scanned);
      if (kind !== 0 && this.narrow(kind)) {
        const value = this.scanned.value;
        if (!this.addNumber(value)) this.distinct.addHash(hashNumber(value));
        return;
      }
    }
    if (kinds & BOOLEAN) {
      const value = scanBoolean(text, start, end);
      if (value >= 0 && this.narrow(BOOLEAN)) {
        this.addBoolean(value === 1);
        return;
      }
    }
    if (kinds & TIMESTAMP) {
      const value = parseTimestamp(text.slice(start, end));
      if (!Number.isNaN(value) && this.narrow(TIMESTAMP)) {
        if (!this.addTimestamp(value)) this.distinct.addHash(hashRange(text, start, end));
        return;
      }
    }
    this.narrow(0);
    this.addAsText(text, start, end);
  }

  profile(rows: number): ColumnProfile {
    const type = typeOfKinds(this.kinds);
    const base = { name: this.name, type, count: this.count, missing: rows - this.count };
    const distinct = this.distinct.estimate();
    const sketch = { distinct: this.distinct.toJSON() };
    if (
      (type === "integer" || type === "number") &&
      this.moments &&
      this.moments.count > 0 &&
      this.sketch
    ) {
      const { min, max, mean, std } = this.moments;
      const numeric = this.sketch.toJSON();
      return {
        ...base,
        distinct,
        min,
        max,
        mean,
        ...(std === undefined ? {} : { std }),
        sketch: { ...sketch, numeric },
      };
    }
    if (type === "boolean") {
      const top = this.booleanCounts().map(([value, count]) => ({ value, count }));
      const spelled = new DistinctCounter();
      for (const { value } of top) spelled.add(value);
      return { ...base, distinct: top.length, top, sketch: { distinct: spelled.toJSON() } };
    }
    if (type === "timestamp" && this.count > 0) {
      return { ...base, distinct, min: this.earliest, max: this.latest, sketch };
    }
    return {
      ...base,
      distinct,
      ...(type === "string" ? { top: this.frequent.top() } : {}),
      sketch,
    };
  }

  /**
   * A JSON or Parquet value of one kind, read as `value`; `raw` is spelled out only if needed. Narrows
   * first, so a value that demotes the column is counted as text.
   */
  addTyped(kind: number, value: number, raw: number | bigint | boolean | string | Date): void {
    this.count++;
    if (!this.narrow(kind)) {
      const text = spelled(raw);
      this.addAsText(text, 0, text.length);
    } else if (kind & NUMBER) {
      if (!this.addNumber(value)) this.distinct.addHash(hashNumber(value));
    } else if (kind === BOOLEAN) {
      this.addBoolean(value === 1);
    } else if (!this.addTimestamp(value)) {
      this.distinct.add(spelled(raw));
    }
  }

  /** True while the column may still hold values of `kind`, e.g. timestamps. */
  accepts(kind: number): boolean {
    return (this.kinds & kind) !== 0;
  }

  /** A value that is text whatever else the column holds (a JSON string, an object): the column is text. */
  addText(text: string): void {
    this.count++;
    this.narrow(0);
    this.addAsText(text, 0, text.length);
  }

  /** A value already kept by `frequent` was counted as distinct when first seen: no need to again. */
  private addAsText(text: string, start: number, end: number): void {
    const hash = hashRange(text, start, end);
    if (!this.frequent.addRange(text, start, end, hash))
      this.distinct.addHash(valueHash(text, start, end, hash));
  }

  /** True if the same number was counted before, so its text needs no hashing for distinct. */
  private addNumber(value: number): boolean {
    this.moments?.add(value);
    this.sketch?.add(value);
    return this.typed?.add(value) ?? false;
  }

  private addBoolean(value: boolean): void {
    if (value) this.trues++;
    else this.falses++;
  }

  private addTimestamp(value: number): boolean {
    if (value < this.earliest) this.earliest = value;
    if (value > this.latest) this.latest = value;
    return this.typed?.add(value) ?? false;
  }

  /** Booleans are counted, not hashed: their distinct values are "true" and "false", most frequent first. */
  private booleanCounts(): [string, number][] {
    const counts: [string, number][] = [
      ["true", this.trues],
      ["false", this.falses],
    ];
    return counts.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  }

  /** Keeps only the types this value also fits; false once the column can only be a string. */
  private narrow(kind: number): boolean {
    const before = this.kinds;
    this.kinds &= kind;
    if (this.kinds !== 0) return true;
    if (before !== 0) this.becomeText(before);
    return false;
  }

  /** The column turned out to be text: what was counted by value seeds the frequent values. */
  private becomeText(before: number): void {
    if (before & BOOLEAN) {
      this.frequent.seed(this.booleanCounts());
      for (const [value] of this.booleanCounts()) this.distinct.add(value);
    } else if (this.typed && before & TIMESTAMP) {
      this.frequent.seed(this.typed.entries((ms) => new Date(ms).toISOString()));
    } else if (this.typed) {
      this.frequent.seed(this.typed.entries(String));
    }
    this.typed = undefined;
    this.moments = undefined;
    this.sketch = undefined;
  }
}

function spelled(raw: number | bigint | boolean | string | Date): string {
  return raw instanceof Date ? raw.toISOString() : String(raw);
}
