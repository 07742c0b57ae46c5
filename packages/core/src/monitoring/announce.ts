import { Monitoring } from "@gyre/events";
import { eventMetadata } from "../platform/actor";
import { sendAlerts } from "./alerts";
import type { MonitoringDeps } from "./deps";
import type { Monitor, Report } from "./monitor";

const STATISTIC = {
  ks: "ks",
  wassersteinNorm: "wasserstein",
  psi: "psi",
  jensenShannon: "jensen-shannon",
} as const;

/** Monitoring Report Created for every closed window, and Drift Detected when the dataset drifts. */
export async function announce(
  monitor: Monitor,
  report: Report,
  reportUri: string,
  deps: MonitoringDeps,
) {
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
  await announceDegraded(monitor, report, report.performance?.degraded ?? [], deps);
  if (!report.datasetDrift) return;
  const detail = {
    ...window,
    baseline: monitor.baseline,
    reportId: report.id,
    features: report.features
      .filter((f) => f.drift && f.method)
      .map((f) => ({
        feature: f.feature,
        statistic: STATISTIC[f.method as keyof typeof STATISTIC],
        score: f.value as number,
        threshold: f.threshold as number,
      })),
    metadata: onTheTrip(monitor),
  };
  await Monitoring.DriftDetected.publish(deps.bus, detail);
  await sendAlerts(monitor.settings.alertTargets, { detailType: "Drift Detected", detail });
}

/** Model Performance Degraded, once per metric that fell past its tolerance in the window. */
export async function announceDegraded(
  monitor: Monitor,
  report: Report,
  degraded: NonNullable<Report["performance"]>["degraded"],
  deps: MonitoringDeps,
) {
  for (const { metric, value, threshold } of degraded) {
    const detail = {
      monitorId: monitor.id,
      endpoint: monitor.endpoint,
      model: report.model,
      version: report.version,
      windowStart: report.windowStart,
      windowEnd: report.windowEnd,
      metric,
      value,
      threshold,
      metadata: onTheTrip(monitor),
    };
    await Monitoring.ModelPerformanceDegraded.publish(deps.bus, detail);
    const alert = { detailType: "Model Performance Degraded", detail };
    await sendAlerts(monitor.settings.alertTargets, alert);
  }
}

/** Monitoring speaks for itself, on the trip of the deployment it watches, caused by the capture file. */
export function onTheTrip(monitor: Monitor) {
  const now = eventMetadata();
  return {
    actor: "monitoring",
    correlationId: monitor.correlationId ?? now.correlationId,
    causationId: now.causationId,
  };
}
