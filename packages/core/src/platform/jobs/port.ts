import type { RetryStrategy as RetryStrategySchema } from "@gyre/events/aws-batch";
import type * as z from "zod";

export type RetryStrategy = z.infer<typeof RetryStrategySchema>;

export type QueueName = "gpu-spot" | "gpu-ondemand" | "cpu";

export interface ResourceRequirements {
  vcpus: number;
  memoryMiB: number;
  gpus: number;
}

/**
 * One training job, in AWS Batch's terms (SubmitJob), plus how to run the same trainer
 * without containers. The AWS adapter submits it to Batch; the local runner runs
 * `local.command` as a child process. Both report progress only as `aws.batch`
 * `Batch Job State Change` events on the bus, whose `tags` carry these tags.
 */
export interface JobSpec {
  /** Batch job names: letters, digits, '-' and '_', at most 128. */
  jobName: string;
  queue: QueueName;
  image: string;
  command: string[];
  resources: ResourceRequirements;
  /** The job contract's environment (GYRE_RUN_ID, GYRE_DATASET_URI, ...). */
  environment: Record<string, string>;
  retryStrategy: RetryStrategy;
  timeoutSeconds: number;
  tags: Record<string, string>;
  local?: { command: string[] };
}

export interface SubmittedJob {
  jobId: string;
  jobArn: string;
  jobName: string;
}

/** Where a job's attempt logs can be read. */
export interface LogChunk {
  attempt: number;
  lines: string[];
  /** Pass back to read on from here (follow). */
  next: string | null;
}

/** The jobs port: AWS Batch on AWS, the local runner under `npm start`. */
export interface JobRunner {
  /**
   * Where jobs write their outputs (`s3://<bucket>/runs/`, a run's under `<id>/`): the job's
   * role writes there, not the function that submits it.
   */
  readonly outputPrefix: string;
  submit(spec: JobSpec): Promise<SubmittedJob>;
  /**
   * The job submitted to `queue` under `jobName`, in any status, if there is one (ListJobs
   * filtered by JOB_NAME): how a run that was cut off between saving SUBMITTED and hearing
   * SubmitJob's answer finds out whether its job exists.
   */
  findByName(queue: QueueName, jobName: string): Promise<SubmittedJob | undefined>;
  /** Like TerminateJob: a job not yet running is cancelled, a running one is killed; both end FAILED with `reason`. */
  terminate(jobId: string, reason: string): Promise<void>;
  /** The output of an attempt (the latest when omitted), from `cursor` on. */
  logs(jobId: string, options?: { attempt?: number; cursor?: string }): Promise<LogChunk>;
}
