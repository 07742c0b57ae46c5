import { createReadStream } from "node:fs";
import { DatasetSketch, sketchCsv } from "@gyre/profile/drift/sketch/index";
import type { DataFormat } from "@gyre/profile/format";
import { readTypedRows } from "@gyre/profile/rows";

/**
 * A file's drift sketch, read as it streams (memory bounded whatever its size): CSV and TSV in one
 * pass; JSON Lines and Parquet through their typed rows, timestamps as epoch milliseconds.
 */
export async function sketchFile(path: string, format: DataFormat): Promise<DatasetSketch> {
  if (format === "csv") return sketchCsv(createReadStream(path));
  const data = await readTypedRows(() => createReadStream(path), format);
  const sketch = new DatasetSketch();
  for await (const row of data.rows) {
    const values: Record<string, unknown> = {};
    for (const name in row) {
      const value = row[name];
      values[name] = value instanceof Date ? value.getTime() : value;
    }
    sketch.addRow(values);
  }
  for (const { name } of data.columns) sketch.feature(name);
  return sketch;
}
