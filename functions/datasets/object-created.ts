import * as Datasets from "@gyre/core/datasets/index";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** aws.s3 Object Created under datasets/: the next dataset version, once per content. */
export const { make, lambda } = subscriber(
  "datasets",
  AwsS3.ObjectCreated,
  async ({ id, detail }, platform, log) => {
    if (detail.bucket.name !== platform.objects.bucket) return;
    const ref = {
      bucket: platform.objects.bucket,
      key: objectKeyFromEvent(detail.object.key),
      etag: detail.object.etag,
      eventId: id,
    };
    const result = await Datasets.objectCreated(ref, platform);
    log.info("object created", { key: ref.key, ...describe(result) });
  },
);

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
