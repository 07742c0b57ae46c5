import type { Datasets, EventDetail, Registry } from "@gyre/events";
import type { MonitoringReads } from "./deps";
import { monitoringStore as store } from "./store";

type Created = EventDetail<typeof Datasets.DatasetVersionCreated>;

/** Dataset Version Created: monitoring's own record of where a possible baseline's bytes are. */
export async function onDatasetVersion(detail: Created, deps: MonitoringReads): Promise<void> {
  await store(deps.state).rememberDataset({
    name: detail.dataset,
    version: detail.version,
    uri: detail.uri,
    columns: detail.columns,
  });
}

type Registered = EventDetail<typeof Registry.ModelVersionRegistered>;

/** Model Version Registered: its training metrics, to set live performance beside. */
export async function onVersionRegistered(detail: Registered, deps: MonitoringReads) {
  await store(deps.state).rememberVersion(detail.model, detail.version, detail.metrics);
}
