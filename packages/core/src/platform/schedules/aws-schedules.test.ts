import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { awsScheduleSync, pipelineScheduleName } from "./aws-schedules";

const scheduler = mockClient(SchedulerClient);

const FIRED = "arn:aws:lambda:eu-west-1:123456789012:function:gyre-dev-TrainingScheduleFired-abc";
const ROLE = "arn:aws:iam::123456789012:role/GyrePipelineScheduler";

const SCHEDULE = {
  Name: "gyre-pipeline-churn",
  Description: "Gyre pipeline churn: a training run on its newest dataset version",
  ScheduleExpression: "cron(0 3 ? * MON *)",
  ScheduleExpressionTimezone: "UTC",
  FlexibleTimeWindow: { Mode: "OFF" },
  State: "ENABLED",
  Target: {
    Arn: FIRED,
    RoleArn: ROLE,
    Input: '{"pipeline":"churn","scheduledTime":"<aws.scheduler.scheduled-time>"}',
  },
};
const inputs = (command: Parameters<typeof scheduler.commandCalls>[0]) =>
  scheduler.commandCalls(command).map((c) => c.args[0].input);
const conflict = () =>
  new ConflictException({ Message: "exists", message: "exists", $metadata: {} });
const notFound = () =>
  new ResourceNotFoundException({ Message: "gone", message: "gone", $metadata: {} });

beforeEach(() => {
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn" });
  scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: "arn" });
  scheduler.on(DeleteScheduleCommand).resolves({});
  process.env.GYRE_SCHEDULE_FIRED_FUNCTION_ARN = FIRED;
  process.env.GYRE_PIPELINE_SCHEDULER_ROLE_ARN = ROLE;
});
afterEach(() => {
  delete process.env.GYRE_SCHEDULE_FIRED_FUNCTION_ARN;
  delete process.env.GYRE_PIPELINE_SCHEDULER_ROLE_ARN;
});

describe("awsScheduleSync", () => {
  it("creates a recurring UTC schedule invoking schedule-fired with the pipeline and Scheduler's scheduled time", async () => {
    await awsScheduleSync().sync("churn", "cron(0 3 ? * MON *)");

    expect(inputs(CreateScheduleCommand)).toStrictEqual([SCHEDULE]);
    expect(inputs(UpdateScheduleCommand)).toEqual([]);
    expect(JSON.parse(SCHEDULE.Target.Input)).toEqual({
      pipeline: "churn",
      scheduledTime: "<aws.scheduler.scheduled-time>",
    });
  });

  it("updates the schedule with the whole definition when it exists already", async () => {
    scheduler.on(CreateScheduleCommand).rejects(conflict());
    await awsScheduleSync().sync("churn", "rate(6 hours)");

    expect(inputs(UpdateScheduleCommand)).toStrictEqual([
      { ...SCHEDULE, ScheduleExpression: "rate(6 hours)" },
    ]);
  });

  it("deletes the schedule of a pipeline that has none to keep (disabled, or no schedule)", async () => {
    await awsScheduleSync().sync("churn", undefined);
    await awsScheduleSync().sync("churn", undefined);

    expect(inputs(DeleteScheduleCommand)).toStrictEqual([
      { Name: "gyre-pipeline-churn" },
      { Name: "gyre-pipeline-churn" },
    ]);
    expect(inputs(CreateScheduleCommand)).toEqual([]);
  });

  it("takes a schedule that is already gone as deleted, and passes other errors on", async () => {
    scheduler.on(DeleteScheduleCommand).rejects(notFound());
    await expect(awsScheduleSync().sync("churn", undefined)).resolves.toBeUndefined();

    scheduler.on(DeleteScheduleCommand).rejects(new Error("AccessDenied"));
    await expect(awsScheduleSync().sync("churn", undefined)).rejects.toThrow("AccessDenied");
    scheduler.on(CreateScheduleCommand).rejects(new Error("ValidationException"));
    await expect(awsScheduleSync().sync("churn", "rate(1 day)")).rejects.toThrow(
      "ValidationException",
    );
  });

  it("says which variable is missing when stacks/ gave the function no schedules access", async () => {
    delete process.env.GYRE_SCHEDULE_FIRED_FUNCTION_ARN;
    await expect(awsScheduleSync().sync("churn", "rate(1 day)")).rejects.toThrow(
      /GYRE_SCHEDULE_FIRED_FUNCTION_ARN is not set/,
    );
  });

  it("names schedules gyre-pipeline-<name> within Scheduler's 64 characters, one per pipeline", () => {
    expect(pipelineScheduleName("a".repeat(50))).toBe(`gyre-pipeline-${"a".repeat(50)}`);
    const long = pipelineScheduleName(`${"a".repeat(62)}b`);
    expect(long).toMatch(/^gyre-pipeline-a{41}-[0-9a-f]{8}$/);
    expect(long).toHaveLength(64);
    expect(pipelineScheduleName(`${"a".repeat(62)}c`)).not.toBe(long);
  });
});
