import { EvaluateOnExit } from "@gyre/events/aws-batch";
import { ResourceName, ServeSpec } from "@gyre/events/shared";
import * as z from "zod";
import { scheduleExpressionProblem } from "../platform/schedules/expression";

export const PipelineName = ResourceName;

/** An EventBridge Scheduler rate(...) or cron(...) expression, in UTC. */
const EventBridgeSchedule = z.string().superRefine((expression, ctx) => {
  const problem = scheduleExpressionProblem(expression);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const PipelineInput = z.object({
  name: PipelineName,
  dataset: z.string().min(1),
  model: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  trigger: z
    .object({
      onNewData: z.boolean().default(true),
      onDrift: z.boolean().default(false),
      schedule: EventBridgeSchedule.optional(),
      debounceSeconds: z.number().int().min(0).max(86_400).default(0),
    })
    .default({ onNewData: true, onDrift: false, debounceSeconds: 0 }),
  job: z.object({
    image: z.string().min(1),
    command: z.array(z.string()).min(1),
    resources: z.object({
      vcpus: z.number().positive().max(256),
      memoryMiB: z.number().int().min(128),
      gpus: z.number().int().min(0).max(16).default(0),
    }),
    queue: z.enum(["gpu-spot", "gpu-ondemand", "cpu"]),
    timeoutSeconds: z
      .number()
      .int()
      .min(60)
      .max(14 * 86_400)
      .default(3600),
    retry: z
      .object({
        attempts: z.number().int().min(1).max(10),
        evaluateOnExit: z.array(EvaluateOnExit).max(5).optional(),
      })
      .default({ attempts: 1 }),
  }),
  hyperparameters: z.record(z.string(), z.unknown()).default({}),
  local: z.object({ command: z.array(z.string()).min(1) }).optional(),
  /** How the model's versions are served: each run's version carries it to the registry. */
  serve: ServeSpec.optional(),
});
export type PipelineInput = z.input<typeof PipelineInput>;

export const Pipeline = PipelineInput.extend({
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The newest dataset version a run was started (or queued) for: older or repeated events start nothing. */
  lastDatasetVersion: z.number().int().nonnegative(),
  /** The newest scheduled fire time (ISO) a run was started for: a repeated delivery starts nothing. */
  lastScheduledFire: z.string().optional(),
});
export type Pipeline = z.infer<typeof Pipeline>;
