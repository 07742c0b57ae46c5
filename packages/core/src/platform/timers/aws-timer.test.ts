import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { awsRunTimer, scheduleName } from "./aws-timer";

const scheduler = mockClient(SchedulerClient);

const RUN_DUE = "arn:aws:lambda:eu-west-1:123456789012:function:gyre-dev-TrainingRunDue-abc";
const ROLE = "arn:aws:iam::123456789012:role/GyreRunDueScheduler";
const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const RUN = "run_01JX5Q3V9G8N2C4KQ7W1M0ZB6T";

const created = () => scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);

beforeEach(() => {
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn" });
  vi.useFakeTimers({ now: NOW });
  process.env.GYRE_RUN_DUE_FUNCTION_ARN = RUN_DUE;
  process.env.GYRE_SCHEDULER_ROLE_ARN = ROLE;
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.GYRE_RUN_DUE_FUNCTION_ARN;
  delete process.env.GYRE_SCHEDULER_ROLE_ARN;
});

describe("awsRunTimer", () => {
  it("creates a one-time UTC schedule that invokes run-due with the run id, then deletes itself", async () => {
    await awsRunTimer().at(new Date("2025-06-01T12:15:30.250Z"), RUN);

    expect(created()).toStrictEqual([
      {
        Name: `gyre-run-${RUN}-1748780131`,
        ScheduleExpression: "at(2025-06-01T12:15:31)",
        ScheduleExpressionTimezone: "UTC",
        FlexibleTimeWindow: { Mode: "OFF" },
        ActionAfterCompletion: "DELETE",
        Target: { Arn: RUN_DUE, RoleArn: ROLE, Input: JSON.stringify({ runId: RUN }) },
      },
    ]);
  });

  it("sets a moment in the past or within the next minute one minute ahead", async () => {
    await awsRunTimer().at(new Date(NOW - 3_600_000), RUN);
    await awsRunTimer().at(new Date(NOW + 20_000), RUN);

    expect(created().map((i) => i.ScheduleExpression)).toEqual([
      "at(2025-06-01T12:01:00)",
      "at(2025-06-01T12:01:00)",
    ]);
  });

  it("takes a schedule that already exists for that run and second as set", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: "exists", message: "exists", $metadata: {} }));
    await expect(awsRunTimer().at(new Date(NOW + 600_000), RUN)).resolves.toBeUndefined();

    scheduler.on(CreateScheduleCommand).rejects(new Error("AccessDenied"));
    await expect(awsRunTimer().at(new Date(NOW + 600_000), RUN)).rejects.toThrow("AccessDenied");
  });

  it("in the run-due function itself (ARN 'self'), targets this very function", async () => {
    process.env.GYRE_RUN_DUE_FUNCTION_ARN = "self";
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "gyre-dev-TrainingRunDue-abc");
    try {
      await awsRunTimer().at(new Date(NOW + 600_000), RUN);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(created()[0]?.Target?.Arn).toBe(RUN_DUE);
  });

  it("names schedules within Scheduler's 64 characters of [0-9A-Za-z_.-]", () => {
    const name = scheduleName(`run_${"x".repeat(80)}/ü`, new Date(NOW));
    expect(name).toMatch(/^gyre-run-run_x+-1748779200$/);
    expect(name.length).toBeLessThanOrEqual(64);
  });
});
