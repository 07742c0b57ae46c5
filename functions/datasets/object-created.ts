import { Logger } from "@aws-lambda-powertools/logger";
import * as Datasets from "@gyre/core/datasets/index";
import { actAs, causeOf } from "@gyre/core/platform/actor";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { datasetDeps } from "./deps";

const logger = new Logger({ serviceName: "datasets" });

/** aws.s3 Object Created under datasets/: the next dataset version, once per content. */
export async function handler(event: unknown): Promise<void> {
  const { id, detail, ...envelope } = AwsS3.ObjectCreated.envelope.parse(event);
  const deps = datasetDeps();
  if (detail.bucket.name !== deps.bucket) return;
  const ref = {
    bucket: deps.bucket,
    key: objectKeyFromEvent(detail.object.key),
    etag: detail.object.etag,
    eventId: id,
  };
  const result = await actAs(causeOf({ id, detail, ...envelope }), () =>
    Datasets.objectCreated(ref, deps),
  );
  logger.info("object created", { key: ref.key, ...describe(result) });
}

function describe(result: Datasets.ObjectOutcome) {
  if (result.outcome === "created") {
    return {
      outcome: result.outcome,
      version: result.version.version,
      status: result.version.status,
    };
  }
  return result;
}
