import { Monitoring } from "@gyre/events";
import { eventMetadata } from "../platform/actor";
import { type Announcement, announce } from "../platform/outbox/announcement";
import { relaySoon } from "../platform/outbox/relay";
import { tableName } from "../platform/state/tables";
import { sendAlerts } from "./alerts";
import type { MonitoringDeps } from "./deps";
import type { Monitor, Report } from "./monitor";
import { reportKey } from "./store";

const STATISTIC = {
  ks: "ks",
  wassersteinNorm: "wasserstein",
  psi: "psi",
  jensenShannon: "jensen-shannon",
} as const;

type Degraded = NonNullable<Report["performance"]>["degraded"];

/** Publishes what a report's last write put in its outbox (the sweep does, if this fails). */
export function relayReport(deps: Pick<MonitoringDeps, "state" | "bus">, reportId: string) {
  return relaySoon(deps, tableName("monitoring"), reportKey(reportId));
}

/** Monitoring Report Created for a closed window, Drift Detected when the dataset drifts. */
export function reportEvents(monitor: Monitor, report: Report, reportUri: string): Announcement[] {
  const window = windowOf(monitor, report);
  const created = announce(Monitoring.MonitoringReportCreated, `${report.id}:created`, {
    ...window,
    reportId: report.id,
    reportUri,
    drifted: report.datasetDrift,
    samples: report.samples,
    metadata: onTheTrip(monitor),
  });
  const degraded = degradedEvents(monitor, report, report.performance?.degraded ?? []);
  const drift = driftDetail(monitor, report);
  return drift
    ? [created, ...degraded, announce(Monitoring.DriftDetected, `${report.id}:drift`, drift)]
    : [created, ...degraded];
}

/** Model Performance Degraded, once per metric that fell past its tolerance in the window. */
export function degradedEvents(monitor: Monitor, report: Report, degraded: Degraded) {
  return degraded.map((d) =>
    announce(Monitoring.ModelPerformanceDegraded, `${report.id}:degraded:${d.metric}`, {
      ...windowOf(monitor, report),
      model: report.model,
      version: report.version,
      metric: d.metric,
      value: d.value,
      threshold: d.threshold,
      metadata: onTheTrip(monitor),
    }),
  );
}

/** The webhooks hear what the bus does, once, after the report and its events are durable. */
export async function alertFor(announcements: Announcement[], monitor: Monitor) {
  for (const { entry } of announcements) {
    if (entry.DetailType === "Monitoring Report Created") continue;
    await sendAlerts(monitor.settings.alertTargets, {
      detailType: entry.DetailType,
      detail: JSON.parse(entry.Detail),
    });
  }
}

function windowOf(monitor: Monitor, report: Report) {
  return {
    monitorId: monitor.id,
    endpoint: monitor.endpoint,
    model: monitor.model,
    version: monitor.version,
    windowStart: report.windowStart,
    windowEnd: report.windowEnd,
  };
}

function driftDetail(monitor: Monitor, report: Report) {
  if (!report.datasetDrift) return undefined;
  return {
    ...windowOf(monitor, report),
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
