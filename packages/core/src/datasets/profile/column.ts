import { DistinctCounter } from "./distinct";
import { FrequentValues, TypedCounts } from "./frequent";
import { ANY, BOOLEAN, INTEGER, NUMBER, TIMESTAMP, typeOfKinds } from "./kinds";
import { LogHistogram } from "./log-histogram";
import { Moments } from "./moments";
import type { ColumnProfile } from "./schema";
import { parseTimestamp, scanBoolean, scanNumber } from "./text-values";

/**
 * One column's profile, built in one pass. Every value narrows `kinds`, the types all values so far
 * fit; the first value picks one family (numbers, booleans or timestamps), so at most one family's
 * accumulators run, and they are dropped as soon as a value breaks it (the column becomes a string).
 * While a column is typed its values are counted by value (TypedCounts), so if it turns into text
 * its top values are still known. Distinct counts spellings (CSV "1" and "1.0" are two), except
 * for booleans.
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
    if (kinds !== 0) {
      this.distinct.addRange(text, start, end);
      if (kinds & NUMBER) {
        const kind = scanNumber(text, start, end, this.scanned);
        if (kind !== 0 && this.narrow(kind)) return this.addNumber(this.scanned.value);
      }
      if (kinds & BOOLEAN) {
        const value = scanBoolean(text, start, end);
        if (value >= 0 && this.narrow(BOOLEAN)) return this.addBoolean(value === 1);
      }
      if (kinds & TIMESTAMP) {
        const value = parseTimestamp(text.slice(start, end));
        if (!Number.isNaN(value) && this.narrow(TIMESTAMP)) return this.addTimestamp(value);
      }
      this.narrow(0);
      this.frequent.add(text.slice(start, end));
      return;
    }
    const value = text.slice(start, end);
    if (!this.frequent.add(value)) this.distinct.addRange(text, start, end);
  }

  addText(text: string): void {
    this.addRange(text, 0, text.length);
  }

  /** A typed value (JSON, Parquet, live data): JSON strings are strings unless they are ISO 8601 timestamps. */
  addValue(value: unknown): void {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) return;
        return this.addTyped(Number.isInteger(value) ? INTEGER | NUMBER : NUMBER, String(value), value);
      case "bigint":
        return this.addTyped(INTEGER | NUMBER, value.toString(), Number(value));
      case "boolean":
        return this.addTyped(BOOLEAN, String(value), value ? 1 : 0);
      case "string":
        return this.addJsonString(value);
      case "object":
        return this.addObject(value);
    }
  }

  profile(rows: number): ColumnProfile {
    const type = typeOfKinds(this.kinds);
    const base = { name: this.name, type, count: this.count, missing: rows - this.count };
    const distinct = this.distinct.estimate();
    const sketch = { distinct: this.distinct.toJSON() };
    if ((type === "integer" || type === "number") && this.moments && this.moments.count > 0 && this.sketch) {
      const { min, max, mean, std } = this.moments;
      const numeric = this.sketch.toJSON();
      return { ...base, distinct, min, max, mean, ...(std === undefined ? {} : { std }), sketch: { ...sketch, numeric } };
    }
    if (type === "boolean") {
      const top = [
        { value: "true", count: this.trues },
        { value: "false", count: this.falses },
      ].filter((t) => t.count > 0);
      return { ...base, distinct: top.length, top: top.sort((a, b) => b.count - a.count), sketch };
    }
    if (type === "timestamp" && this.count > 0) {
      return { ...base, distinct, min: this.earliest, max: this.latest, sketch };
    }
    return { ...base, distinct, ...(type === "string" ? { top: this.frequent.top() } : {}), sketch };
  }

  /** Narrows by a typed value's kind first, so a value that demotes the column is counted as text. */
  private addTyped(kind: number, text: string, value: number): void {
    const typed = this.narrow(kind);
    this.counted(text);
    if (!typed) return;
    if (kind & NUMBER) this.addNumber(value);
    else if (kind === BOOLEAN) this.addBoolean(value === 1);
    else this.addTimestamp(value);
  }

  private addJsonString(value: string): void {
    if (value.length === 0) return;
    const time = this.kinds & TIMESTAMP ? parseTimestamp(value) : Number.NaN;
    if (Number.isNaN(time)) {
      this.narrow(0);
      this.counted(value);
    } else {
      this.addTyped(TIMESTAMP, value, time);
    }
  }

  private addObject(value: object | null): void {
    if (value === null) return;
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) this.addTyped(TIMESTAMP, value.toISOString(), value.getTime());
      return;
    }
    this.narrow(0);
    if (!ArrayBuffer.isView(value)) return this.counted(JSON.stringify(value));
    this.counted(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"));
  }

  /** Counts a non-missing value by its text; typed values are counted by value in addNumber & co. */
  private counted(text: string): void {
    this.count++;
    if (this.kinds !== 0) this.distinct.add(text);
    else if (!this.frequent.add(text)) this.distinct.add(text);
  }

  private addNumber(value: number): void {
    this.typed?.add(value);
    this.moments?.add(value);
    this.sketch?.add(value);
  }

  private addBoolean(value: boolean): void {
    if (value) this.trues++;
    else this.falses++;
  }

  private addTimestamp(value: number): void {
    this.typed?.add(value);
    if (value < this.earliest) this.earliest = value;
    if (value > this.latest) this.latest = value;
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
      this.frequent.seed([
        ["true", this.trues],
        ["false", this.falses],
      ]);
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
