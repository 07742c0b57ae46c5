import { createHash } from "node:crypto";
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import type { RecurringSchedules } from "./port";

const scheduler = new SchedulerClient({});

/** Scheduler puts the time the schedule was due at here, e.g. 2022-03-22T18:59:43Z. */
export const SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

/**
 * A pipeline's schedule on AWS: the recurring EventBridge Scheduler schedule
 * `gyre-pipeline-<name>` that invokes the schedule-fired function with the pipeline and the
 * time it was due. Created, or updated when it exists; deleted when the pipeline is disabled
 * or has no schedule.
 */
export function awsScheduleSync(): RecurringSchedules {
  return {
    async sync(pipeline: string, expression: string | undefined): Promise<void> {
      const name = pipelineScheduleName(pipeline);
      if (!expression) {
        try {
          await scheduler.send(new DeleteScheduleCommand({ Name: name }));
        } catch (error) {
          if ((error as Error).name !== "ResourceNotFoundException") throw error;
        }
        return;
      }
      const input: CreateScheduleCommandInput = {
        Name: name,
        Description: `Gyre pipeline ${pipeline}: a training run on its newest dataset version`,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: "UTC",
        FlexibleTimeWindow: { Mode: "OFF" },
        State: "ENABLED",
        Target: {
          Arn: requiredEnv("GYRE_SCHEDULE_FIRED_FUNCTION_ARN"),
          RoleArn: requiredEnv("GYRE_PIPELINE_SCHEDULER_ROLE_ARN"),
          Input: JSON.stringify({ pipeline, scheduledTime: SCHEDULED_TIME }),
        },
      };
      try {
        await scheduler.send(new CreateScheduleCommand(input));
      } catch (error) {
        if ((error as Error).name !== "ConflictException") throw error;
        await scheduler.send(new UpdateScheduleCommand(input));
      }
    },
  };
}

/**
 * `gyre-pipeline-<name>` within Scheduler's 64 characters: a name too long for it keeps its
 * first 41 characters and gains 8 hex digits of its SHA-256, so it stays one name per pipeline.
 */
export function pipelineScheduleName(pipeline: string): string {
  const prefix = "gyre-pipeline-";
  if (prefix.length + pipeline.length <= 64) return `${prefix}${pipeline}`;
  const hash = createHash("sha256").update(pipeline).digest("hex").slice(0, 8);
  return `${prefix}${pipeline.slice(0, 64 - prefix.length - 9)}-${hash}`;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: stacks/ sets it on functions with schedules access.`);
  return value;
}
