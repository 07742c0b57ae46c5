import { datasetVerdict } from "./decide";
import type { MonitoringDeps } from "./deps";
import { featureResult, featuresOf, ranked } from "./features";
import { windowSketchDrift } from "./hours";
import type { ClosedWindow, FeatureResult, Monitor, Report } from "./monitor";
import { estimatedPerformance, performanceReport } from "./performance";
import type { Row } from "./rows";
import { segmentResults } from "./segments";
import { type Claim, monitoringStore as store } from "./store";
import { baselineRows, claimedRows, labelledOf, settledClaims, windowRows } from "./window-data";

/** A window's report id follows from the window's: closing it twice makes the same report. */
export const reportIdOf = (windowId: string) => `rep_${windowId.replace(/^win_/, "")}`;

/**
 * The report of a closed window of the monitor: every feature against the baseline (judged
 * only with at least `minSamples` rows), ranked, the segments, and the endpoint's own
 * request, error and latency figures over the window.
 */
export async function reportOf(
  monitor: Monitor,
  closing: ClosedWindow,
  deps: MonitoringDeps,
): Promise<Report> {
  const { baseline, settings } = monitor;
  const claims = await settledClaims(closing.windowId, deps);
  const stored = claims.filter((c) => c.stored);
  if (stored.reduce((sum, c) => sum + c.rows, 0) > settings.exactUpTo)
    return sketchReport(monitor, closing, stored, deps);
  const dataset = await store(deps.state).getDataset(baseline.dataset, baseline.version);
  const columns = dataset?.columns ?? [];
  const reference = dataset ? await baselineRows(dataset, deps) : [];
  const { rows: current, late } = await claimedRows(monitor.id, claims, deps);
  const judged = current.length >= settings.minSamples;
  const { features, ignored } = featuresOf(reference, current, settings.ignore);
  const context = { columns, settings, judged };
  const prediction = await predictionDrift(monitor, closing.windowId, current, context, deps);
  const results = [
    ...features.map((f) => featureResult(f, reference, current, context)),
    ...(prediction ? [prediction] : []),
  ];
  return {
    ...header(monitor, closing),
    mode: "exact",
    samples: current.length,
    judged,
    features: ranked(results),
    ignored,
    ...datasetVerdict(results, judged),
    segments: judged ? segmentResults(reference, current, features, { columns, settings }) : [],
    lateRows: late,
    predictions: current.filter((row) => typeof row.prediction === "number").length,
    predictionReference: prediction ? monitor.predictionReference : null,
    performance: await windowPerformance(monitor, closing.windowId, deps),
    estimatedPerformance: estimatedPerformance(current),
    serving: await servingOf(monitor.endpoint, closing.start, deps),
  };
}

/** A large window's report from merged sketches: the same verdicts, bounded memory. */
async function sketchReport(
  monitor: Monitor,
  closing: ClosedWindow,
  claims: Claim[],
  deps: MonitoringDeps,
): Promise<Report> {
  const drift = await windowSketchDrift(
    monitor,
    claims.map((c) => c.key),
    deps,
  );
  const features = drift.features.map(({ exact: _exact, ...f }) => ({
    ...f,
    type: f.type as FeatureResult["type"],
    unseenCategories: [],
    typeViolations: 0,
  }));
  return {
    ...header(monitor, closing),
    mode: "sketch",
    samples: drift.samples,
    judged: drift.judged,
    features: ranked(features),
    ignored: drift.ignored,
    driftShare: drift.driftShare,
    datasetDrift: drift.datasetDrift,
    segments: drift.segments,
    lateRows: 0,
    predictions: 0,
    predictionReference: null,
    performance: await windowPerformance(monitor, closing.windowId, deps),
    estimatedPerformance: null,
    serving: await servingOf(monitor.endpoint, closing.start, deps),
  };
}

function header(monitor: Monitor, closing: ClosedWindow) {
  return {
    id: reportIdOf(closing.windowId),
    monitorId: monitor.id,
    endpoint: monitor.endpoint,
    model: monitor.model,
    version: monitor.version,
    baseline: monitor.baseline,
    windowId: closing.windowId,
    windowStart: closing.start,
    windowEnd: closing.end,
    closedBy: closing.closedBy,
    createdAt: closing.end,
  };
}

/**
 * The window's predictions against those of the monitor's prediction reference (the first
 * judged window of the version), judged like any other feature; undefined without one.
 */
async function predictionDrift(
  monitor: Monitor,
  windowId: string,
  current: Row[],
  context: Parameters<typeof featureResult>[3],
  deps: MonitoringDeps,
) {
  const referenceId = monitor.predictionReference;
  if (!referenceId || referenceId === windowId) return undefined;
  if (!current.some((row) => typeof row.prediction === "number")) return undefined;
  const { rows } = await windowRows(monitor.id, referenceId, deps, 0);
  return featureResult("prediction", rows, current, context);
}

/** The window's performance against the ground truth joined to it so far, beside training's. */
export async function windowPerformance(monitor: Monitor, windowId: string, deps: MonitoringDeps) {
  const pairs = await labelledOf(monitor.id, windowId, deps);
  const training = await store(deps.state).trainingMetrics(monitor.model, monitor.version);
  return performanceReport(pairs, training, monitor.settings.performanceTolerance);
}

/** The endpoint's figures since the window opened, when the platform can measure them. */
async function servingOf(
  endpoint: string,
  since: string,
  deps: MonitoringDeps,
): Promise<Report["serving"]> {
  if (!deps.endpoints) return [];
  try {
    const metrics = await deps.endpoints.metrics(endpoint, new Date(since));
    return metrics.map(({ variant, version, requests, errors5xx, latencyP99Ms }) => ({
      variant,
      version,
      requests,
      errors5xx,
      latencyP99Ms,
    }));
  } catch {
    // The endpoint may be gone (deleted, or a host that stopped); the report stands without them.
    return [];
  }
}
