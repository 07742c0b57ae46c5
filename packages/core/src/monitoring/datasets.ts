import type { Datasets, EventDetail } from "@gyre/events";
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
