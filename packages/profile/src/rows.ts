import { parquetMetadataAsync, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { type ByteSource, gunzipIfCompressed, Utf8Decoder } from "./bytes";
import { CsvReader, type CsvRecord } from "./csv";
import type { DataFormat } from "./format";
import { JsonlReader } from "./jsonl";
import type { ParquetSource } from "./parquet";
import { scanObject, withSpooledParquet } from "./scan";
import type { ColumnType } from "./schema";
import { parseTimestamp, scanBoolean, scanNumber } from "./text-values";

/** A value as its column's profiled type: integers and numbers as numbers, timestamps as Dates; missing is null. */
export type TypedValue = number | boolean | string | Date | null;
export type TypedRow = Record<string, TypedValue>;

export interface TypedTable {
  columns: { name: string; type: ColumnType }[];
  rows: AsyncIterable<TypedRow>;
}

/**
 * Reads an object twice: first its profile, exactly as a dataset version gets it, then its rows
 * with every value read as the type the profile inferred for its column. So "1" and "1.0" are the
 * same number, "true" is a boolean, and a column with one word in it is text throughout.
 */
export async function readTypedRows(
  open: () => ByteSource,
  format: DataFormat,
): Promise<TypedTable> {
  const { columns } = await scanObject(open(), format);
  const typed = columns.map(({ name, type }) => ({ name, type }));
  const types = new Map(typed.map(({ name, type }) => [name, type]));
  const rows =
    format === "parquet"
      ? parquetRows(open(), types)
      : textRows(open(), format === "csv" ? csvParser(types) : jsonlParser(types));
  return { columns: typed, rows };
}

type Parser = (emit: (row: TypedRow) => void) => { push(text: string): void; end(): void };

async function* textRows(body: ByteSource, parser: Parser): AsyncGenerator<TypedRow> {
  const batch: TypedRow[] = [];
  const reader = parser((row) => batch.push(row));
  const decoder = new Utf8Decoder();
  for await (const chunk of gunzipIfCompressed(body as AsyncIterable<Uint8Array>)) {
    reader.push(decoder.write(chunk));
    yield* batch.splice(0);
  }
  reader.push(decoder.end());
  reader.end();
  yield* batch.splice(0);
}

function csvParser(types: Map<string, ColumnType>): Parser {
  return (emit) => {
    let readers: ((record: CsvRecord, i: number) => TypedValue)[] = [];
    let names: string[] = [];
    return new CsvReader((record) => {
      if (names.length === 0) {
        names = fields(record);
        readers = names.map((name) => fieldReader(types.get(name) ?? "string"));
        return;
      }
      const row: TypedRow = {};
      for (let i = 0; i < names.length; i++)
        row[names[i] as string] = (readers[i] as (typeof readers)[number])(record, i);
      emit(row);
    });
  };
}

function fields({ count, sources, starts, ends }: CsvRecord): string[] {
  return sources.slice(0, count).map((source, i) => source.slice(starts[i], ends[i]));
}

const scanned = { value: 0 };

function fieldReader(type: ColumnType): (record: CsvRecord, i: number) => TypedValue {
  return ({ sources, starts, ends }, i) => {
    const text = sources[i] as string;
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (start === end) return null;
    switch (type) {
      case "integer":
      case "number":
        scanNumber(text, start, end, scanned);
        return scanned.value;
      case "boolean":
        return scanBoolean(text, start, end) === 1;
      case "timestamp":
        return new Date(parseTimestamp(text.slice(start, end)));
      case "string":
        return text.slice(start, end);
    }
  };
}

/** Nested objects are flattened one level (`a.b`), as the profile reads them. */
function jsonlParser(types: Map<string, ColumnType>): Parser {
  return (emit) =>
    new JsonlReader((record) => {
      const row: TypedRow = {};
      for (const key of Object.keys(record)) {
        const value = record[key];
        if (isPlainObject(value)) {
          for (const inner of Object.keys(value)) {
            const name = `${key}.${inner}`;
            row[name] = asType(value[inner], types.get(name) ?? "string");
          }
        } else {
          row[key] = asType(value, types.get(key) ?? "string");
        }
      }
      emit(row);
    });
}

async function* parquetRows(
  body: ByteSource,
  types: Map<string, ColumnType>,
): AsyncGenerator<TypedRow> {
  const groups: TypedRow[][] = [];
  await withSpooledParquet(body, async (source: ParquetSource) => {
    const file = { byteLength: source.byteLength, slice: source.slice };
    const metadata = await parquetMetadataAsync(file);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      await parquetRead({
        file,
        metadata,
        rowStart,
        rowEnd,
        compressors,
        rowFormat: "object",
        onComplete: (rows: Record<string, unknown>[]) =>
          groups.push(rows.map((row) => typedRecord(row, types))),
      });
      rowStart = rowEnd;
    }
  });
  for (const rows of groups) yield* rows;
}

function typedRecord(record: Record<string, unknown>, types: Map<string, ColumnType>): TypedRow {
  const row: TypedRow = {};
  for (const [name, type] of types) row[name] = asType(record[name], type);
  return row;
}

/** A JSON or Parquet value as the profile's type; null, undefined, "", NaN and ±Infinity are missing. */
function asType(value: unknown, type: ColumnType): TypedValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (value instanceof Date && Number.isNaN(value.getTime())) return null;
  switch (type) {
    case "integer":
    case "number":
      return Number(value);
    case "boolean":
      return value === true;
    case "timestamp":
      return value instanceof Date ? value : new Date(parseTimestamp(String(value)));
    case "string":
      return spelled(value);
  }
}

function spelled(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}
