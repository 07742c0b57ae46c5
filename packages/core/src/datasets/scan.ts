import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  type DataFormat,
  DataRejected,
  hashObject,
  type ScanResult,
  scanObject,
} from "@gyre/profile/index";

export type Scanned =
  | { ok: true; result: ScanResult }
  | { ok: false; sha256: string; bytes: number; reason: string };

export class ObjectGone extends Error {}

/** GYRE_MAX_DECOMPRESSED_BYTES, when set: a gzipped file expanding past it is rejected, not profiled. */
export function maxDecompressedBytes(): number | undefined {
  const configured = Number(process.env.GYRE_MAX_DECOMPRESSED_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

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
  if (!format) {
    const reason = `unknown format: ${location.key} is not .csv, .tsv, .jsonl or .parquet`;
    return { ok: false, ...(await hashObject(body)), reason };
  }
  try {
    return {
      ok: true,
      result: await scanObject(body, format, {
        hashRejected: true,
        maxDecompressedBytes: maxDecompressedBytes(),
      }),
    };
  } catch (error) {
    if (!(error instanceof DataRejected && error.content)) throw error;
    return { ok: false, ...error.content, reason: error.reason };
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
