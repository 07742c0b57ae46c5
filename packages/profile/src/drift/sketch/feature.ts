import { isMissing } from "../compare";
import type { ColumnSink } from "../csv-fields";
import { PendingCounts } from "../recent-keys";
import { type CategoryDriftJson, CategoryDriftSketch } from "./categories";
import { type NumericDriftJson, NumericDriftSketch } from "./numeric";

export interface FeatureSketchJson {
  missing: number;
  numeric: NumericDriftJson;
  categories: CategoryDriftJson;
}

/**
 * What drift needs of one feature, in bounded memory: numbers in a NumericDriftSketch, any other
 * value by its text (`String(v)`) in a CategoryDriftSketch, and a count of missing values (null,
 * undefined, "", NaN, ±Infinity). Mergeable; its JSON is bounded (see docs/drift.md).
 */
export class FeatureSketch implements ColumnSink {
  missing = 0;
  readonly numeric: NumericDriftSketch;
  private readonly counted = new CategoryDriftSketch();
  private readonly pending = new PendingCounts();

  /** The categories counted so far. */
  get categories(): CategoryDriftSketch {
    this.pending.flush(this.counted);
    return this.counted;
  }

  /** `exactValues`: how many numbers are kept exactly before only the histogram is (EXACT_VALUES). */
  constructor(exactValues?: number) {
    this.numeric = new NumericDriftSketch(exactValues);
  }

  /** Values counted, missing ones excluded. */
  get count(): number {
    return this.numeric.count + this.categories.total;
  }

  add(value: unknown): void {
    if (isMissing(value)) this.missing++;
    else if (typeof value === "number") this.numeric.add(value);
    else this.counted.add(String(value));
  }

  addMissing(): void {
    this.missing++;
  }

  addNumber(value: number): void {
    this.numeric.add(value);
  }

  addCategory(text: string): void {
    this.counted.add(text);
  }

  addCategoryRange(text: string, start: number, end: number): void {
    this.pending.add(text, start, end, this.counted);
  }

  merge(other: FeatureSketch): this {
    this.missing += other.missing;
    this.numeric.merge(other.numeric);
    this.categories.merge(other.categories);
    return this;
  }

  toJSON(): FeatureSketchJson {
    return {
      missing: this.missing,
      numeric: this.numeric.toJSON(),
      categories: this.categories.toJSON(),
    };
  }

  static fromJSON(json: FeatureSketchJson): FeatureSketch {
    const sketch = new FeatureSketch();
    sketch.missing = json.missing;
    sketch.numeric.merge(NumericDriftSketch.fromJSON(json.numeric));
    sketch.categories.merge(CategoryDriftSketch.fromJSON(json.categories));
    return sketch;
  }

  static of(values: Iterable<unknown>, exactValues?: number): FeatureSketch {
    const sketch = new FeatureSketch(exactValues);
    for (const value of values) sketch.add(value);
    return sketch;
  }
}
