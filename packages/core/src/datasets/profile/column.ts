import { DistinctCounter } from "./distinct";
import { FrequentValues } from "./frequent";
import { ANY, BOOLEAN, INTEGER, NUMBER, TIMESTAMP, typeOfKinds } from "./kinds";
import { Moments } from "./moments";
import { LogHistogram } from "./log-histogram";
import type { ColumnProfile } from "./schema";
import { parseBoolean, parseTimestamp, scanNumber } from "./text-values";

/**
 * One column's profile, built in one pass. Every value narrows `kinds`, the types all values so far
 * fit; the first value picks one family (numbers, booleans or timestamps), so at most one family's
 * accumulators run, and they are dropped as soon as a value breaks it (the column becomes a string).
 * Distinct and frequent values are counted for every column (frequent ones only while there is
 * room until the column is a string), so a late demotion still has its top values.
 * Distinct counts spellings (CSV "1" and "1.0" are two), except for booleans.
 */
export class ColumnAccumulator {
  count = 0;
  private kinds: number;
  private readonly distinct = new DistinctCounter();
  private readonly frequent = new FrequentValues();
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

  /** A CSV field: its text decides its type. */
  addText(text: string): void {
    if (text.length === 0) return;
    this.count++;
    this.classify(text);
    this.track(text);
  }

  /** A typed value (JSON, Parquet, live data): JSON strings are strings unless they are ISO 8601 timestamps. */
  addValue(value: unknown): void {
    const text = this.classifyValue(value);
    if (text === undefined) return;
    this.count++;
    this.track(text);
  }

  /** A value already kept by `frequent` was counted as distinct when first seen: no need to hash it again. */
  private track(text: string): void {
    const seen = this.kinds === 0 ? this.frequent.add(text) : this.frequent.addWhileRoom(text);
    if (!seen) this.distinct.add(text);
  }

  private classify(text: string): void {
    const kinds = this.kinds;
    if (kinds === 0) return;
    if (kinds & NUMBER) {
      const kind = scanNumber(text, this.scanned);
      if (kind !== 0) return this.addNumber(this.scanned.value, kind);
    }
    if (kinds & BOOLEAN) {
      const value = parseBoolean(text);
      if (value !== undefined) return this.addBoolean(value);
    }
    if (kinds & TIMESTAMP) {
      const value = parseTimestamp(text);
      if (!Number.isNaN(value)) return this.addTimestamp(value);
    }
    this.narrow(0);
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

  /** Narrows the type by one typed value and returns its text, or undefined when it is missing. */
  private classifyValue(value: unknown): string | undefined {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) return undefined;
        this.addNumber(value, Number.isInteger(value) ? INTEGER | NUMBER : NUMBER);
        return String(value);
      case "bigint":
        this.addNumber(Number(value), INTEGER | NUMBER);
        return value.toString();
      case "boolean":
        this.addBoolean(value);
        return String(value);
      case "string": {
        if (value.length === 0) return undefined;
        const time = this.kinds & TIMESTAMP ? parseTimestamp(value) : Number.NaN;
        if (Number.isNaN(time)) this.narrow(0);
        else this.addTimestamp(time);
        return value;
      }
      case "object": {
        if (value === null) return undefined;
        if (value instanceof Date) {
          if (Number.isNaN(value.getTime())) return undefined;
          this.addTimestamp(value.getTime());
          return value.toISOString();
        }
        this.narrow(0);
        if (!ArrayBuffer.isView(value)) return JSON.stringify(value);
        return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
      }
      default:
        return undefined;
    }
  }

  private addNumber(value: number, kind: number): void {
    if (!this.narrow(kind)) return;
    this.moments?.add(value);
    this.sketch?.add(value);
  }

  private addBoolean(value: boolean): void {
    if (!this.narrow(BOOLEAN)) return;
    if (value) this.trues++;
    else this.falses++;
  }

  private addTimestamp(value: number): void {
    if (!this.narrow(TIMESTAMP)) return;
    if (value < this.earliest) this.earliest = value;
    if (value > this.latest) this.latest = value;
  }

  /** Keeps only the types this value also fits; false once the column can only be a string. */
  private narrow(kind: number): boolean {
    this.kinds &= kind;
    if (!(this.kinds & NUMBER) && this.moments) {
      this.moments = undefined;
      this.sketch = undefined;
    }
    return this.kinds !== 0;
  }
}
