import { bucketOf } from "../objects/places";
import { createS3Client } from "../objects/s3-client";
import type { AwsAdapter } from "./adapter";

export const objects: AwsAdapter<"objects"> = (_, env) => ({
  s3: createS3Client(),
  bucket: bucketOf(env),
});
