import { Logger } from "@aws-lambda-powertools/logger";
import * as Training from "@gyre/core/training/index";
import { AwsBatch } from "@gyre/events";
import { trainingDeps } from "./deps";

const logger = new Logger({ serviceName: "training" });

/** aws.batch Batch Job State Change for a Gyre job: the run follows it. */
export async function handler(event: unknown): Promise<void> {
  const { detail } = AwsBatch.BatchJobStateChange.envelope.parse(event);
  const run = await Training.applyBatchEvent(detail, await trainingDeps());
  logger.info("batch job", {
    jobId: detail.jobId,
    status: detail.status,
    run: run?.id,
    runStatus: run?.status,
  });
}
