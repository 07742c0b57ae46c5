import { createHash } from "node:crypto";
import { pipeline, Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { DataRejected } from "./errors";

export type ByteSource = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/** What gzipped text may expand to unless told otherwise: past it a gzip bomb is rejected, not profiled. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 10 * 1024 ** 3;

export interface ScanOptions {
  /** Read a rejected object to the end, so DataRejected carries its sha256 and size (`content`). */
  hashRejected?: boolean;
  /** The cap on gzipped text's decompressed size (default DEFAULT_MAX_DECOMPRESSED_BYTES). */
  maxDecompressedBytes?: number;
}

/**
 * Passes the object's bytes through unchanged while hashing and counting them. A reader that
 * stops early leaves the source open, so a rejection can still `drain` it: a rejected object
 * gets its sha256 and size from the same single read.
 */
export class HashingTap {
  bytes = 0;
  private readonly hash = createHash("sha256");
  private source: AsyncIterator<Uint8Array | string> | undefined;
  private digest: string | undefined;

  async *chunks(body: ByteSource): AsyncGenerator<Uint8Array> {
    this.source = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    for (let next = await this.source.next(); !next.done; next = await this.source.next()) {
      yield this.take(next.value);
    }
  }

  /** Hashes whatever the reader did not consume. */
  async drain(): Promise<void> {
    if (!this.source) return;
    for (let next = await this.source.next(); !next.done; next = await this.source.next()) {
      this.take(next.value);
    }
  }

  async readAll(body: ByteSource): Promise<void> {
    this.source = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    await this.drain();
  }

  /** Closes the source without reading on (the scan failed for a reason other than the data). */
  async close(): Promise<void> {
    await this.source?.return?.();
  }

  /**
   * Runs the scan. When it fails the source is closed, unless `hashRejected` asks for a
   * rejection to read on and carry the whole object's sha256 and size.
   */
  async around<T>(scan: () => Promise<T>, options: ScanOptions = {}): Promise<T> {
    try {
      return await scan();
    } catch (error) {
      if (!(error instanceof DataRejected && options.hashRejected)) {
        await this.close();
        throw error;
      }
      await this.drain();
      error.content = { sha256: this.sha256(), bytes: this.bytes };
      throw error;
    }
  }

  sha256(): string {
    this.digest ??= this.hash.digest("hex");
    return this.digest;
  }

  private take(chunk: Uint8Array | string): Uint8Array {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.hash.update(bytes);
    this.bytes += bytes.length;
    return bytes;
  }
}

/** The sha256 and size of an object Gyre will not parse (an unknown format). */
export async function hashObject(body: ByteSource): Promise<{ sha256: string; bytes: number }> {
  const tap = new HashingTap();
  await tap.readAll(body);
  return { sha256: tap.sha256(), bytes: tap.bytes };
}

/**
 * Gunzips the stream if it starts with the gzip magic bytes, so `.csv.gz` needs no flag. Closes
 * the source when the reader stops early (a rejection), so an S3 body does not stay open.
 */
export async function* gunzipIfCompressed(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    const head: Uint8Array[] = [];
    let headBytes = 0;
    while (headBytes < 2) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.length;
    }
    const all = (async function* () {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    })();
    const start = Buffer.concat(head.slice(0, 2));
    if (start[0] === 0x1f && start[1] === 0x8b) yield* gunzip(all, maxBytes);
    else yield* all;
  } finally {
    await iterator.return?.();
  }
}

async function* gunzip(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  const output = pipeline(Readable.from(chunks), createGunzip(), () => {});
  let expanded = 0;
  try {
    for await (const chunk of output) {
      expanded += (chunk as Uint8Array).length;
      if (expanded > maxBytes) {
        throw new DataRejected(
          `gzip expands past ${maxBytes} bytes, the cap on a file's decompressed size: not profiled`,
        );
      }
      yield chunk as Uint8Array;
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("Z_")) {
      throw new DataRejected(`invalid gzip: ${(error as Error).message}`);
    }
    throw error;
  }
}

/**
 * UTF-8 to text across chunk boundaries, dropping a leading byte order mark. StringDecoder, not
 * TextDecoder: it yields one-byte strings for ASCII, which the parser and profilers read ~1.5x faster.
 */
export class Utf8Decoder {
  private readonly decoder = new StringDecoder("utf8");
  private started = false;

  write(chunk: Uint8Array): string {
    const text = this.decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (this.started || text.length === 0) return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  end(): string {
    return this.decoder.end();
  }
}
