import { type ByteSource, gunzipIfCompressed, Utf8Decoder } from "../../bytes";
import { CsvReader, type CsvRecord } from "../../csv";
import { DataRejected } from "../../errors";
import { parseTimestamp, scanBoolean, scanNumber } from "../../text-values";
import { DatasetSketch } from "./dataset";
import type { FeatureSketch } from "./feature";

/**
 * Sketches a CSV (or TSV, gzipped or not) as it streams: memory is the sketches and one 64 KiB
 * buffer, whatever the file's size. Each field is read on its own: empty is missing, a number or
 * an ISO 8601 timestamp (as epoch ms) is numeric, true/false (any case) is the category
 * "true"/"false", anything else its text.
 */
export async function sketchCsv(body: ByteSource): Promise<DatasetSketch> {
  const sketch = new DatasetSketch();
  let columns: FeatureSketch[] = [];
  const reader = new CsvReader((record) => {
    if (columns.length === 0) {
      columns = header(record).map((name) => sketch.feature(name));
      return;
    }
    if (record.count !== columns.length) {
      throw new DataRejected(
        `line ${record.line}: ${record.count} fields, the header has ${columns.length}`,
      );
    }
    addFields(record, columns);
    sketch.rows++;
  });
  const decoder = new Utf8Decoder();
  for await (const chunk of gunzipIfCompressed(body as AsyncIterable<Uint8Array>))
    reader.push(decoder.write(chunk));
  reader.push(decoder.end());
  reader.end();
  if (columns.length === 0) throw new DataRejected("no header line");
  return sketch;
}

function header({ count, sources, starts, ends }: CsvRecord): string[] {
  const names = sources.slice(0, count).map((source, i) => source.slice(starts[i], ends[i]));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DataRejected(`column "${name}" appears twice in the header`);
    seen.add(name);
  }
  return names;
}

const scanned = { value: 0 };

function addFields({ sources, starts, ends }: CsvRecord, columns: FeatureSketch[]): void {
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as FeatureSketch;
    const text = sources[i] as string;
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (start === end) column.missing++;
    else if (scanNumber(text, start, end, scanned) !== 0) column.numeric.add(scanned.value);
    else addText(column, text, start, end);
  }
}

function addText(column: FeatureSketch, text: string, start: number, end: number): void {
  const truth = scanBoolean(text, start, end);
  if (truth >= 0) {
    column.categories.add(truth === 1 ? "true" : "false");
    return;
  }
  const value = text.slice(start, end);
  const time = parseTimestamp(value);
  if (Number.isNaN(time)) column.categories.add(value);
  else column.numeric.add(time);
}
