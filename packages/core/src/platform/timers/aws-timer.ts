import { CreateScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import type { Timer } from "./port";

const scheduler = new SchedulerClient({});

/** Scheduler fires to about the minute: anything sooner (or past) is set a minute ahead. */
export const MIN_LEAD_MS = 60_000;

/**
 * What stacks/ puts in GYRE_RUN_DUE_FUNCTION_ARN of the run-due function itself, whose own
 * ARN it cannot name (a function cannot depend on itself): "this function".
 */
export const RUN_DUE_SELF = "self";

/**
 * The debounce timer on AWS: a one-time EventBridge Scheduler schedule that invokes the
 * run-due function with `{"runId": ...}` and deletes itself afterwards. The name holds the
 * run and the second it fires, so a repeated call for the same moment is the same schedule.
 */
export function awsRunTimer(): Timer {
  return {
    async at(when: Date, runId: string): Promise<void> {
      const fireAt = new Date(
        Math.ceil(Math.max(when.getTime(), Date.now() + MIN_LEAD_MS) / 1000) * 1000,
      );
      try {
        await scheduler.send(
          new CreateScheduleCommand({
            Name: scheduleName(runId, fireAt),
            ScheduleExpression: `at(${fireAt.toISOString().slice(0, 19)})`,
            ScheduleExpressionTimezone: "UTC",
            FlexibleTimeWindow: { Mode: "OFF" },
            ActionAfterCompletion: "DELETE",
            Target: {
              Arn: runDueArn(),
              RoleArn: requiredEnv("GYRE_SCHEDULER_ROLE_ARN"),
              Input: JSON.stringify({ runId }),
            },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== "ConflictException") throw error;
      }
    },
  };
}

/** `gyre-run-<runId>-<epoch seconds>`: at most 64 of `[0-9A-Za-z_.-]`, as Scheduler requires. */
export function scheduleName(runId: string, fireAt: Date): string {
  const run = runId.replace(/[^0-9A-Za-z_.-]/g, "-").slice(0, 64 - "gyre-run--".length - 10);
  return `gyre-run-${run}-${Math.floor(fireAt.getTime() / 1000)}`;
}

function runDueArn(): string {
  const arn = requiredEnv("GYRE_RUN_DUE_FUNCTION_ARN");
  if (arn !== RUN_DUE_SELF) return arn;
  const [, partition, , , account] = requiredEnv("GYRE_SCHEDULER_ROLE_ARN").split(":");
  const region = requiredEnv("AWS_REGION");
  return `arn:${partition}:lambda:${region}:${account}:function:${requiredEnv("AWS_LAMBDA_FUNCTION_NAME")}`;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: stacks/ sets it on functions with timer access.`);
  return value;
}
