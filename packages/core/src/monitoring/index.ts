export { endpointOfCaptureKey } from "./capture";
export { onDatasetVersion, onVersionRegistered } from "./datasets";
export type { MonitoringDeps, MonitoringReads } from "./deps";
export {
  endpointOfGroundTruthKey,
  GroundTruth,
  type GroundTruthOutcome,
  onGroundTruthObject,
  postGroundTruth,
} from "./ground-truth";
export { type IngestOutcome, onCaptureObject } from "./ingest";
export {
  Baseline,
  DriftMethod,
  FeatureResult,
  Monitor,
  MonitorSettings,
  PerformanceReport,
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
export { FeaturePoint, featureSeries, SeriesQuery } from "./series";
export { closeDueWindows, closeWindow, windowDue } from "./windows";
