export { objectDeleted } from "./deleted";
export type { DatasetReads, DatasetsDeps } from "./deps";
export * from "./info";
export { type IngestOutcome, type ObjectRef, recordVersion } from "./ingest";
export { classifyKey, DatasetName, MARKER } from "./keys";
export { type ObjectOutcome, objectCreated } from "./objects";
export { compareVersions, getVersion, listDatasets, listVersions } from "./queries";
export { registerUri } from "./register";
