import { PutObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { Monitoring } from "@gyre/events";
import { type ColumnDrift, compareDatasets } from "@gyre/profile/drift/index";
import { eventMetadata } from "../platform/actor";
import { newId } from "../platform/ids";
import { readText } from "../platform/objects/s3-client";
import type { MonitoringDeps } from "./deps";
import type { Monitor, Report } from "./monitor";
import { csvRows, jsonRows, type Row } from "./rows";
import { type KnownDataset, monitoringStore as store } from "./store";

/** Where a window's captured rows are kept, one object per capture file. */
export const windowPrefix = (monitorId: string, windowId: string) =>
  `monitoring/${monitorId}/windows/${windowId}/`;

/** A categorical reference column this varied is an identifier, not a feature. */
const ID_LIKE_SHARE = 0.5;

/**
 * Closes the window once (a new one takes its place conditionally), compares its rows with
 * the baseline exactly, keeps the report, announces it, and announces drift when at least
 * half the features drift.
 */
export async function closeWindow(
  endpoint: string,
  windowId: string,
  deps: MonitoringDeps,
): Promise<Report | undefined> {
  const monitor = await store(deps.state).getMonitor(endpoint);
  if (monitor?.window.id !== windowId) return undefined;
  const end = new Date().toISOString();
  const next = { ...monitor, window: { id: newId("win"), start: end, rows: 0 }, updatedAt: end };
  if (!(await store(deps.state).saveMonitor(next, false)))
    return closeWindow(endpoint, windowId, deps);
  const report = await reportOf(monitor, end, deps);
  await store(deps.state).putReport(report);
  const reportUri = `s3://${deps.objects.bucket}/monitoring/${monitor.id}/reports/${report.id}.json`;
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: reportUri.slice(`s3://${deps.objects.bucket}/`.length),
      Body: JSON.stringify(report),
      ContentType: "application/json",
    }),
  );
  await announce(monitor, report, reportUri, deps);
  return report;
}

async function reportOf(monitor: Monitor, end: string, deps: MonitoringDeps): Promise<Report> {
  const dataset = await store(deps.state).getDataset(
    monitor.baseline.dataset,
    monitor.baseline.version,
  );
  const reference = dataset ? await baselineRows(dataset, deps) : [];
  const current = await windowRows(monitor, deps);
  const { features, ignored } = featuresOf(reference, current, monitor);
  const pick = (rows: Row[]) =>
    rows.map((row) => Object.fromEntries(features.map((f) => [f, row[f]])));
  const drift = compareDatasets(pick(reference), pick(current), {
    thresholds: monitor.settings.thresholds,
  });
  const results = Object.entries(drift.features).map(([feature, result]) => ({
    feature,
    ...resultOf(result),
    missingRate: current.length
      ? current.filter((row) => row[feature] == null).length / current.length
      : 0,
  }));
  results.sort((a, b) => Number(b.drift) - Number(a.drift) || (b.value ?? 0) - (a.value ?? 0));
  return {
    id: newId("rep"),
    monitorId: monitor.id,
    endpoint: monitor.endpoint,
    model: monitor.model,
    version: monitor.version,
    baseline: monitor.baseline,
    windowId: monitor.window.id,
    windowStart: monitor.window.start,
    windowEnd: end,
    samples: current.length,
    features: results,
    ignored,
    driftShare: drift.driftShare,
    datasetDrift: drift.datasetDrift,
    createdAt: end,
  };
}

/** The baseline's columns seen in the window too, less the ignored and the identifier-like ones. */
function featuresOf(reference: Row[], current: Row[], monitor: Monitor) {
  const seen = new Set(current.flatMap((row) => Object.keys(row)));
  const columns = [...new Set(reference.flatMap((row) => Object.keys(row)))].filter((c) =>
    seen.has(c),
  );
  const ignored = columns.filter(
    (c) => monitor.settings.ignore.includes(c) || idLike(reference, c),
  );
  return { features: columns.filter((c) => !ignored.includes(c)), ignored };
}

function idLike(rows: Row[], column: string): boolean {
  const values = rows.map((row) => row[column]).filter((v) => v != null);
  if (!values.length || values.every((v) => typeof v === "number" || typeof v === "boolean"))
    return false;
  return new Set(values).size / values.length > ID_LIKE_SHARE;
}

function resultOf(result: ColumnDrift) {
  return {
    type: result.type,
    method: result.method,
    value: result.value,
    threshold: result.threshold,
    drift: result.drift,
  };
}

async function announce(monitor: Monitor, report: Report, reportUri: string, deps: MonitoringDeps) {
  const window = {
    monitorId: monitor.id,
    endpoint: monitor.endpoint,
    model: monitor.model,
    version: monitor.version,
    windowStart: report.windowStart,
    windowEnd: report.windowEnd,
  };
  await Monitoring.MonitoringReportCreated.publish(deps.bus, {
    ...window,
    reportId: report.id,
    reportUri,
    drifted: report.datasetDrift,
    samples: report.samples,
    metadata: onTheTrip(monitor),
  });
  if (!report.datasetDrift) return;
  const statistic = {
    ks: "ks",
    wassersteinNorm: "wasserstein",
    jensenShannon: "jensen-shannon",
  } as const;
  await Monitoring.DriftDetected.publish(deps.bus, {
    ...window,
    baseline: monitor.baseline,
    reportId: report.id,
    features: report.features
      .filter((f) => f.drift && f.method)
      .map((f) => ({
        feature: f.feature,
        statistic: statistic[f.method as keyof typeof statistic],
        score: f.value as number,
        threshold: f.threshold as number,
      })),
    metadata: onTheTrip(monitor),
  });
}

/** Monitoring speaks for itself, on the trip of the deployment it watches, caused by the capture file. */
function onTheTrip(monitor: Monitor) {
  const now = eventMetadata();
  return {
    actor: "monitoring",
    correlationId: monitor.correlationId ?? now.correlationId,
    causationId: now.causationId,
  };
}

async function windowRows(monitor: Monitor, deps: MonitoringDeps): Promise<Row[]> {
  const rows: Row[] = [];
  const pages = paginateListObjectsV2(
    { client: deps.objects.s3 },
    { Bucket: deps.objects.bucket, Prefix: windowPrefix(monitor.id, monitor.window.id) },
  );
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      rows.push(...(JSON.parse(await readText(deps.objects, object.Key as string)) as Row[]));
    }
  }
  return rows;
}

async function baselineRows(dataset: KnownDataset, deps: MonitoringDeps): Promise<Row[]> {
  const key = dataset.uri.replace(/^s3:\/\/[^/]+\//, "");
  const text = await readText(deps.objects, key);
  return /\.jsonl?$/.test(key) ? jsonRows(text) : csvRows(text, dataset.columns);
}
