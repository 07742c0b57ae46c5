import type { S3Client } from "@aws-sdk/client-s3";
import type { EventPublisher } from "@gyre/events";
import type { JobRunner } from "../platform/jobs/port";
import type { Pipeline } from "./pipeline";

/** Calls back `submitDueRun(runId)` at `when`: a setTimeout locally, a one-time schedule on AWS. */
export interface RunTimer {
  at(when: Date, runId: string): Promise<void>;
}

/**
 * Keeps a pipeline's recurring schedule in step with it: set for an enabled pipeline with
 * `trigger.schedule`, gone otherwise. A setTimeout locally, an EventBridge Scheduler schedule
 * on AWS; both call back `startScheduledRun(name, scheduledTime)`.
 */
export interface ScheduleSync {
  sync(pipeline: Pipeline): Promise<void>;
}

export interface TrainingDeps {
  jobs: JobRunner;
  bus: EventPublisher;
  s3: S3Client;
  timer: RunTimer;
  schedules: ScheduleSync;
  bucket: string;
}
