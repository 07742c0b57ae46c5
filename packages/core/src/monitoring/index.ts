export { endpointOfCaptureKey } from "./capture";
export { onDatasetVersion } from "./datasets";
export type { MonitoringDeps, MonitoringReads } from "./deps";
export { type IngestOutcome, onCaptureObject } from "./ingest";
export { FeatureResult, Monitor, MonitorSettings, Report } from "./monitor";
export {
  getMonitor,
  getReport,
  listMonitors,
  listReports,
  onDeploymentSucceeded,
  updateMonitor,
} from "./monitors";
export { closeWindow } from "./windows";
