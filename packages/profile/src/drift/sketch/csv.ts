import type { ByteSource } from "../../bytes";
import { readCsvColumns } from "../csv-fields";
import { DatasetSketch } from "./dataset";

/**
 * Sketches a CSV (or TSV, gzipped or not) as it streams: memory is the sketches and one 64 KiB
 * buffer, whatever the file's size. Fields are read as `readCsvColumns` reads them.
 */
export async function sketchCsv(body: ByteSource): Promise<DatasetSketch> {
  const sketch = new DatasetSketch();
  sketch.rows = await readCsvColumns(body, (names) => names.map((name) => sketch.feature(name)));
  return sketch;
}
