import { objectDeleted } from "@gyre/core/datasets/deleted";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** aws.s3 Object Deleted under datasets/: the version that object held is marked deleted. */
export const { make, lambda } = subscriber(
  "datasets",
  AwsS3.ObjectDeleted,
  async ({ detail, time }, platform, log) => {
    if (detail.bucket.name !== platform.objects.bucket) return;
    const key = objectKeyFromEvent(detail.object.key);
    const { deleted } = await objectDeleted(key, new Date(time), platform);
    log.info("object deleted", { key, markedDeleted: deleted ?? null });
  },
);
