import { createHash } from "node:crypto";
import { PutObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { readText } from "../platform/objects/s3-client";
import type { MonitoringDeps } from "./deps";
import { rowsOfFile } from "./file-data";
import type { LabelledPrediction } from "./performance";
import { csvRows, jsonRows, type Row } from "./rows";
import { type Claim, type KnownDataset, monitoringStore as store } from "./store";

/** Where a window's captured rows are kept, one object per capture file. */
export const windowPrefix = (monitorId: string, windowId: string) =>
  `monitoring/${monitorId}/windows/${windowId}/`;

/** Where a window's rows were kept, one object per file, before a file's rows moved into its own object (file-data.ts). */
const legacyChunkKey = (monitorId: string, claim: Claim) =>
  `${windowPrefix(monitorId, claim.windowId)}${createHash("sha256").update(claim.key).digest("hex")}.json`;

/** How long a closing window waits for files whose rows are being stored as it closes. */
const IN_FLIGHT_WAIT_MS = 5_000;

/**
 * The rows of every file claimed for the window. A file claimed but not yet stored is being
 * ingested right now: its rows are waited for a little, and left out (and counted) if they
 * do not come or the file moved to the next window.
 */
export async function windowRows(
  monitorId: string,
  windowId: string,
  deps: MonitoringDeps,
  waitMs = IN_FLIGHT_WAIT_MS,
): Promise<{ rows: Row[]; late: number }> {
  return claimedRows(monitorId, await settledClaims(windowId, deps, waitMs), deps);
}

/** The rows of the stored claims, and how many rows the unstored ones hold (left out). */
export async function claimedRows(
  monitorId: string,
  claims: Claim[],
  deps: MonitoringDeps,
): Promise<{ rows: Row[]; late: number }> {
  const rows: Row[] = [];
  for (const claim of claims.filter((c) => c.stored)) {
    const stored = await rowsOfFile(monitorId, claim.key, legacyChunkKey(monitorId, claim), deps);
    for (const row of stored) rows.push(row);
  }
  const late = claims.filter((c) => !c.stored).reduce((sum, c) => sum + c.rows, 0);
  return { rows, late };
}

const labelsPrefix = (monitorId: string, windowId: string) =>
  `${windowPrefix(monitorId, windowId)}labels/`;

/** Keeps the labelled predictions a ground-truth file gave the window (one object per file). */
export async function putLabelled(
  monitorId: string,
  windowId: string,
  file: string,
  pairs: LabelledPrediction[],
  deps: MonitoringDeps,
): Promise<void> {
  const name = createHash("sha256").update(file).digest("hex");
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: `${labelsPrefix(monitorId, windowId)}${name}.json`,
      Body: JSON.stringify(pairs),
      ContentType: "application/json",
    }),
  );
}

/** Every labelled prediction of the window so far. */
export async function labelledOf(
  monitorId: string,
  windowId: string,
  deps: MonitoringDeps,
): Promise<LabelledPrediction[]> {
  const pairs: LabelledPrediction[] = [];
  const pages = paginateListObjectsV2(
    { client: deps.objects.s3 },
    { Bucket: deps.objects.bucket, Prefix: labelsPrefix(monitorId, windowId) },
  );
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      const text = await readText(deps.objects, object.Key as string);
      pairs.push(...(JSON.parse(text) as LabelledPrediction[]));
    }
  }
  return pairs;
}

/** The window's claims, once the files being stored as it closes are stored (or the wait is over). */
export async function settledClaims(
  windowId: string,
  deps: MonitoringDeps,
  waitMs = IN_FLIGHT_WAIT_MS,
): Promise<Claim[]> {
  const deadline = Date.now() + waitMs;
  let claims = await store(deps.state).claimsOf(windowId);
  while (claims.some((c) => !c.stored) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    claims = await store(deps.state).claimsOf(windowId);
  }
  return claims;
}

/** The baseline dataset version's rows, read from its object. */
export async function baselineRows(dataset: KnownDataset, deps: MonitoringDeps): Promise<Row[]> {
  const key = dataset.uri.replace(/^s3:\/\/[^/]+\//, "");
  const text = await readText(deps.objects, key);
  return /\.jsonl?$/.test(key) ? jsonRows(text) : csvRows(text, dataset.columns);
}
