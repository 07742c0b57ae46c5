import type { ByteSource } from "../bytes";
import { type ColumnDrift, type ColumnOptions, categoricalDrift, numericDrift } from "./compare";
import { type ColumnSink, readCsvColumns } from "./csv-fields";
import { summarise } from "./dataset";
import { PendingCounts } from "./recent-keys";

/** One column held whole for exact mode: numbers in a growing Float64Array, other values counted. */
export class ColumnValues implements ColumnSink {
  missing = 0;
  length = 0;
  private readonly counted = new Map<string, number>();
  private readonly pending = new PendingCounts();
  private readonly target = {
    add: (key: string, count: number) => {
      this.counted.set(key, (this.counted.get(key) ?? 0) + count);
    },
  };

  /** Count per category (values that are not numbers). */
  get categories(): Map<string, number> {
    this.pending.flush(this.target);
    return this.counted;
  }
  private buffer: Float64Array = new Float64Array(1024);

  addMissing(): void {
    this.missing++;
  }

  addNumber(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Float64Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  addCategory(text: string): void {
    this.target.add(text, 1);
  }

  addCategoryCount(text: string, count: number): void {
    this.target.add(text, count);
  }

  addCategoryRange(text: string, start: number, end: number): void {
    this.pending.add(text, start, end, this.target);
  }

  /** The numbers, sorted in place once (later calls return the same sorted view). */
  sortedNumbers(): Float64Array {
    if (!this.sorted) {
      this.buffer = this.buffer.slice(0, this.length).sort();
      this.sorted = true;
    }
    return this.buffer;
  }

  private sorted = false;

  /** A column from numbers already sorted ascending (read elsewhere, e.g. in a worker). */
  static sorted(
    numbers: Float64Array,
    categories: ReadonlyMap<string, number>,
    missing: number,
  ): ColumnValues {
    const column = new ColumnValues();
    column.buffer = numbers;
    column.length = numbers.length;
    column.sorted = true;
    column.missing = missing;
    for (const [key, count] of categories) column.addCategoryCount(key, count);
    return column;
  }
}

/** Reads a CSV's columns whole (fields as `readCsvColumns` reads them), for exact mode. */
export async function csvColumnValues(body: ByteSource): Promise<Map<string, ColumnValues>> {
  const columns = new Map<string, ColumnValues>();
  await readCsvColumns(body, (names) =>
    names.map((name) => {
      const column = new ColumnValues();
      columns.set(name, column);
      return column;
    }),
  );
  return columns;
}

/** Exact drift of one column held as ColumnValues: compareColumns' result, from typed arrays. */
export function compareColumnValues(
  reference: ColumnValues,
  current: ColumnValues,
  options: ColumnOptions = {},
): ColumnDrift {
  const n = reference.length + total(reference.categories);
  const m = current.length + total(current.categories);
  if (n === 0 || m === 0) {
    return { type: "empty", n, m, method: null, value: null, threshold: null, drift: false };
  }
  if (reference.categories.size === 0 && current.categories.size === 0)
    return numericDrift(reference.sortedNumbers(), current.sortedNumbers(), options);
  return categoricalDrift(withNumbers(reference), withNumbers(current), options);
}

/** compareDatasets over columns held as ColumnValues, the given columns in order. */
export function compareColumnSets(
  reference: ReadonlyMap<string, ColumnValues>,
  current: ReadonlyMap<string, ColumnValues>,
  columns: readonly string[],
  options: { thresholds?: Record<string, number> } = {},
) {
  const features: Record<string, ColumnDrift> = {};
  for (const name of columns) {
    features[name] = compareColumnValues(
      reference.get(name) ?? new ColumnValues(),
      current.get(name) ?? new ColumnValues(),
      { threshold: options.thresholds?.[name] },
    );
  }
  return summarise(features);
}

function withNumbers(column: ColumnValues): Map<string, number> {
  const counts = new Map(column.categories);
  const numbers = column.sortedNumbers();
  for (const value of numbers) {
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}
