import * as Training from "@gyre/core/training/index";
import { Datasets } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Dataset Version Created: the pipelines on that dataset start (or queue) a run. */
export const { make, lambda } = subscriber(
  "training",
  Datasets.DatasetVersionCreated,
  async ({ detail }, platform, log) => {
    const { dataset, version, sha256, uri } = detail;
    const runs = await Training.onDatasetVersion({ name: dataset, version, sha256, uri }, platform);
    log.info("dataset version", {
      dataset,
      version,
      runs: runs.map((r) => ({ id: r.id, status: r.status })),
    });
  },
);
