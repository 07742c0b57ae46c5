import type { AsyncBuffer, ColumnData, FileMetaData, SchemaElement } from "hyparquet";
import { parquetMetadataAsync, parquetRead, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { DataRejected } from "./errors";
import { BOOLEAN, INTEGER, NUMBER, TIMESTAMP } from "./kinds";
import type { DataProfile } from "./schema";
import { TableProfiler } from "./table";
import { addValue } from "./typed-values";

/** Random access to a Parquet object, e.g. ranged S3 GETs or a local file. */
export interface ParquetSource {
  byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer>;
}

/**
 * Profiles a Parquet file one row group at a time (memory: one decoded row group). Column types come
 * from the file's schema, not from inference; nested columns are profiled as JSON strings.
 * The caller hashes the bytes separately (scanObject does it while spooling to a temp file).
 */
export async function scanParquet(source: ParquetSource): Promise<DataProfile> {
  const sourceErrors = new Set<unknown>();
  const file: AsyncBuffer = {
    byteLength: source.byteLength,
    slice: (start, end) =>
      source.slice(start, end).catch((error: unknown) => {
        sourceErrors.add(error);
        throw error;
      }),
  };
  try {
    return await profileRowGroups(file, await parquetMetadataAsync(file));
  } catch (error) {
    if (error instanceof DataRejected || sourceErrors.has(error)) throw error;
    throw new DataRejected(`invalid parquet: ${(error as Error).message}`);
  }
}

async function profileRowGroups(file: AsyncBuffer, metadata: FileMetaData): Promise<DataProfile> {
  const table = new TableProfiler("parquet");
  const columns = new Map(
    parquetSchema(metadata).children.map((child) => [
      child.element.name,
      table.addColumn(child.element.name, declaredKinds(child.element, child.children.length > 0)),
    ]),
  );
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const chunks: ColumnData[] = [];
    await parquetRead({
      file,
      metadata,
      rowStart,
      rowEnd,
      compressors,
      onChunk: (chunk) => chunks.push(chunk),
    });
    for (const { columnName, columnData, rowStart: chunkStart } of chunks) {
      const column = columns.get(columnName);
      const from = Math.max(0, rowStart - chunkStart);
      const to = Math.min(columnData.length, rowEnd - chunkStart);
      if (column) for (let i = from; i < to; i++) addValue(column, columnData[i]);
    }
    table.rows += rowEnd - rowStart;
    rowStart = rowEnd;
  }
  return table.profile();
}

function declaredKinds(element: SchemaElement, nested: boolean): number {
  if (nested || element.repetition_type === "REPEATED") return 0;
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === "TIMESTAMP" || logical === "DATE" || converted === "DATE") return TIMESTAMP;
  if (
    converted === "TIMESTAMP_MILLIS" ||
    converted === "TIMESTAMP_MICROS" ||
    element.type === "INT96"
  ) {
    return TIMESTAMP;
  }
  if (logical === "DECIMAL" || converted === "DECIMAL" || logical === "FLOAT16") return NUMBER;
  if (logical === "STRING" || logical === "JSON" || logical === "UUID" || logical === "ENUM")
    return 0;
  switch (element.type) {
    case "BOOLEAN":
      return BOOLEAN;
    case "INT32":
    case "INT64":
      return INTEGER | NUMBER;
    case "FLOAT":
    case "DOUBLE":
      return NUMBER;
    default:
      return 0;
  }
}
