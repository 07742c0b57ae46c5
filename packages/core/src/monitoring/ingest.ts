import { readText } from "../platform/objects/s3-client";
import { capturedRows, endpointOfCaptureKey } from "./capture";
import type { MonitoringDeps } from "./deps";
import { storeHourSketches } from "./hours";
import type { Monitor } from "./monitor";
import { type Claim, monitoringStore as store } from "./store";
import { storeChunk } from "./window-data";
import { closeIfDue, closeWindow } from "./windows";

export type IngestOutcome =
  | { outcome: "ingested"; rows: number; report?: string }
  | { outcome: "skipped"; reason: string };

/**
 * A captured file landed: its rows join the monitor's current window once. The file is
 * claimed for the window first (a repeated event finds the claim and reads nothing twice),
 * counted there (moving to the next window if that one closed meanwhile), then its rows are
 * stored; a window past its time closes first, and one that reaches `maxSamples` closes after.
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
  const { fresh, claim } = await store(deps.state).claimFile(
    object,
    monitor.window.id,
    rows.length,
  );
  if (claim.stored) return { outcome: "skipped", reason: "read before" };
  const counted = fresh ? await countInOpenWindow(monitor, claim, deps) : { claim, total: 0 };
  await Promise.all([
    storeHourSketches(monitor, object.key, rows, deps),
    storeChunk(monitor.id, counted.claim, rows, deps),
  ]);
  await store(deps.state).markStored(counted.claim);
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
