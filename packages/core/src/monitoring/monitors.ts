import type { Deployment, EventDetail } from "@gyre/events";
import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import { newId } from "../platform/ids";
import type { Page } from "../platform/state/pages";
import type { MonitoringReads } from "./deps";
import { type Monitor, MonitorSettings, type Report } from "./monitor";
import { monitoringStore as store } from "./store";

type Succeeded = EventDetail<typeof Deployment.DeploymentSucceeded>;

/**
 * Deployment Succeeded: the endpoint's monitor (made on its first deployment) now watches the
 * deployed version, against the dataset version it was trained on, from a fresh window.
 */
export async function onDeploymentSucceeded(detail: Succeeded, deps: MonitoringReads) {
  if (!detail.dataset) return undefined;
  const baseline = { dataset: detail.dataset.name, version: detail.dataset.version };
  for (;;) {
    const existing = await store(deps.state).getMonitor(detail.endpoint);
    if (existing?.version === detail.version && existing.model === detail.model) return existing;
    const now = new Date().toISOString();
    const monitor: Monitor = {
      id: existing?.id ?? newId("mon"),
      endpoint: detail.endpoint,
      model: detail.model,
      version: detail.version,
      baseline,
      settings: existing?.settings ?? MonitorSettings.parse({}),
      window: { id: newId("win"), start: now, rows: 0 },
      pendingReport: existing?.pendingReport ?? null,
      predictionReference: null,
      correlationId: eventMetadata().correlationId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      revision: existing?.revision ?? 0,
    };
    if (await store(deps.state).saveMonitor(monitor, !existing)) return monitor;
  }
}

export async function getMonitor(id: string, deps: MonitoringReads): Promise<Monitor> {
  const monitor = await store(deps.state).findMonitor(id);
  if (!monitor)
    throw new VisibleError("not_found", "monitor.not_found", `There is no monitor ${id}.`);
  return monitor;
}

export function listMonitors(
  query: { limit: number; cursor?: string },
  deps: MonitoringReads,
): Promise<Page<Monitor>> {
  return store(deps.state).listMonitors(query.limit, query.cursor);
}

/** PUT /monitors/{id}: the window size, features to ignore, per-feature thresholds. */
export async function updateMonitor(
  id: string,
  input: unknown,
  deps: MonitoringReads,
): Promise<Monitor> {
  const settings = MonitorSettings.parse(input);
  for (;;) {
    const monitor = await getMonitor(id, deps);
    const next = { ...monitor, settings, updatedAt: new Date().toISOString() };
    if (await store(deps.state).saveMonitor(next, false))
      return { ...next, revision: next.revision + 1 };
  }
}

/**
 * POST /monitors/{id}/baseline: compare the endpoint's traffic with another dataset version,
 * the open window's included (the dataset version must be one monitoring has seen created).
 */
export async function rebaseline(
  id: string,
  baseline: { dataset: string; version: number },
  deps: MonitoringReads,
): Promise<Monitor> {
  if (!(await store(deps.state).getDataset(baseline.dataset, baseline.version))) {
    throw new VisibleError(
      "input",
      "monitor.baseline_unknown",
      `There is no dataset version ${baseline.dataset} v${baseline.version}.`,
    );
  }
  for (;;) {
    const monitor = await getMonitor(id, deps);
    const next = { ...monitor, baseline, updatedAt: new Date().toISOString() };
    if (await store(deps.state).saveMonitor(next, false))
      return { ...next, revision: next.revision + 1 };
  }
}

export function listReports(
  id: string,
  query: { limit: number; cursor?: string },
  deps: MonitoringReads,
): Promise<Page<Report>> {
  return store(deps.state).listReports(id, query.limit, query.cursor);
}

export async function getReport(id: string, deps: MonitoringReads): Promise<Report> {
  const report = await store(deps.state).getReport(id);
  if (!report) throw new VisibleError("not_found", "report.not_found", `There is no report ${id}.`);
  return report;
}
