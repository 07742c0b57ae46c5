import {
  BatchClient,
  DescribeJobsCommand,
  ListJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from "@aws-sdk/client-batch";
import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  InvalidParameterException,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsBatchRunner, definitionName } from "./aws-batch";
import type { JobSpec } from "./port";

const batch = mockClient(BatchClient);
const cloudWatchLogs = mockClient(CloudWatchLogsClient);

const ENV = {
  GYRE_BATCH_QUEUE_GPU_SPOT: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-gpu-spot",
  GYRE_BATCH_QUEUE_GPU_ONDEMAND: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-gpu-ondemand",
  GYRE_BATCH_QUEUE_CPU: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-cpu",
  GYRE_BATCH_JOB_ROLE_ARN: "arn:aws:iam::123456789012:role/GyreBatchJob",
};
const TRAINER = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainer:1.4";
const definitionArn = (image: string, revision = 1) =>
  `arn:aws:batch:eu-west-1:123456789012:job-definition/${definitionName(image)}:${revision}`;

const cpuJob: JobSpec = {
  jobName: "churn-run_01",
  queue: "cpu",
  image: TRAINER,
  command: ["python", "train.py"],
  resources: { vcpus: 2, memoryMiB: 4096, gpus: 0 },
  environment: { GYRE_RUN_ID: "run_01", GYRE_OUTPUT_URI: "s3://data/runs/run_01/" },
  retryStrategy: { attempts: 1 },
  timeoutSeconds: 3600,
  tags: { "gyre:run": "run_01", "gyre:pipeline": "churn", "gyre:model": "churn" },
  local: { command: ["node", "train.js"] },
};
const gpuJob: JobSpec = {
  ...cpuJob,
  jobName: "vision-run_02",
  queue: "gpu-spot",
  resources: { vcpus: 3.5, memoryMiB: 30000, gpus: 1 },
  environment: { GYRE_RUN_ID: "run_02" },
  retryStrategy: {
    attempts: 3,
    evaluateOnExit: [
      { onStatusReason: "Host EC2*", action: "retry" },
      { onReason: "*", action: "EXIT" },
    ],
  },
  timeoutSeconds: 7200,
  tags: { "gyre:run": "run_02" },
};

let runner: AwsBatchRunner;
beforeEach(() => {
  batch.reset();
  cloudWatchLogs.reset();
  Object.assign(process.env, ENV);
  runner = new AwsBatchRunner();
  let revision = 0;
  batch.on(RegisterJobDefinitionCommand).callsFake(({ jobDefinitionName }) => ({
    jobDefinitionName,
    jobDefinitionArn: `arn:aws:batch:eu-west-1:123456789012:job-definition/${jobDefinitionName}:${++revision}`,
    revision,
  }));
  batch.on(SubmitJobCommand).callsFake(({ jobName }) => ({
    jobName,
    jobId: `id-${jobName}`,
    jobArn: `arn:aws:batch:eu-west-1:123456789012:job/id-${jobName}`,
  }));
});
afterEach(() => {
  for (const name of Object.keys(ENV)) delete process.env[name];
});

const inputs = <T>(command: new (...args: never[]) => T) =>
  batch.commandCalls(command as never).map((call) => call.args[0].input);

describe("AwsBatchRunner.submit", () => {
  it("registers a job definition for the image, then submits a CPU job to the CPU queue's ARN", async () => {
    const job = await runner.submit(cpuJob);

    expect(inputs(RegisterJobDefinitionCommand)).toStrictEqual([
      {
        jobDefinitionName: definitionName(TRAINER),
        type: "container",
        platformCapabilities: ["EC2"],
        containerProperties: {
          image: TRAINER,
          resourceRequirements: [
            { type: "VCPU", value: "1" },
            { type: "MEMORY", value: "2048" },
          ],
          jobRoleArn: ENV.GYRE_BATCH_JOB_ROLE_ARN,
          logConfiguration: { logDriver: "awslogs" },
        },
      },
    ]);
    expect(inputs(SubmitJobCommand)).toStrictEqual([
      {
        jobName: "churn-run_01",
        jobQueue: ENV.GYRE_BATCH_QUEUE_CPU,
        jobDefinition: definitionArn(TRAINER),
        containerOverrides: {
          command: ["python", "train.py"],
          environment: [
            { name: "GYRE_RUN_ID", value: "run_01" },
            { name: "GYRE_OUTPUT_URI", value: "s3://data/runs/run_01/" },
          ],
          resourceRequirements: [
            { type: "VCPU", value: "2" },
            { type: "MEMORY", value: "4096" },
          ],
        },
        retryStrategy: { attempts: 1 },
        timeout: { attemptDurationSeconds: 3600 },
        tags: { "gyre:run": "run_01", "gyre:pipeline": "churn", "gyre:model": "churn" },
        propagateTags: true,
      },
    ]);
    expect(job).toEqual({
      jobId: "id-churn-run_01",
      jobArn: "arn:aws:batch:eu-west-1:123456789012:job/id-churn-run_01",
      jobName: "churn-run_01",
    });
  });

  it("asks a GPU job's GPUs, whole vCPUs and Batch's retry rules on the spot queue", async () => {
    await runner.submit(gpuJob);

    expect(inputs(SubmitJobCommand)).toStrictEqual([
      {
        jobName: "vision-run_02",
        jobQueue: ENV.GYRE_BATCH_QUEUE_GPU_SPOT,
        jobDefinition: definitionArn(TRAINER),
        containerOverrides: {
          command: ["python", "train.py"],
          environment: [{ name: "GYRE_RUN_ID", value: "run_02" }],
          resourceRequirements: [
            { type: "VCPU", value: "4" },
            { type: "MEMORY", value: "30000" },
            { type: "GPU", value: "1" },
          ],
        },
        retryStrategy: {
          attempts: 3,
          evaluateOnExit: [
            { onStatusReason: "Host EC2*", action: "RETRY" },
            { onReason: "*", action: "EXIT" },
          ],
        },
        timeout: { attemptDurationSeconds: 7200 },
        tags: { "gyre:run": "run_02" },
        propagateTags: true,
      },
    ]);
  });

  it("registers once per image, even for jobs submitted at the same time", async () => {
    const other = "public.ecr.aws/gyre/xgboost:2";
    await Promise.all([runner.submit(cpuJob), runner.submit(gpuJob)]);
    await runner.submit({ ...cpuJob, image: other });
    await runner.submit({ ...gpuJob, image: other });

    expect(inputs(RegisterJobDefinitionCommand).map((i) => i.containerProperties?.image)).toEqual([
      TRAINER,
      other,
    ]);
    expect(inputs(SubmitJobCommand).map((i) => i.jobDefinition)).toEqual([
      definitionArn(TRAINER, 1),
      definitionArn(TRAINER, 1),
      definitionArn(other, 2),
      definitionArn(other, 2),
    ]);
    expect(definitionName(TRAINER)).toMatch(/^gyre-[0-9a-f]{16}$/);
  });

  it("registers again after a failed registration instead of caching the failure", async () => {
    batch
      .on(RegisterJobDefinitionCommand)
      .rejectsOnce(new Error("throttled"))
      .resolves({ jobDefinitionArn: definitionArn(TRAINER), jobDefinitionName: "x", revision: 1 });

    await expect(runner.submit(cpuJob)).rejects.toThrow("throttled");
    await runner.submit(cpuJob);

    expect(inputs(RegisterJobDefinitionCommand)).toHaveLength(2);
    expect(inputs(SubmitJobCommand)).toHaveLength(1);
  });
});

describe("AwsBatchRunner.terminate", () => {
  it("terminates the job with the reason", async () => {
    batch.on(TerminateJobCommand).resolves({});
    await runner.terminate("job-1", "Cancelled by alice");
    expect(inputs(TerminateJobCommand)).toStrictEqual([
      { jobId: "job-1", reason: "Cancelled by alice" },
    ]);
  });
});

describe("AwsBatchRunner.findByName", () => {
  it("lists the queue's jobs of every status by JOB_NAME and answers the one of that name", async () => {
    batch.on(ListJobsCommand).resolves({
      jobSummaryList: [
        {
          jobId: "job-7",
          jobArn: "arn:aws:batch:eu-west-1:123456789012:job/job-7",
          jobName: "churn-run_1",
        },
      ],
    });
    expect(await runner.findByName("cpu", "churn-run_1")).toEqual({
      jobId: "job-7",
      jobArn: "arn:aws:batch:eu-west-1:123456789012:job/job-7",
      jobName: "churn-run_1",
    });
    expect(inputs(ListJobsCommand)).toStrictEqual([
      {
        jobQueue: ENV.GYRE_BATCH_QUEUE_CPU,
        filters: [{ name: "JOB_NAME", values: ["churn-run_1"] }],
      },
    ]);
  });

  it("answers undefined when Batch has no job of that name", async () => {
    batch.on(ListJobsCommand).resolves({ jobSummaryList: [] });
    expect(await runner.findByName("gpu-spot", "churn-run_2")).toBeUndefined();
  });
});

describe("AwsBatchRunner.logs", () => {
  const stream = (n: number) => `gyre-abc/default/task-${n}`;
  const describe1 = (job: object) =>
    batch.on(DescribeJobsCommand).resolves({
      jobs: [
        {
          jobId: "job-1",
          jobName: "j",
          jobQueue: "q",
          jobDefinition: "d",
          startedAt: 1,
          status: "RUNNING",
          attempts: [],
          ...job,
        },
      ],
    });
  const logInputs = () =>
    cloudWatchLogs.commandCalls(GetLogEventsCommand).map((call) => call.args[0].input);

  it("pages a running attempt's stream from the head, passing next back as the cursor", async () => {
    describe1({ status: "RUNNING", container: { logStreamName: stream(1) } });
    cloudWatchLogs
      .on(GetLogEventsCommand)
      .resolvesOnce({
        events: [{ message: "epoch 1" }, { message: "epoch 2" }],
        nextForwardToken: "f/1",
      })
      .resolvesOnce({ events: [], nextForwardToken: "f/1" });

    const first = await runner.logs("job-1");
    const second = await runner.logs("job-1", { cursor: first.next ?? undefined });

    expect(inputs(DescribeJobsCommand)).toStrictEqual([{ jobs: ["job-1"] }, { jobs: ["job-1"] }]);
    expect(logInputs()).toStrictEqual([
      { logGroupName: "/aws/batch/job", logStreamName: stream(1), startFromHead: true },
      {
        logGroupName: "/aws/batch/job",
        logStreamName: stream(1),
        startFromHead: true,
        nextToken: "f/1",
      },
    ]);
    expect(first).toEqual({ attempt: 1, lines: ["epoch 1", "epoch 2"], next: "f/1" });
    // Still running: nothing new yet, but the follower keeps its place.
    expect(second).toEqual({ attempt: 1, lines: [], next: "f/1" });
  });

  it("reads an earlier attempt by number and ends (next null) once a finished stream is read", async () => {
    describe1({
      status: "FAILED",
      attempts: [
        { container: { logStreamName: stream(1), exitCode: 1 } },
        { container: { logStreamName: stream(2), exitCode: 1 } },
      ],
      container: { logStreamName: stream(2) },
    });
    cloudWatchLogs
      .on(GetLogEventsCommand)
      .resolvesOnce({ events: [{ message: "oom" }], nextForwardToken: "f/9" })
      .resolvesOnce({ events: [], nextForwardToken: "f/9" })
      .resolvesOnce({ events: [{ message: "retrying" }], nextForwardToken: "f/3" });

    expect(await runner.logs("job-1", { attempt: 1 })).toEqual({
      attempt: 1,
      lines: ["oom"],
      next: "f/9",
    });
    expect(await runner.logs("job-1", { attempt: 1, cursor: "f/9" })).toEqual({
      attempt: 1,
      lines: [],
      next: null,
    });
    expect(await runner.logs("job-1")).toMatchObject({ attempt: 2, lines: ["retrying"] });
    expect(logInputs().map((i) => i.logStreamName)).toEqual([stream(1), stream(1), stream(2)]);
  });

  it("answers an attempt that has no stream yet with nothing, and a cursor to come back with", async () => {
    describe1({ status: "RUNNABLE", container: {} });
    expect(await runner.logs("job-1")).toEqual({ attempt: 1, lines: [], next: "" });
    expect(logInputs()).toEqual([]);
  });

  it("refuses an unknown job, an unknown attempt and a cursor CloudWatch does not know", async () => {
    batch.on(DescribeJobsCommand).resolvesOnce({ jobs: [] });
    await expect(runner.logs("nope")).rejects.toMatchObject({ code: "jobs.not_found" });

    describe1({ status: "RUNNING", container: { logStreamName: stream(1) } });
    await expect(runner.logs("job-1", { attempt: 3 })).rejects.toMatchObject({
      code: "jobs.attempt_not_found",
    });

    cloudWatchLogs
      .on(GetLogEventsCommand)
      .rejects(new InvalidParameterException({ message: "bad token", $metadata: {} }));
    await expect(runner.logs("job-1", { cursor: "garbage" })).rejects.toMatchObject({
      kind: "input",
      code: "jobs.invalid_cursor",
    });
  });
});
