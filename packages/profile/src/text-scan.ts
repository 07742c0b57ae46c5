import {
  type ByteSource,
  gunzipIfCompressed,
  HashingTap,
  type ScanOptions,
  Utf8Decoder,
} from "./bytes";
import { CsvReader } from "./csv";
import { DataRejected } from "./errors";
import { JsonlReader } from "./jsonl";
import type { ScanResult } from "./schema";
import { TableProfiler } from "./table";

interface TextReader {
  push(text: string): void;
  end(): void;
}

/** Hashes the raw bytes and profiles the (gunzipped, UTF-8 decoded) text in the same single pass. */
export async function scanText(
  body: ByteSource,
  format: "csv" | "jsonl",
  options: ScanOptions = {},
): Promise<ScanResult> {
  const tap = new HashingTap();
  const table = new TableProfiler(format);
  const reader =
    format === "csv"
      ? csvInto(table)
      : new JsonlReader((record, line) => atLine(line, () => table.addRecord(record)));
  const decoder = new Utf8Decoder();
  return tap.around(async () => {
    for await (const chunk of gunzipIfCompressed(tap.chunks(body), options.maxDecompressedBytes))
      reader.push(decoder.write(chunk));
    reader.push(decoder.end());
    reader.end();
    const profile = table.profile();
    return { sha256: tap.sha256(), bytes: tap.bytes, ...profile };
  }, options);
}

function csvInto(table: TableProfiler): TextReader {
  let width = -1;
  return new CsvReader((record) => {
    if (record.count === width) {
      table.addFields(record);
    } else if (width < 0) {
      const names = record.sources
        .slice(0, record.count)
        .map((source, i) => source.slice(record.starts[i], record.ends[i]));
      atLine(record.line, () => addHeader(table, names, record.line));
      width = record.count;
    } else {
      throw new DataRejected(`line ${record.line}: expected ${width} fields, got ${record.count}`);
    }
  });
}

function addHeader(table: TableProfiler, names: readonly string[], line: number): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === "") throw new DataRejected(`line ${line}: column ${i + 1} has no name`);
    if (seen.has(name)) throw new DataRejected(`line ${line}: column "${name}" appears twice`);
    seen.add(name);
    table.addColumn(name);
  });
}

/** Puts the line in front of a rejection that does not name one (too many columns). */
function atLine(line: number, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof DataRejected && !error.reason.startsWith("line ")) {
      throw new DataRejected(`line ${line}: ${error.reason}`);
    }
    throw error;
  }
}
