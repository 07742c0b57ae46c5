import { EvaluateOnExit } from "@gyre/events/aws-batch";
import { z } from "zod";

export const PipelineName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "lowercase letters, digits and '-', starting with a letter or digit (at most 63)",
  );

const EventBridgeSchedule = z
  .string()
  .regex(
    /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/,
    "an EventBridge rate(...) or cron(...) expression",
  );

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
});
export type PipelineInput = z.input<typeof PipelineInput>;

export const Pipeline = PipelineInput.extend({
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The newest dataset version a run was started (or queued) for: older or repeated events start nothing. */
  lastDatasetVersion: z.number().int().nonnegative(),
});
export type Pipeline = z.infer<typeof Pipeline>;
