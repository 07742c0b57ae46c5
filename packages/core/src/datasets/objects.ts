import { formatFromKey } from "@gyre/profile/index";
import { scanBatch } from "./batch";
import type { DatasetsDeps } from "./deps";
import { type IngestOutcome, type ObjectRef, recordVersion } from "./ingest";
import { classifyKey } from "./keys";
import { ObjectGone, scanS3Object } from "./scan";

export type ObjectOutcome = IngestOutcome | { outcome: "ignored" | "stale"; reason: string };

/** An object landed in the bucket: a single-file version, a batch completed, or nothing to do. */
export async function objectCreated(ref: ObjectRef, deps: DatasetsDeps): Promise<ObjectOutcome> {
  const place = classifyKey(ref.key);
  try {
    switch (place.kind) {
      case "ignored":
        return { outcome: "ignored", reason: `${ref.key}: ${place.reason}` };
      case "batch-part":
        return {
          outcome: "ignored",
          reason: `${ref.key}: part of batch ${place.batch}, waits for its _SUCCESS`,
        };
      case "file": {
        const scanned = await scanS3Object(deps.objects.s3, ref, formatFromKey(ref.key));
        return await recordVersion(
          place.dataset,
          { ...ref, uri: `s3://${ref.bucket}/${ref.key}`, files: 1 },
          scanned,
          deps,
        );
      }
      case "batch-complete": {
        const { files, ...scanned } = await scanBatch(deps.objects.s3, ref.bucket, place.prefix);
        const uri = `s3://${ref.bucket}/${place.prefix}`;
        return await recordVersion(place.dataset, { ...ref, uri, files }, scanned, deps);
      }
    }
  } catch (error) {
    if (error instanceof ObjectGone) return { outcome: "stale", reason: error.message };
    throw error;
  }
}
