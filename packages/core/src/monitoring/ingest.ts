import { readText } from "../platform/objects/s3-client";
import { capturedRows, endpointOfCaptureKey } from "./capture";
import type { MonitoringDeps } from "./deps";
import { storeFileData } from "./file-data";
import type { Monitor } from "./monitor";
import { type Claim, monitoringStore as store } from "./store";
import { closeIfDue, closeWindow } from "./windows";

export type IngestOutcome =
  | { outcome: "ingested"; rows: number; report?: string }
  | { outcome: "skipped"; reason: string };

/**
 * A captured file landed: its rows join the monitor's current window once. What the file
 * leaves (its sketches and rows, file-data.ts) is written first, under a key of its own; then
 * the file is claimed for the window (a repeated event finds the claim and counts nothing
 * twice), then counted there (moving to the next window if that one closed meanwhile). A
 * claim is thus never without its rows. A window past its time closes first, and one that
 * reaches `maxSamples` closes after.
 */
export async function onCaptureObject(
  object: { key: string; etag: string },
  deps: MonitoringDeps,
): Promise<IngestOutcome> {
  const endpoint = endpointOfCaptureKey(object.key);
  if (!endpoint) return { outcome: "skipped", reason: "not a capture file" };
  // The file is read while the monitor is: an endpoint without one is rare, a wait is not.
  const [found, text] = await Promise.all([
    store(deps.state).getMonitor(endpoint),
    readText(deps.objects, object.key),
  ]);
  let monitor = found;
  if (!monitor) return { outcome: "skipped", reason: `no monitor for endpoint ${endpoint}` };
  if (await closeIfDue(monitor, deps))
    monitor = (await store(deps.state).getMonitor(endpoint)) ?? monitor;
  const { baseline } = monitor;
  const dataset = await store(deps.state).getDataset(baseline.dataset, baseline.version);
  const rows = capturedRows(text, dataset?.columns ?? []);
  await storeFileData(monitor, object.key, rows, deps);
  const { fresh, claim } = await store(deps.state).claimFile(
    object,
    monitor.window.id,
    rows.length,
    true,
  );
  if (!fresh) {
    // Claimed before files' rows were written ahead of their claims, and cut off before them.
    if (!claim.stored) await store(deps.state).markStored(claim);
    return { outcome: "skipped", reason: "read before" };
  }
  const counted = await countInOpenWindow(monitor, claim, deps);
  if (counted.total < monitor.settings.maxSamples)
    return { outcome: "ingested", rows: rows.length };
  const report = await closeWindow(endpoint, counted.claim.windowId, "count", deps);
  return { outcome: "ingested", rows: rows.length, report: report?.id };
}

/** Counts the claim's rows in its window, or, once that window has closed, in the one open now. */
async function countInOpenWindow(
  monitor: Monitor,
  claim: Claim,
  deps: MonitoringDeps,
): Promise<{ claim: Claim; total: number }> {
  for (let current = claim; ; ) {
    const total = await store(deps.state).countRows(monitor.endpoint, current.windowId, claim.rows);
    if (total !== undefined) return { claim: current, total };
    const now = await store(deps.state).getMonitor(monitor.endpoint);
    if (!now) return { claim: current, total: 0 };
    current = (await store(deps.state).rehomeClaim(current, now.window.id))
      ? { ...current, windowId: now.window.id }
      : await store(deps.state).getClaim(current);
  }
}
