export * from "./info";
export { type Deps, type IngestOutcome, type ObjectRef, recordVersion } from "./ingest";
export { classifyKey, DatasetName, MARKER } from "./keys";
export { objectCreated, objectDeleted, type ObjectOutcome } from "./objects";
export { compareVersions, getVersion, listDatasets, listVersions } from "./queries";
export { registerUri } from "./register";
