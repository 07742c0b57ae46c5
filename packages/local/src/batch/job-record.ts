import { randomUUID } from "node:crypto";
import type { JobSpec } from "@gyre/core/platform/jobs/port";
import type { BatchJobStateChange, BatchJobStatus } from "@gyre/events/aws-batch";
import { type AwsPlace, jobArn, jobDefinitionArn, jobQueueArn } from "./arns";

export type JobStatus = (typeof BatchJobStatus.options)[number];
export type StateChangeDetail = Parameters<typeof BatchJobStateChange.entry>[0];

/** A finished attempt, in Batch's AttemptDetail shape (a type, so it fits the event's open schema). */
export type AttemptRecord = {
  container: {
    containerInstanceArn: string;
    taskArn: string;
    exitCode?: number;
    reason?: string;
    logStreamName?: string;
  };
  startedAt?: number;
  stoppedAt: number;
  statusReason: string;
};

/** The attempt on a host right now (STARTING or RUNNING). */
export interface CurrentAttempt {
  number: number;
  instanceId: string;
  containerInstanceArn: string;
  taskArn: string;
  logStreamName: string;
  gpus: number[];
  startedAt?: number;
  pid?: number;
}

/** What the runner persists per job: enough to rebuild Batch's JobDetail and to recover after a crash. */
export interface JobRecord {
  jobId: string;
  jobArn: string;
  jobName: string;
  jobQueue: string;
  jobDefinition: string;
  spec: JobSpec;
  status: JobStatus;
  statusReason?: string;
  createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
  attempts: AttemptRecord[];
  current?: CurrentAttempt;
  /** Whether the job can never fit this machine (it then waits, like Batch's blocked RUNNABLE jobs). */
  blocked?: boolean;
  /** State-change details written with the state and not yet accepted by the bus, oldest first. */
  outbox: StateChangeDetail[];
}

export const waitingStatuses: ReadonlySet<JobStatus> = new Set([
  "SUBMITTED",
  "PENDING",
  "RUNNABLE",
]);
export const finalStatuses: ReadonlySet<JobStatus> = new Set(["SUCCEEDED", "FAILED"]);

export function newJobRecord(spec: JobSpec, place: AwsPlace, now = Date.now()): JobRecord {
  const jobId = randomUUID();
  return {
    jobId,
    jobArn: jobArn(place, jobId),
    jobName: spec.jobName,
    jobQueue: jobQueueArn(place, spec.queue),
    jobDefinition: jobDefinitionArn(place),
    spec: structuredClone(spec),
    status: "SUBMITTED",
    createdAt: now,
    attempts: [],
    outbox: [],
  };
}
