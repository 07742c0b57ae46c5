import type { S3Client } from "@aws-sdk/client-s3";
import type { Deps } from "@gyre/core/datasets/index";
import { publisher } from "@gyre/core/platform/bus/publisher";
import { createS3Client } from "@gyre/core/platform/objects/s3-client";

let s3: S3Client | undefined;

/** What the datasets functions need, created once per process: S3, the bus, the bucket name. */
export function datasetDeps(): Deps & { bucket: string } {
  s3 ??= createS3Client();
  return { s3, bus: publisher(), bucket: process.env.GYRE_BUCKET ?? "gyre-data" };
}
