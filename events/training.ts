import * as z from "zod";
import { defineEvent, gyreDetail } from "./define";
import { DatasetRef, Hyperparameters, Metrics, S3Uri, ServeSpec } from "./shared";

export const source = "gyre.training";

const Run = {
  runId: z.string().describe("run_<ULID>"),
  pipeline: z.string(),
  model: z.string(),
  dataset: DatasetRef,
};

export const TrainingRunStarted = defineEvent(
  source,
  "Training Run Started",
  gyreDetail({
    ...Run,
    queue: z.enum(["gpu-spot", "gpu-ondemand", "cpu"]),
    jobId: z.string(),
    attempt: z.number().int().positive(),
  }),
);

export const TrainingRunSucceeded = defineEvent(
  source,
  "Training Run Succeeded",
  gyreDetail({
    ...Run,
    metrics: Metrics,
    artifactUri: S3Uri,
    hyperparameters: Hyperparameters,
    image: z.string(),
    command: z.array(z.string()),
    serve: ServeSpec.nullable().optional().describe("the pipeline's `serve`, if it has one"),
    durationSeconds: z.number().nonnegative(),
    costUsd: z.number().nonnegative(),
    trigger: z.enum(["new-data", "drift", "manual", "schedule"]).optional(),
    driftReportId: z
      .string()
      .nullable()
      .optional()
      .describe("the monitoring report whose drift caused the run, if drift did"),
  }),
);

export const TrainingRunFailed = defineEvent(
  source,
  "Training Run Failed",
  gyreDetail({
    ...Run,
    reason: z.string().describe("the last attempt's status reason"),
    attempts: z.number().int().nonnegative(),
  }),
);

export const TrainingRunCancelled = defineEvent(
  source,
  "Training Run Cancelled",
  gyreDetail({ ...Run, reason: z.string() }),
);
