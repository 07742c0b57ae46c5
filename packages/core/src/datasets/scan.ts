import { createHash } from "node:crypto";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type DataFormat, DataRejected, type ScanResult, scanObject } from "./profile/index";

export type Scanned =
  | { ok: true; result: ScanResult }
  | { ok: false; sha256: string; bytes: number; reason: string };

export class ObjectGone extends Error {}

/**
 * Streams the object once (never whole into memory) and profiles it. The read is
 * pinned to the event's etag: if the key has been overwritten or deleted since, the
 * event is stale and its bytes no longer exist.
 */
export async function scanS3Object(
  s3: S3Client,
  location: { bucket: string; key: string; etag?: string },
  format: DataFormat | undefined,
): Promise<Scanned> {
  const body = await openObject(s3, location);
  const hashed = hashingStream(body);
  if (!format) {
    await hashed.drain();
    return {
      ok: false,
      ...hashed.digest(),
      reason: `unknown format: ${location.key} is not .csv, .jsonl or .parquet`,
    };
  }
  try {
    return { ok: true, result: await scanObject(hashed.chunks, format) };
  } catch (error) {
    if (!(error instanceof DataRejected)) throw error;
    await hashed.drain();
    return { ok: false, ...hashed.digest(), reason: error.reason };
  }
}

async function openObject(s3: S3Client, location: { bucket: string; key: string; etag?: string }) {
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        ...(location.etag ? { IfMatch: `"${location.etag.replace(/"/g, "")}"` } : {}),
      }),
    );
    return response.Body as AsyncIterable<Uint8Array>;
  } catch (error) {
    const name = (error as Error).name;
    if (name === "NoSuchKey" || name === "PreconditionFailed" || name === "NotFound") {
      throw new ObjectGone(`${location.key} is gone or has changed since the event (${name})`);
    }
    throw error;
  }
}

/** Hashes every byte that passes, and can finish reading what the parser left when it gave up. */
function hashingStream(body: AsyncIterable<Uint8Array>) {
  const hash = createHash("sha256");
  let bytes = 0;
  const iterator = body[Symbol.asyncIterator]();
  const take = async () => {
    const next = await iterator.next();
    if (!next.done) {
      hash.update(next.value);
      bytes += next.value.byteLength;
    }
    return next;
  };
  return {
    chunks: {
      [Symbol.asyncIterator]: () => ({
        next: take,
        return: async () => ({ done: true as const, value: undefined }),
      }),
    },
    async drain() {
      while (!(await take()).done) {}
    },
    digest: () => ({ sha256: hash.digest("hex"), bytes }),
  };
}
