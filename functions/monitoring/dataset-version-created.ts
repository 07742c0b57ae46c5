import * as Monitoring from "@gyre/core/monitoring/index";
import { Datasets } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Dataset Version Created: where a future baseline's bytes are. */
export const { make, lambda } = subscriber(
  "monitoring",
  Datasets.DatasetVersionCreated,
  async ({ detail }, platform) => {
    await Monitoring.onDatasetVersion(detail, platform);
  },
);
