import { ServeSpec } from "@gyre/events/shared";
import * as z from "zod";

export const RunStatus = z.enum([
  "QUEUED",
  "SUBMITTED",
  "PENDING",
  "RUNNABLE",
  "STARTING",
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const TERMINAL: ReadonlySet<RunStatus> = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export const Attempt = z.object({
  number: z.number().int().positive(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  statusReason: z.string().nullable(),
  host: z.string().nullable().describe("the instance or local slot it ran on"),
  logStream: z.string().nullable(),
});
export type Attempt = z.infer<typeof Attempt>;

export const Run = z.object({
  id: z.string(),
  pipeline: z.string(),
  model: z.string(),
  dataset: z.object({
    name: z.string(),
    version: z.number().int().positive(),
    sha256: z.string(),
    uri: z.string(),
  }),
  status: RunStatus,
  trigger: z.enum(["new-data", "drift", "manual", "schedule"]),
  queue: z.enum(["gpu-spot", "gpu-ondemand", "cpu"]),
  resources: z.object({ vcpus: z.number(), memoryMiB: z.number(), gpus: z.number() }),
  image: z.string(),
  command: z.array(z.string()),
  serve: ServeSpec.nullable().default(null),
  hyperparameters: z.record(z.string(), z.unknown()),
  outputUri: z.string(),
  jobId: z.string().nullable(),
  /** Ordering of Batch events already applied: completed attempts × 10 + status rank. */
  progress: z.number(),
  /** Bumped on every write; writes are conditional on it (optimistic concurrency). */
  revision: z.number().int(),
  /** The monitoring report whose Drift Detected started the run, when drift did. */
  driftReportId: z.string().nullable().default(null),
  /** Who started the trip this run belongs to; its later events carry it. */
  cause: z.object({
    actor: z.string(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
  }),
  dueAt: z.string().nullable().describe("QUEUED runs: when the debounce window closes"),
  attempts: z.array(Attempt),
  createdAt: z.string(),
  /** When the run was last saved SUBMITTED, just before its SubmitJob. */
  submittedAt: z.string().nullable().default(null),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  costUsd: z.number().nullable(),
  metrics: z.record(z.string(), z.number()).nullable(),
  artifactUri: z.string().nullable(),
  reason: z.string().nullable(),
  /** SubmitJob calls that threw for this run; each puts it back QUEUED a little longer. */
  submitFailures: z.number().int().default(0),
  /** Whether the final event (Succeeded/Failed) went out; a repeated Batch event re-sends it if not. */
  announced: z.boolean().default(false),
});
export type Run = z.infer<typeof Run>;
