import { createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ByteSource, HashingTap, type ScanOptions } from "./bytes";
import { DataRejected } from "./errors";
import type { DataFormat } from "./format";
import { type ParquetSource, scanParquet } from "./parquet";
import type { ScanResult } from "./schema";
import { scanText } from "./text-scan";

/**
 * Reads the object once: sha256 and size of the exact bytes, then its profile. CSV and JSON Lines
 * (gzipped or not) are profiled while streaming; Parquet needs random access, so it is spooled to
 * a temp file while hashing (disk, not memory, holds it) and then read a row group at a time.
 */
export async function scanObject(
  body: ByteSource,
  format: DataFormat,
  options: ScanOptions = {},
): Promise<ScanResult> {
  switch (format) {
    case "csv":
    case "jsonl":
      return scanText(body, format, options);
    case "parquet":
      return spoolParquet(body, options);
    default:
      throw new DataRejected("unknown format");
  }
}

async function spoolParquet(body: ByteSource, options: ScanOptions): Promise<ScanResult> {
  const tap = new HashingTap();
  return tap.around(
    () =>
      withSpooledParquet(tap.chunks(body), async (source) => ({
        sha256: tap.sha256(),
        bytes: tap.bytes,
        ...(await scanParquet(source)),
      })),
    options,
  );
}

/** Writes the bytes to a temp file and reads them back as a ParquetSource; the file is gone after. */
export async function withSpooledParquet<T>(
  body: ByteSource,
  read: (source: ParquetSource) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "gyre-parquet-"));
  const path = join(dir, "object.parquet");
  try {
    await pipeline(Readable.from(body), createWriteStream(path));
    const handle = await open(path);
    try {
      const { size } = await handle.stat();
      return await read({
        byteLength: size,
        async slice(start, end = size) {
          const bytes = new Uint8Array(Math.max(0, end - start));
          await handle.read(bytes, 0, bytes.length, start);
          return bytes.buffer;
        },
      });
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
