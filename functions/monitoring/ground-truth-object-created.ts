import * as Monitoring from "@gyre/core/monitoring/index";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** aws.s3 Object Created under ground-truth/: labels joined with the predictions they answer. */
export const { make, lambda } = subscriber(
  "monitoring",
  AwsS3.ObjectCreated,
  async ({ detail }, platform, log) => {
    if (detail.bucket.name !== platform.objects.bucket) return;
    const key = objectKeyFromEvent(detail.object.key);
    const outcome = await Monitoring.onGroundTruthObject(
      { key, etag: detail.object.etag },
      platform,
    );
    log.info("ground truth", { key, ...outcome });
  },
);
