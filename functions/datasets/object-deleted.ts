import { Logger } from "@aws-lambda-powertools/logger";
import * as Datasets from "@gyre/core/datasets/index";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { datasetDeps } from "./deps";

const logger = new Logger({ serviceName: "datasets" });

/** aws.s3 Object Deleted under datasets/: the version that object held is marked deleted. */
export async function handler(event: unknown): Promise<void> {
  const { detail, time } = AwsS3.ObjectDeleted.envelope.parse(event);
  if (detail.bucket.name !== datasetDeps().bucket) return;
  const key = objectKeyFromEvent(detail.object.key);
  const { deleted } = await Datasets.objectDeleted(key, new Date(time));
  logger.info("object deleted", { key, markedDeleted: deleted ?? null });
}
