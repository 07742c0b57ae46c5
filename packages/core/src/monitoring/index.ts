export { endpointOfCaptureKey } from "./capture";
export { onDatasetVersion } from "./datasets";
export type { MonitoringDeps, MonitoringReads } from "./deps";
export { type IngestOutcome, onCaptureObject } from "./ingest";
export {
  Baseline,
  DriftMethod,
  FeatureResult,
  Monitor,
  MonitorSettings,
  Report,
  SegmentResult,
} from "./monitor";
export {
  getMonitor,
  getReport,
  listMonitors,
  listReports,
  onDeploymentSucceeded,
  rebaseline,
  updateMonitor,
} from "./monitors";
export { reportIdOf } from "./report";
export { closeDueWindows, closeWindow, windowDue } from "./windows";
