import { Logger } from "@aws-lambda-powertools/logger";
import { actAs, causeOf } from "@gyre/core/platform/actor";
import * as Training from "@gyre/core/training/index";
import { Datasets } from "@gyre/events";
import { trainingDeps } from "./deps";

const logger = new Logger({ serviceName: "training" });

/** Dataset Version Created: the pipelines on that dataset start (or queue) a run. */
export async function handler(event: unknown): Promise<void> {
  const envelope = Datasets.DatasetVersionCreated.envelope.parse(event);
  const { dataset, version, sha256, uri } = envelope.detail;
  const runs = await actAs(causeOf(envelope), async () =>
    Training.onDatasetVersion({ name: dataset, version, sha256, uri }, await trainingDeps()),
  );
  logger.info("dataset version", {
    dataset,
    version,
    runs: runs.map((r) => ({ id: r.id, status: r.status })),
  });
}
