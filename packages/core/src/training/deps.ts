import type { S3Client } from "@aws-sdk/client-s3";
import type { EventPublisher } from "@gyre/events";
import type { JobRunner } from "../platform/jobs/port";

/** Calls back `submitDueRun(runId)` at `when`: a setTimeout locally, a one-time schedule on AWS. */
export interface RunTimer {
  at(when: Date, runId: string): Promise<void>;
}

export interface TrainingDeps {
  jobs: JobRunner;
  bus: EventPublisher;
  s3: S3Client;
  timer: RunTimer;
  bucket: string;
}
