import { objectEventsPattern } from "../functions/wiring";
import { forwardToBus, type GyreBus } from "./bus";

export interface GyreBucket {
  bucket: aws.s3.Bucket;
  notifications: aws.s3.BucketNotification;
}

/**
 * The data bucket. S3 sends its events to the account's default bus only, so a rule there
 * forwards this bucket's events onto the Gyre bus, where the subscriptions see them: those
 * under `watchedKeys` (see watchedObjectKeys in functions/wiring.ts), or all of them when it is undefined.
 */
export function gyreBucket({ bus }: GyreBus, watchedKeys?: unknown[]): GyreBucket {
  const bucket = new aws.s3.Bucket("GyreData", {});
  new aws.s3.BucketPublicAccessBlock("GyreDataPublicAccess", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const notifications = new aws.s3.BucketNotification("GyreDataNotifications", {
    bucket: bucket.id,
    eventbridge: true,
  });
  forwardToBus("GyreDataEvents", bus, objectEventsPattern(bucket.bucket, watchedKeys));
  return { bucket, notifications };
}
