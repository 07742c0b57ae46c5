import * as Monitoring from "@gyre/core/monitoring/index";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** aws.s3 Object Created under capture/: the file's rows join the endpoint's current window. */
export const { make, lambda } = subscriber(
  "monitoring",
  AwsS3.ObjectCreated,
  async ({ detail }, platform, log) => {
    if (detail.bucket.name !== platform.objects.bucket) return;
    const key = objectKeyFromEvent(detail.object.key);
    const outcome = await Monitoring.onCaptureObject({ key, etag: detail.object.etag }, platform);
    log.info("capture file", { key, ...outcome });
  },
);
