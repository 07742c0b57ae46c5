import { PutObjectCommand } from "@aws-sdk/client-s3";
import * as z from "zod";
import { newId } from "../platform/ids";
import { readText } from "../platform/objects/s3-client";
import { alertFor, degradedEvents } from "./announce";
import { ROW_ID } from "./capture";
import type { MonitoringDeps } from "./deps";
import type { Monitor, Report } from "./monitor";
import { getMonitor } from "./monitors";
import type { LabelledPrediction } from "./performance";
import { windowPerformance } from "./report";
import { monitoringStore as store } from "./store";
import { putLabelled, windowRows } from "./window-data";
import { keepReport } from "./windows";

const Label = z.strictObject({
  eventId: z.string().min(1).max(200).describe("the inference id data capture recorded"),
  label: z.union([z.number().finite(), z.boolean()]),
});

export const GroundTruth = z.strictObject({ items: z.array(Label).min(1).max(10_000) });

/** Ground truth is joined with predictions captured in the open window and this many closed ones. */
export const WINDOWS_JOINED = 48;

/** The endpoint of a ground-truth key, `ground-truth/<endpoint>/<file>`. */
export function endpointOfGroundTruthKey(key: string): string | undefined {
  return /^ground-truth\/([^/]+)\/[^/]+$/.exec(key)?.[1];
}

/**
 * POST /monitors/{id}/ground-truth: the labels become a JSON Lines file under
 * `ground-truth/<endpoint>/`, where a pipeline may also put them straight into S3; either
 * way the file's Object Created event joins them.
 */
export async function postGroundTruth(id: string, input: unknown, deps: MonitoringDeps) {
  const { items } = GroundTruth.parse(input);
  const monitor = await getMonitor(id, deps);
  const key = `ground-truth/${monitor.endpoint}/${newId("gt")}.jsonl`;
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: key,
      Body: `${items.map((item) => JSON.stringify(item)).join("\n")}\n`,
      ContentType: "application/x-ndjson",
    }),
  );
  return { accepted: items.length, uri: `s3://${deps.objects.bucket}/${key}` };
}

export type GroundTruthOutcome =
  | { outcome: "joined"; labels: number; matched: number; invalid: number }
  | { outcome: "skipped"; reason: string };

/**
 * A ground-truth file landed: once per file (claimed like a capture file), each label is
 * joined by inference id with the predictions of the open window and the last closed ones;
 * a closed window's report gets its performance again, and a newly degraded metric is
 * announced.
 */
export async function onGroundTruthObject(
  object: { key: string; etag: string },
  deps: MonitoringDeps,
): Promise<GroundTruthOutcome> {
  const endpoint = endpointOfGroundTruthKey(object.key);
  if (!endpoint) return { outcome: "skipped", reason: "not a ground-truth file" };
  const monitor = await store(deps.state).getMonitor(endpoint);
  if (!monitor) return { outcome: "skipped", reason: `no monitor for endpoint ${endpoint}` };
  const { labels, invalid } = parseLabels(await readText(deps.objects, object.key));
  const { claim } = await store(deps.state).claimFile(object, "ground-truth", labels.size);
  if (claim.stored) return { outcome: "skipped", reason: "read before" };
  let matched = 0;
  const { items: closed } = await store(deps.state).listReports(monitor.id, WINDOWS_JOINED);
  const windows = [
    { windowId: monitor.window.id, report: undefined },
    ...closed.map((report) => ({ windowId: report.windowId, report })),
  ];
  for (const { windowId, report } of windows) {
    const pairs = await joined(monitor, windowId, labels, deps);
    if (!pairs.length) continue;
    matched += pairs.length;
    await putLabelled(monitor.id, windowId, object.key, pairs, deps);
    if (report) await refreshReport(monitor, report, deps);
  }
  await store(deps.state).markStored(claim);
  return { outcome: "joined", labels: labels.size, matched, invalid };
}

function parseLabels(text: string) {
  const labels = new Map<string, number | boolean>();
  let invalid = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const parsed = (() => {
      try {
        return Label.safeParse(JSON.parse(line));
      } catch {
        return undefined;
      }
    })();
    if (parsed?.success) labels.set(parsed.data.eventId, parsed.data.label);
    else invalid += 1;
  }
  return { labels, invalid };
}

async function joined(
  monitor: Monitor,
  windowId: string,
  labels: Map<string, number | boolean>,
  deps: MonitoringDeps,
): Promise<LabelledPrediction[]> {
  const { rows } = await windowRows(monitor.id, windowId, deps, 0);
  return rows.flatMap((row) => {
    const label = labels.get(String(row[ROW_ID]));
    const score = row.prediction;
    return label === undefined || typeof score !== "number" ? [] : [{ score, label }];
  });
}

/** A closed window's report with its performance recomputed from every label joined to it. */
async function refreshReport(monitor: Monitor, report: Report, deps: MonitoringDeps) {
  const performance = await windowPerformance(monitor, report.windowId, deps);
  const before = new Set(report.performance?.degraded.map((d) => d.metric));
  const newly = (performance?.degraded ?? []).filter((d) => !before.has(d.metric));
  const events = degradedEvents(monitor, report, newly);
  await keepReport(monitor, { ...report, performance }, deps, events);
  await alertFor(events, monitor);
}
