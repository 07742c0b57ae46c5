import {
  PipelineInput,
  PipelineName,
  Pipeline as PipelineSchema,
  Run as RunSchema,
  RunStatus,
} from "@gyre/core/training/index";
import { prefixedId } from "@gyre/events/shared";
import { z } from "@hono/zod-openapi";
import { ListQuery } from "../shared/schemas";

// The domain's schemas are plain zod; the route schemas wrap them.
export const NameParam = z.object({ name: PipelineName });
export const RunParam = z.object({ id: prefixedId("run") });
export const PipelineBody = z.object(PipelineInput.shape).openapi("PipelineInput");
export const Pipeline = z.object(PipelineSchema.shape).openapi("Pipeline");
export const Run = z.object(RunSchema.shape).openapi("Run");
export const RunsQuery = ListQuery.extend({
  pipeline: PipelineName.optional(),
  status: RunStatus.optional(),
});
export const StartRunBody = z
  .strictObject({
    datasetVersion: z.number().int().positive().optional(),
    hyperparameters: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "merged over the pipeline's, for this run only" }),
  })
  .openapi("StartRun");
export const LogsQuery = z.object({
  attempt: z.coerce.number().int().positive().optional(),
  cursor: z
    .string()
    .optional()
    .openapi({ description: "the `next` of the previous answer, to follow" }),
});
export const Logs = z
  .object({ attempt: z.number().int(), lines: z.array(z.string()), next: z.string().nullable() })
  .openapi("RunLogs");
