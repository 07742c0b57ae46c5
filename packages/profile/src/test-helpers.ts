import { scanObject } from "./scan";
import type { ColumnProfile, ScanResult } from "./schema";

/** Yields `text`'s UTF-8 bytes cut at the given byte offsets (or in one chunk). */
export async function* chunksOf(
  text: string | Uint8Array,
  cuts: number[] = [],
): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
}

export function scanCsv(text: string, cuts?: number[]): Promise<ScanResult> {
  return scanObject(chunksOf(text, cuts), "csv");
}

export function scanJsonl(text: string, cuts?: number[]): Promise<ScanResult> {
  return scanObject(chunksOf(text, cuts), "jsonl");
}

export function column(result: { columns: ColumnProfile[] }, name: string): ColumnProfile {
  const found = result.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

/** The reason of the DataRejected that `run` throws. */
export async function rejection(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error && error.name === "DataRejected")
      return (error as Error & { reason: string }).reason;
    throw error;
  }
  throw new Error("expected a DataRejected");
}
