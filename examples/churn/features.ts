import { column, type Frame } from "./frame";

export type InputColumn =
  | { name: string; type: "number" | "boolean" }
  | { name: string; type: "category"; levels: string[] };

/** What the model reads, and what it was told to ignore and why: written as model/schema.json. */
export interface Schema {
  label: string;
  columns: InputColumn[];
  ignored: { name: string; reason: string }[];
}

/** The fitted transformation from raw columns to the model's numbers. */
export interface Encoder {
  columns: (InputColumn & { mean?: number; scale?: number })[];
  features: string[];
}

const BOOLEAN = /^(true|false)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/;
const MAX_LEVELS = 50;

export function inferSchema(frame: Frame, label: string): Schema {
  labels(column(frame, label));
  const schema: Schema = { label, columns: [], ignored: [] };
  frame.names.forEach((name, c) => {
    if (name === label) return;
    const values = (frame.columns[c] ?? []).filter((value) => value !== "");
    const distinct = new Set(values);
    if (values.length === 0) schema.ignored.push({ name, reason: "empty" });
    else if (values.every((value) => BOOLEAN.test(value)))
      schema.columns.push({ name, type: "boolean" });
    else if (values.every((value) => value.trim() !== "" && Number.isFinite(Number(value))))
      schema.columns.push({ name, type: "number" });
    else if (values.every((value) => ISO_DATE.test(value)))
      schema.ignored.push({ name, reason: "date" });
    else if (distinct.size > MAX_LEVELS || distinct.size > values.length / 2)
      schema.ignored.push({ name, reason: `identifier-like (${distinct.size} distinct values)` });
    else schema.columns.push({ name, type: "category", levels: [...distinct].sort() });
  });
  return schema;
}

/** Fits means and scales on the given rows (the training split) only. */
export function fitEncoder(frame: Frame, schema: Schema, rows: number[]): Encoder {
  const features: string[] = [];
  const columns = schema.columns.map((input) => {
    if (input.type === "category") {
      for (const level of input.levels) features.push(`${input.name}=${level}`);
      return input;
    }
    features.push(input.name);
    const values = column(frame, input.name);
    const numbers = rows.map((row) => toNumber(values[row] ?? "")).filter((x) => !Number.isNaN(x));
    const mean = numbers.reduce((sum, x) => sum + x, 0) / Math.max(1, numbers.length);
    const variance =
      numbers.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, numbers.length);
    return { ...input, mean, scale: Math.sqrt(variance) || 1 };
  });
  return { columns, features };
}

/** One row of features per record; a missing number becomes the mean, an unseen level all zeros. */
export function encode(
  encoder: Encoder,
  records: Iterable<(name: string) => string>,
): Float64Array[] {
  const rows: Float64Array[] = [];
  for (const get of records) {
    const row = new Float64Array(encoder.features.length);
    let f = 0;
    for (const input of encoder.columns) {
      if (input.type === "category") {
        const level = input.levels.indexOf(get(input.name));
        if (level >= 0) row[f + level] = 1;
        f += input.levels.length;
      } else {
        const x = toNumber(get(input.name));
        row[f++] = Number.isNaN(x) ? 0 : (x - (input.mean ?? 0)) / (input.scale ?? 1);
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The frame's rows, by index, as lookups for `encode`. */
export function* frameRecords(frame: Frame, rows: number[]): Iterable<(name: string) => string> {
  const index = new Map(frame.names.map((name, c) => [name, frame.columns[c] ?? []]));
  for (const row of rows) yield (name) => index.get(name)?.[row] ?? "";
}

export function labels(values: string[]): Uint8Array {
  return Uint8Array.from(values, (value, i) => {
    const label = value.trim().toLowerCase();
    if (label === "true" || label === "1" || label === "yes") return 1;
    if (label === "false" || label === "0" || label === "no") return 0;
    throw new Error(`label row ${i + 1}: "${value}" is not true/false, 1/0 or yes/no`);
  });
}

function toNumber(value: string): number {
  if (BOOLEAN.test(value)) return value.toLowerCase() === "true" ? 1 : 0;
  return value.trim() === "" ? Number.NaN : Number(value);
}
