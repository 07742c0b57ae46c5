import { PutObjectCommand } from "@aws-sdk/client-s3";
import { newId } from "../platform/ids";
import type { Announcement } from "../platform/outbox/announcement";
import { allPages } from "../platform/state/pages";
import { alertFor, relayReport, reportEvents } from "./announce";
import type { MonitoringDeps } from "./deps";
import type { ClosedWindow, Monitor, Report } from "./monitor";
import { reportOf } from "./report";
import { monitoringStore as store } from "./store";

/** When the monitor's current window closes on time. */
export const windowDue = (monitor: Monitor) =>
  new Date(Date.parse(monitor.window.start) + monitor.settings.windowSeconds * 1000);

/**
 * Closes the window once: a new window takes its place conditionally, with the closed one
 * recorded as the pending report, so files that arrive meanwhile count in the new window and
 * a crash before the report is made leaves it to the next closer or sweep.
 */
export async function closeWindow(
  endpoint: string,
  windowId: string,
  closedBy: ClosedWindow["closedBy"],
  deps: MonitoringDeps,
): Promise<Report | undefined> {
  const monitor = await store(deps.state).getMonitor(endpoint);
  if (monitor?.window.id !== windowId) return undefined;
  if (monitor.pendingReport) await finishReport(monitor, deps);
  const end = new Date().toISOString();
  const closed = { windowId, start: monitor.window.start, end, closedBy };
  const next: Monitor = {
    ...monitor,
    window: { id: newId("win"), start: end, rows: 0 },
    pendingReport: closed,
    updatedAt: end,
  };
  if (!(await store(deps.state).saveMonitor(next, false)))
    return closeWindow(endpoint, windowId, closedBy, deps);
  return finishReport({ ...next, revision: next.revision + 1 }, deps);
}

/**
 * Makes the report of the monitor's pending closed window, keeps it (its id follows from the
 * window's, so making it twice makes the same one), announces it and clears the pending mark.
 */
export async function finishReport(
  monitor: Monitor,
  deps: MonitoringDeps,
): Promise<Report | undefined> {
  const closed = monitor.pendingReport;
  if (!closed) return undefined;
  const report = await reportOf(monitor, closed, deps);
  // Made again after a crash, the report was kept with its events already: they are not added
  // twice (those still pending stay, and are relayed now).
  const kept = await store(deps.state).getReport(report.id);
  const events = kept ? [] : reportEvents(monitor, report, reportUriOf(monitor, report, deps));
  await keepReport(monitor, report, deps, events);
  await alertFor(events, monitor);
  if (!monitor.predictionReference && report.judged && report.predictions > 0)
    await store(deps.state).setPredictionReference(monitor.endpoint, closed.windowId);
  await store(deps.state).clearPending(monitor.endpoint, closed.windowId);
  return report;
}

const reportObject = (monitor: Monitor, report: Report) =>
  `monitoring/${monitor.id}/reports/${report.id}.json`;
const reportUriOf = (monitor: Monitor, report: Report, deps: MonitoringDeps) =>
  `s3://${deps.objects.bucket}/${reportObject(monitor, report)}`;

/**
 * Keeps the report as JSON in the bucket, then in the table with the events it announces, and
 * relays them. The bucket first: an event never names an object that is not there.
 */
export async function keepReport(
  monitor: Monitor,
  report: Report,
  deps: MonitoringDeps,
  announcements: Announcement[],
) {
  const key = reportObject(monitor, report);
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: key,
      Body: JSON.stringify(report),
      ContentType: "application/json",
    }),
  );
  await store(deps.state).putReport(report, announcements);
  await relayReport(deps, report.id);
}

/**
 * The sweep (every minute on AWS, every few seconds locally): reports left pending by a crash
 * are finished, and every window whose time is up closes, with a report when it holds rows;
 * an empty one just starts again.
 */
export async function closeDueWindows(deps: MonitoringDeps, now = new Date()) {
  const monitors = await allPages((cursor) => store(deps.state).listMonitors(100, cursor));
  const closed: string[] = [];
  for (const listed of monitors) {
    if (listed.pendingReport) await finishReport(listed, deps);
    const monitor = listed.pendingReport
      ? await store(deps.state).getMonitor(listed.endpoint)
      : listed;
    if (monitor && (await closeIfDue(monitor, deps, now))) closed.push(monitor.endpoint);
  }
  return closed;
}

/** Closes the monitor's window if its time is up; true when this call closed or restarted it. */
export async function closeIfDue(monitor: Monitor, deps: MonitoringDeps, now = new Date()) {
  if (windowDue(monitor) > now) return false;
  if (monitor.window.rows > 0)
    return (await closeWindow(monitor.endpoint, monitor.window.id, "time", deps)) !== undefined;
  const start = now.toISOString();
  const restarted = { ...monitor, window: { ...monitor.window, start }, updatedAt: start };
  return store(deps.state).saveMonitor(restarted, false);
}
