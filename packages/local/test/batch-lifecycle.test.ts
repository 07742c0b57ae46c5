import { AwsBatch } from "@gyre/events";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BatchHarness, nodeJob, scripts, spotRetry } from "./batch-fixtures/harness";

let h: BatchHarness;
beforeAll(async () => {
  h = await BatchHarness.start();
  await h.newRunner({ vcpus: 2, gpus: 2, s3Endpoint: "http://127.0.0.1:7701" });
});
afterAll(() => h.close());

describe("a job's life, as AWS Batch reports it", () => {
  it("emits RUNNABLE, STARTING, RUNNING, SUCCEEDED, each a valid Batch Job State Change carrying the tags", async () => {
    const job = await h.batch.submit(nodeJob(scripts.exit(0)));
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"]);
    const events = h.events.filter((e) => e.detail.jobId === job.jobId);
    for (const event of events) AwsBatch.BatchJobStateChange.envelope.parse(event);
    expect(events[0]).toMatchObject({
      source: "aws.batch",
      "detail-type": "Batch Job State Change",
      resources: [`arn:aws:batch:eu-west-1:123456789012:job/${job.jobId}`],
    });
    expect(job.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(h.last(job.jobId)).toMatchObject({
      jobArn: job.jobArn,
      jobName: "train-churn",
      jobQueue: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-cpu",
      jobDefinition: "arn:aws:batch:eu-west-1:123456789012:job-definition/gyre-local:1",
      statusReason: "Essential container in task exited",
      tags: { "gyre:run": "run_1" },
      container: {
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainer:1",
        command: ["python", "train.py"],
        environment: [{ name: "GYRE_RUN_ID", value: "run_1" }],
        exitCode: 0,
      },
      attempts: [
        { container: { exitCode: 0 }, statusReason: "Essential container in task exited" },
      ],
    });
    expect(h.details(job.jobId)[2]).toMatchObject({
      status: "RUNNING",
      container: { logStreamName: expect.stringMatching(/^gyre-local\/default\/[0-9a-f]{32}$/) },
    });
  });

  it("fails after one attempt on a non-zero exit when only host losses are retried", async () => {
    const job = await h.batch.submit(nodeJob(scripts.exit(3), { retryStrategy: spotRetry }));
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "FAILED"]);
    expect(h.last(job.jobId)).toMatchObject({
      statusReason: "Essential container in task exited",
      container: { exitCode: 3 },
      attempts: [
        { container: { exitCode: 3 }, statusReason: "Essential container in task exited" },
      ],
    });
  });

  it("retries a failure no rule matches, until the attempts run out", async () => {
    const retryStrategy = {
      attempts: 2,
      evaluateOnExit: [{ onExitCode: "4*", action: "exit" as const }],
    };
    const job = await h.batch.submit(nodeJob(scripts.exit(3), { retryStrategy }));
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual([
      ...["RUNNABLE", "STARTING", "RUNNING"],
      ...["RUNNABLE", "STARTING", "RUNNING", "FAILED"],
    ]);
    expect(h.details(job.jobId)[3]).toMatchObject({
      status: "RUNNABLE",
      attempts: [{ container: { exitCode: 3 } }],
    });
    expect(h.last(job.jobId).attempts).toHaveLength(2);
  });

  it("fails a command that cannot start from STARTING, like a container that cannot start", async () => {
    const job = await h.batch.submit(nodeJob("", { local: { command: ["./no-such-trainer"] } }));
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual(["RUNNABLE", "STARTING", "FAILED"]);
    expect(h.last(job.jobId)).toMatchObject({
      statusReason: "Task failed to start",
      attempts: [
        { container: { reason: expect.stringMatching(/^CannotStartContainerError: .*ENOENT/) } },
      ],
    });
    expect((await h.batch.logs(job.jobId)).lines[0]).toMatch(/could not start the job's command/);
  });

  it("retries a reclaimed spot host up to the attempts, then fails with the host's reason and no exit code", async () => {
    const job = await h.batch.submit(nodeJob(scripts.sleep, { retryStrategy: spotRetry }));
    for (const attempt of [1, 2, 3]) {
      await h.until(job.jobId, "RUNNING", attempt);
      await h.batch.reclaim(job.jobId);
    }
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual([
      ...["RUNNABLE", "STARTING", "RUNNING"],
      ...["RUNNABLE", "STARTING", "RUNNING"],
      ...["RUNNABLE", "STARTING", "RUNNING", "FAILED"],
    ]);
    const failed = h.last(job.jobId);
    expect(failed.statusReason).toMatch(/^Host EC2 \(instance i-[0-9a-f]{17}\) terminated\.$/);
    expect(failed.attempts).toHaveLength(3);
    for (const attempt of failed.attempts) {
      expect(attempt.statusReason).toBe(failed.statusReason);
      expect(attempt.container?.exitCode).toBeUndefined();
    }
  });

  it("stops an attempt that outlives timeoutSeconds and does not retry it", async () => {
    const job = await h.batch.submit(
      nodeJob(scripts.sleep, { timeoutSeconds: 0.3, retryStrategy: { attempts: 3 } }),
    );
    await h.settle();

    expect(h.statuses(job.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "FAILED"]);
    expect(h.last(job.jobId)).toMatchObject({
      statusReason: "Job attempt duration exceeded timeout",
      timeout: { attemptDurationSeconds: 0.3 },
      attempts: [{ container: { exitCode: 143 } }],
    });
  });

  it("gives the job its contract, the local S3 settings, Batch's variables and its GPUs", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", undefined);
    const printEnv = `console.log(JSON.stringify(process.env)); console.log(process.cwd())`;
    try {
      const gpu = await h.batch.submit(
        nodeJob(printEnv, {
          queue: "gpu-ondemand",
          resources: { vcpus: 1, memoryMiB: 512, gpus: 2 },
        }),
      );
      await h.settle();
      const cpu = await h.batch.submit(nodeJob(printEnv));
      await h.settle();

      const [gpuEnv, cwd] = (await h.batch.logs(gpu.jobId)).lines;
      expect(JSON.parse(gpuEnv as string)).toMatchObject({
        GYRE_RUN_ID: "run_1",
        AWS_ENDPOINT_URL_S3: "http://127.0.0.1:7701",
        AWS_ACCESS_KEY_ID: "gyre-local",
        AWS_SECRET_ACCESS_KEY: expect.any(String),
        AWS_REGION: "eu-west-1",
        AWS_BATCH_JOB_ID: gpu.jobId,
        AWS_BATCH_JOB_ATTEMPT: "1",
        AWS_BATCH_JQ_NAME: "gyre-gpu-ondemand",
        CUDA_VISIBLE_DEVICES: "0,1",
      });
      expect(cwd).toBe(process.cwd().replace(/\/packages\/local$/, ""));
      const cpuEnv = JSON.parse((await h.batch.logs(cpu.jobId)).lines[0] as string);
      expect(cpuEnv.CUDA_VISIBLE_DEVICES).toBe("");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("serves each attempt's stdout and stderr from a byte cursor, so a CLI can follow", async () => {
    const gate = h.gate("logs");
    const script = `console.log("one"); console.error("err one");
      ${scripts.gated(gate.path).replace("process.exit(0)", 'process.stdout.write("two\\nthree"), process.exit(0)')}`;
    const job = await h.batch.submit(nodeJob(script));
    await h.until(job.jobId, "RUNNING");
    let first = await h.batch.logs(job.jobId);
    while (first.lines.length < 2) first = await h.batch.logs(job.jobId);

    expect(first).toEqual({ attempt: 1, lines: ["one", "err one"], next: "12" });
    await gate.open();
    await h.settle();
    expect(await h.batch.logs(job.jobId, { cursor: first.next as string })).toEqual({
      attempt: 1,
      lines: ["two", "three"],
      next: null,
    });
    expect((await h.batch.logs(job.jobId, { attempt: 1 })).lines).toHaveLength(4);
    await expect(h.batch.logs(job.jobId, { attempt: 2 })).rejects.toThrow(/no attempt 2/);
  });
});
