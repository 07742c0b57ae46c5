import { ColumnAccumulator } from "./column";
import type { CsvRecord } from "./csv";
import { DataRejected } from "./errors";
import type { DataFormat } from "./format";
import { ANY } from "./kinds";
import type { DataProfile } from "./schema";
import { addValue } from "./typed-values";

export const MAX_COLUMNS = 1000;

/** Rows in, a DataProfile out; columns are fixed by a header (CSV, Parquet) or grow as keys appear (JSON). */
export class TableProfiler {
  rows = 0;
  private readonly columns: ColumnAccumulator[] = [];
  private readonly byName = new Map<string, ColumnAccumulator>();

  constructor(private readonly format: DataFormat) {}

  addColumn(name: string, declared = ANY): ColumnAccumulator {
    if (this.columns.length >= MAX_COLUMNS)
      throw new DataRejected(`more than ${MAX_COLUMNS} columns`);
    const column = new ColumnAccumulator(name, declared);
    this.columns.push(column);
    this.byName.set(name, column);
    return column;
  }

  /** One CSV record; the caller has checked it has one field per column. */
  addFields({ sources, starts, ends }: CsvRecord): void {
    this.rows++;
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) {
      (columns[i] as ColumnAccumulator).addRange(
        sources[i] as string,
        starts[i] as number,
        ends[i] as number,
      );
    }
  }

  /** One JSON object: absent keys are missing; nested objects are flattened one level (`a.b`). */
  addRecord(record: Record<string, unknown>): void {
    this.rows++;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (isPlainObject(value)) {
        for (const inner of Object.keys(value))
          addValue(this.column(`${key}.${inner}`), value[inner]);
      } else {
        addValue(this.column(key), value);
      }
    }
  }

  profile(): DataProfile {
    if (this.rows === 0) throw new DataRejected("no rows");
    return {
      format: this.format,
      rows: this.rows,
      columns: this.columns.map((c) => c.profile(this.rows)),
    };
  }

  private column(name: string): ColumnAccumulator {
    return this.byName.get(name) ?? this.addColumn(name);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}
