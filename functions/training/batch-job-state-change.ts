import * as Training from "@gyre/core/training/index";
import { AwsBatch } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** aws.batch Batch Job State Change for a Gyre job: the run follows it. */
export const { make, lambda } = subscriber(
  "training",
  AwsBatch.BatchJobStateChange,
  async ({ detail }, platform, log) => {
    const run = await Training.applyBatchEvent(detail, platform);
    log.info("batch job", {
      jobId: detail.jobId,
      status: detail.status,
      run: run?.id,
      runStatus: run?.status,
    });
  },
);
