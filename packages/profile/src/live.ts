import { ColumnAccumulator } from "./column";
import type { ColumnProfile, DataProfile } from "./schema";
import { TableProfiler } from "./table";
import { addValue } from "./typed-values";

/**
 * Profiles in-memory records (e.g. a monitoring window of inference inputs) exactly as JSON Lines
 * rows are profiled, so the result compares and merges with a dataset version's profile.
 */
export function profileRecords(records: Iterable<Record<string, unknown>>): DataProfile {
  const table = new TableProfiler("jsonl");
  for (const record of records) table.addRecord(record);
  return table.profile();
}

/** One column's profile from its values; null, undefined, NaN and "" are missing. */
export function profileValues(name: string, values: Iterable<unknown>): ColumnProfile {
  const column = new ColumnAccumulator(name);
  let rows = 0;
  for (const value of values) {
    addValue(column, value);
    rows++;
  }
  return column.profile(rows);
}
