import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { readText } from "../platform/objects/s3-client";
import type { MonitoringDeps } from "./deps";
import { csvRows, jsonRows, type Row } from "./rows";
import { type Claim, type KnownDataset, monitoringStore as store } from "./store";

/** Where a window's captured rows are kept, one object per capture file. */
export const windowPrefix = (monitorId: string, windowId: string) =>
  `monitoring/${monitorId}/windows/${windowId}/`;

const chunkKey = (monitorId: string, claim: Claim) =>
  `${windowPrefix(monitorId, claim.windowId)}${createHash("sha256").update(claim.key).digest("hex")}.json`;

/** Puts a claimed file's rows in its window (the same object however often it is repeated). */
export async function storeChunk(
  monitorId: string,
  claim: Claim,
  rows: Row[],
  deps: MonitoringDeps,
): Promise<void> {
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: chunkKey(monitorId, claim),
      Body: JSON.stringify(rows),
      ContentType: "application/json",
    }),
  );
  await store(deps.state).markStored(claim);
}

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
): Promise<{ rows: Row[]; late: number }> {
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
  let claims = await store(deps.state).claimsOf(windowId);
  while (claims.some((c) => !c.stored) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    claims = await store(deps.state).claimsOf(windowId);
  }
  const rows: Row[] = [];
  for (const claim of claims.filter((c) => c.stored)) {
    rows.push(...(JSON.parse(await readText(deps.objects, chunkKey(monitorId, claim))) as Row[]));
  }
  const late = claims.filter((c) => !c.stored).reduce((sum, c) => sum + c.rows, 0);
  return { rows, late };
}

/** The baseline dataset version's rows, read from its object. */
export async function baselineRows(dataset: KnownDataset, deps: MonitoringDeps): Promise<Row[]> {
  const key = dataset.uri.replace(/^s3:\/\/[^/]+\//, "");
  const text = await readText(deps.objects, key);
  return /\.jsonl?$/.test(key) ? jsonRows(text) : csvRows(text, dataset.columns);
}
