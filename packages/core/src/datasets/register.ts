import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { formatFromKey } from "@gyre/profile/index";
import { VisibleError } from "../platform/errors";
import { newId } from "../platform/ids";
import { scanBatch } from "./batch";
import type { DatasetsDeps } from "./deps";
import type { VersionInfo } from "./info";
import { recordVersion } from "./ingest";
import { ObjectGone, scanS3Object } from "./scan";
import { datasetsStore as store } from "./store";

/**
 * Registers an object that lives elsewhere in the bucket as the dataset's next version.
 * A URI ending in `/` registers every file under that folder as one multi-file version.
 */
export async function registerUri(
  dataset: string,
  uri: string,
  deps: DatasetsDeps,
): Promise<{ created: boolean; version: VersionInfo }> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match || match[1] !== deps.objects.bucket) {
    throw new VisibleError(
      "input",
      "dataset.invalid_uri",
      `uri must be s3://${deps.objects.bucket}/<key>; got ${uri}.`,
    );
  }
  const key = match[2] as string;
  const ref = { bucket: deps.objects.bucket, key, eventId: newId("req"), uri };
  const outcome = key.endsWith("/")
    ? await registerFolder(dataset, ref, deps)
    : await recordVersion(
        dataset,
        { ...ref, etag: await etagOf(deps, key), files: 1 },
        await scan(deps, key),
        deps,
      );
  if (outcome.outcome === "created") return { created: true, version: outcome.version };
  const existing =
    outcome.outcome === "duplicate" && outcome.version
      ? await store(deps.state).getVersion(dataset, outcome.version)
      : undefined;
  if (!existing)
    throw new VisibleError(
      "conflict",
      "dataset.busy",
      "This content is being recorded right now; retry shortly.",
    );
  return { created: false, version: existing };
}

async function registerFolder(
  dataset: string,
  ref: { bucket: string; key: string; eventId: string; uri: string },
  deps: DatasetsDeps,
) {
  const { files, ...scanned } = await scanBatch(deps.objects.s3, ref.bucket, ref.key);
  return recordVersion(dataset, { ...ref, etag: "", files }, scanned, deps);
}

async function scan(deps: DatasetsDeps, key: string) {
  try {
    return await scanS3Object(
      deps.objects.s3,
      { bucket: deps.objects.bucket, key },
      formatFromKey(key),
    );
  } catch (error) {
    if (error instanceof ObjectGone) throw notFound(deps.objects.bucket, key);
    throw error;
  }
}

async function etagOf(deps: DatasetsDeps, key: string): Promise<string> {
  try {
    const head = await deps.objects.s3.send(
      new HeadObjectCommand({ Bucket: deps.objects.bucket, Key: key }),
    );
    return (head.ETag ?? "").replace(/"/g, "");
  } catch (error) {
    const name = (error as Error).name;
    if (name === "NotFound" || name === "NoSuchKey") throw notFound(deps.objects.bucket, key);
    throw error;
  }
}

function notFound(bucket: string, key: string): VisibleError {
  return new VisibleError(
    "not_found",
    "dataset.object_not_found",
    `There is no object s3://${bucket}/${key}.`,
  );
}
