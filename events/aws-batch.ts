import * as z from "zod";
import { defineEvent } from "./define";

export const source = "aws.batch";

export const BatchJobStatus = z.enum([
  "SUBMITTED",
  "PENDING",
  "RUNNABLE",
  "STARTING",
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
]);

export const EvaluateOnExit = z.object({
  action: z.enum(["RETRY", "EXIT", "retry", "exit"]),
  onStatusReason: z.string().optional(),
  onReason: z.string().optional(),
  onExitCode: z.string().optional(),
});

export const RetryStrategy = z.object({
  attempts: z.number().int().min(1).max(10),
  evaluateOnExit: z.array(EvaluateOnExit).max(5).optional(),
});

const AttemptDetail = z.looseObject({
  container: z
    .looseObject({
      containerInstanceArn: z.string().optional(),
      taskArn: z.string().optional(),
      exitCode: z.number().int().optional(),
      reason: z.string().optional(),
      logStreamName: z.string().optional(),
    })
    .optional(),
  startedAt: z.number().optional(),
  stoppedAt: z.number().optional(),
  statusReason: z.string().optional(),
});

export const BatchJobStateChange = defineEvent(
  source,
  "Batch Job State Change",
  z.looseObject({
    jobArn: z.string(),
    jobName: z.string(),
    jobId: z.string(),
    jobQueue: z.string(),
    status: BatchJobStatus,
    statusReason: z.string().optional(),
    attempts: z.array(AttemptDetail),
    createdAt: z.number(),
    startedAt: z.number().optional(),
    stoppedAt: z.number().optional(),
    retryStrategy: RetryStrategy.optional(),
    dependsOn: z.array(z.unknown()).optional(),
    jobDefinition: z.string(),
    parameters: z.record(z.string(), z.string()).optional(),
    container: z.looseObject({}).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    propagateTags: z.boolean().optional(),
    platformCapabilities: z.array(z.string()).optional(),
  }),
);
