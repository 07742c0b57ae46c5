import type { S3Client } from "@aws-sdk/client-s3";
import { publisher } from "@gyre/core/platform/bus/publisher";
import { jobRunner } from "@gyre/core/platform/jobs/runner";
import { createS3Client } from "@gyre/core/platform/objects/s3-client";
import type { RunTimer, ScheduleSync, TrainingDeps } from "@gyre/core/training/index";

let s3: S3Client | undefined;
let timer: RunTimer | undefined;
let schedules: ScheduleSync | undefined;

/** The local runtime's setTimeout timer, or the AWS one-time schedule. */
export function useRunTimer(runTimer: RunTimer): void {
  timer = runTimer;
}

/** The local runtime's setTimeout schedules, or the AWS recurring schedules. */
export function useScheduleSync(scheduleSync: ScheduleSync): void {
  schedules = scheduleSync;
}

/** What the training functions need, created once per process. */
export async function trainingDeps(): Promise<TrainingDeps> {
  s3 ??= createS3Client();
  timer ??= (await import("@gyre/core/training/aws-timer")).awsRunTimer();
  schedules ??= (await import("@gyre/core/training/aws-schedules")).awsScheduleSync();
  return {
    s3,
    bus: publisher(),
    jobs: await jobRunner(),
    timer,
    schedules,
    bucket: process.env.GYRE_BUCKET ?? "gyre-data",
  };
}
