import { createHash } from "node:crypto";
import { paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { DataRejected, formatFromKey, mergeProfiles } from "@gyre/profile/index";
import { MARKER } from "./keys";
import { type Scanned, scanS3Object } from "./scan";

interface Part {
  key: string;
  etag: string;
}

/**
 * Scans every file of a multi-file version. Its hash is the sha256 of the manifest
 * `<sha256 of file>  <key relative to the batch folder>\n`, one line per file in key
 * order (what `sha256sum` prints), so the same files always give the same hash.
 */
export async function scanBatch(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<Scanned & { files: number }> {
  const parts = await listParts(s3, bucket, prefix);
  const manifest: string[] = [];
  const scanned: Scanned[] = [];
  for (const part of parts) {
    const result = await scanS3Object(
      s3,
      { bucket, key: part.key, etag: part.etag },
      formatFromKey(part.key),
    );
    scanned.push(result);
    manifest.push(
      `${result.ok ? result.result.sha256 : result.sha256}  ${part.key.slice(prefix.length)}\n`,
    );
  }
  const sha256 = createHash("sha256").update(manifest.join("")).digest("hex");
  const bytes = scanned.reduce((sum, s) => sum + (s.ok ? s.result.bytes : s.bytes), 0);
  const files = parts.length;
  if (files === 0)
    return { ok: false, sha256, bytes, reason: `no files in ${prefix} before ${MARKER}`, files: 1 };
  const failed = scanned.findIndex((s) => !s.ok);
  if (failed >= 0) {
    const reason = (scanned[failed] as Extract<Scanned, { ok: false }>).reason;
    return {
      ok: false,
      sha256,
      bytes,
      reason: `${parts[failed]?.key.slice(prefix.length)}: ${reason}`,
      files,
    };
  }
  try {
    const merged = mergeProfiles(scanned.map((s) => (s as Extract<Scanned, { ok: true }>).result));
    return { ok: true, result: { ...merged, sha256, bytes }, files };
  } catch (error) {
    if (!(error instanceof DataRejected)) throw error;
    return { ok: false, sha256, bytes, reason: error.reason, files };
  }
}

async function listParts(s3: S3Client, bucket: string, prefix: string): Promise<Part[]> {
  const parts: Part[] = [];
  for await (const page of paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Prefix: prefix },
  )) {
    for (const object of page.Contents ?? []) {
      const name = object.Key?.slice(prefix.length) ?? "";
      const hidden = name
        .split("/")
        .some((segment) => segment.startsWith("_") || segment.startsWith("."));
      if (object.Key && !hidden) parts.push({ key: object.Key, etag: object.ETag ?? "" });
    }
  }
  return parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
