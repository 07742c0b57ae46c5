import { type ByteSource, gunzipIfCompressed, Utf8Decoder } from "../bytes";
import { CsvReader, type CsvRecord } from "../csv";
import { DataRejected } from "../errors";
import { parseTimestamp, scanBoolean, scanNumber } from "../text-values";

/** Where one column's values go as a CSV streams past. */
export interface ColumnSink {
  addMissing(): void;
  addNumber(value: number): void;
  addCategory(text: string): void;
  /** The category text[start, end). */
  addCategoryRange(text: string, start: number, end: number): void;
}

/**
 * Streams a CSV (or TSV, gzipped or not) into one sink per header column; returns the row count.
 * Each field is read on its own: empty is missing, a number or an ISO 8601 timestamp (as epoch
 * ms) is numeric, true/false (any case) is the category "true"/"false", anything else its text.
 */
export async function readCsvColumns(
  body: ByteSource,
  sinksFor: (names: string[]) => ColumnSink[],
): Promise<number> {
  let sinks: ColumnSink[] | undefined;
  let rows = 0;
  const reader = new CsvReader((record) => {
    if (!sinks) {
      sinks = sinksFor(header(record));
      return;
    }
    if (record.count !== sinks.length) {
      throw new DataRejected(
        `line ${record.line}: ${record.count} fields, the header has ${sinks.length}`,
      );
    }
    addFields(record, sinks);
    rows++;
  });
  const decoder = new Utf8Decoder();
  for await (const chunk of gunzipIfCompressed(body as AsyncIterable<Uint8Array>))
    reader.push(decoder.write(chunk));
  reader.push(decoder.end());
  reader.end();
  if (!sinks) throw new DataRejected("no header line");
  return rows;
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

function addFields({ sources, starts, ends }: CsvRecord, sinks: ColumnSink[]): void {
  for (let i = 0; i < sinks.length; i++) {
    const sink = sinks[i] as ColumnSink;
    const text = sources[i] as string;
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (start === end) sink.addMissing();
    else if (scanNumber(text, start, end, scanned) !== 0) sink.addNumber(scanned.value);
    else addText(sink, text, start, end);
  }
}

function addText(sink: ColumnSink, text: string, start: number, end: number): void {
  const truth = scanBoolean(text, start, end);
  if (truth >= 0) {
    sink.addCategory(truth === 1 ? "true" : "false");
    return;
  }
  const time = looksLikeDate(text, start, end)
    ? parseTimestamp(text.slice(start, end))
    : Number.NaN;
  if (Number.isNaN(time)) sink.addCategoryRange(text, start, end);
  else sink.addNumber(time);
}

/** parseTimestamp's own first test, made before a string is cut for it. */
function looksLikeDate(text: string, start: number, end: number): boolean {
  return end - start >= 10 && text.charCodeAt(start + 4) === 45;
}
