import type { ColumnAccumulator } from "./column";
import { BOOLEAN, INTEGER, NUMBER, TIMESTAMP } from "./kinds";
import { parseTimestamp } from "./text-values";

/**
 * Adds a JavaScript value (from JSON, Parquet or live data) to a column by its own type: numbers,
 * bigints, booleans and Dates as such; strings are text unless they are ISO 8601 timestamps (JSON
 * has no date type), so a quoted "42" stays a string. null, undefined, NaN, ±Infinity and "" are
 * missing. Arrays and objects count as their JSON text.
 */
export function addValue(column: ColumnAccumulator, value: unknown): void {
  switch (typeof value) {
    case "number":
      if (Number.isFinite(value))
        column.addTyped(Number.isInteger(value) ? INTEGER | NUMBER : NUMBER, value, value);
      break;
    case "bigint":
      column.addTyped(INTEGER | NUMBER, Number(value), value);
      break;
    case "boolean":
      column.addTyped(BOOLEAN, value ? 1 : 0, value);
      break;
    case "string":
      addString(column, value);
      break;
    case "object":
      addObject(column, value);
      break;
  }
}

function addString(column: ColumnAccumulator, value: string): void {
  if (value.length === 0) return;
  const time = column.accepts(TIMESTAMP) ? parseTimestamp(value) : Number.NaN;
  if (Number.isNaN(time)) column.addText(value);
  else column.addTyped(TIMESTAMP, time, value);
}

function addObject(column: ColumnAccumulator, value: object | null): void {
  if (value === null) return;
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) column.addTyped(TIMESTAMP, value.getTime(), value);
  } else if (ArrayBuffer.isView(value)) {
    column.addText(
      Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"),
    );
  } else {
    column.addText(JSON.stringify(value));
  }
}
