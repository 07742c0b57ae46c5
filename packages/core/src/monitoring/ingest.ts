import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { readText } from "../platform/objects/s3-client";
import { capturedRows, endpointOfCaptureKey } from "./capture";
import type { MonitoringDeps } from "./deps";
import { monitoringStore as store } from "./store";
import { closeWindow, windowPrefix } from "./windows";

export type IngestOutcome =
  | { outcome: "ingested"; rows: number; report?: string }
  | { outcome: "skipped"; reason: string };

/**
 * A captured file landed: its rows join the monitor's current window, once (the file is
 * claimed before it is counted, so a repeated event reads nothing), and a window that has
 * enough rows closes into a report.
 */
export async function onCaptureObject(
  object: { key: string; etag: string },
  deps: MonitoringDeps,
): Promise<IngestOutcome> {
  const endpoint = endpointOfCaptureKey(object.key);
  if (!endpoint) return { outcome: "skipped", reason: "not a capture file" };
  const monitor = await store(deps.state).getMonitor(endpoint);
  if (!monitor) return { outcome: "skipped", reason: `no monitor for endpoint ${endpoint}` };
  const dataset = await store(deps.state).getDataset(
    monitor.baseline.dataset,
    monitor.baseline.version,
  );
  const text = await readText(deps.objects, object.key);
  const rows = capturedRows(text, dataset?.columns ?? []);
  const chunk = `${windowPrefix(monitor.id, monitor.window.id)}${createHash("sha256").update(object.key).digest("hex")}.json`;
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: chunk,
      Body: JSON.stringify(rows),
      ContentType: "application/json",
    }),
  );
  if (!(await store(deps.state).claimFile(object.key, object.etag, monitor.window.id))) {
    return { outcome: "skipped", reason: "read before" };
  }
  const total = await store(deps.state).countRows(endpoint, monitor.window.id, rows.length);
  if (total === undefined || total < monitor.settings.minSamples)
    return { outcome: "ingested", rows: rows.length };
  const report = await closeWindow(endpoint, monitor.window.id, deps);
  return { outcome: "ingested", rows: rows.length, report: report?.id };
}
