import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as Training from "@gyre/core/training/index";
import { trainingStore } from "@gyre/core/training/store";
import { crashOnce } from "@gyre/local/testing/crash";
import { pipeline, startTrainingTest, type TrainingTest } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TrainingTest;

beforeAll(async () => {
  t = await startTrainingTest();
});
afterAll(() => t.close());

async function runsOf(name: string): Promise<Training.Run[]> {
  return (await Training.listRuns({ pipeline: name, limit: 100 }, t.platform)).items;
}

async function onlyRun(name: string): Promise<Training.Run> {
  await t.platform.bus.drain();
  const runs = await runsOf(name);
  expect(runs).toHaveLength(1);
  return runs[0] as Training.Run;
}

describe("runs from new data", () => {
  it("trains on a new dataset version: SUCCEEDED with metrics, artifact, attempts, duration and cost", async () => {
    await Training.createPipeline(pipeline("alpha"), t.platform);
    await t.newVersion("alpha", 1);
    const started = await onlyRun("alpha");
    const run = await t.waitForRun(
      started.id,
      (r) => r.status === "SUCCEEDED" || r.status === "FAILED",
    );

    expect(run).toMatchObject({
      status: "SUCCEEDED",
      trigger: "new-data",
      dataset: { name: "alpha", version: 1 },
      metrics: { auc: 0.87, accuracy: 0.81 },
      artifactUri: `s3://gyre-data/runs/${run.id}/model/`,
      jobId: expect.any(String),
    });
    expect(run.attempts).toHaveLength(1);
    expect(run.attempts[0]).toMatchObject({
      exitCode: 0,
      startedAt: expect.any(String),
      stoppedAt: expect.any(String),
    });
    expect(run.durationSeconds).toBeGreaterThan(0);
    expect(run.costUsd).toBeGreaterThanOrEqual(0);
    await t.platform.bus.drain(); // the run's write is durable a moment before its event is out
    const events = await t.platform.archive.list({ source: "gyre.training", limit: 10 });
    expect(events.items.map((e) => e["detail-type"])).toEqual([
      "Training Run Succeeded",
      "Training Run Started",
    ]);
    expect(events.items[0]?.detail).toMatchObject({
      runId: run.id,
      metrics: { auc: 0.87 },
      metadata: { correlationId: "cor_1" },
    });
  });

  it("starts exactly one run for a duplicated and an out-of-order Dataset Version Created", async () => {
    await Training.createPipeline(
      pipeline("beta", { hyperparameters: { sleepMs: 10 } }),
      t.platform,
    );
    await t.newVersion("beta", 2);
    await t.newVersion("beta", 2);
    await t.newVersion("beta", 1);
    const run = await onlyRun("beta");
    expect(run.dataset.version).toBe(2);
    await t.waitForRun(run.id, (r) => r.status === "SUCCEEDED");
  });

  it("coalesces versions pushed within the debounce window into one run on the newest", async () => {
    await Training.createPipeline(
      pipeline("gamma", { trigger: { onNewData: true, debounceSeconds: 1 } }),
      t.platform,
    );
    for (const version of [1, 2, 3, 4, 5]) await t.newVersion("gamma", version);
    const queued = await onlyRun("gamma");
    expect(queued.status).toBe("QUEUED");
    const run = await t.waitForRun(queued.id, (r) => r.status === "SUCCEEDED");
    expect(run.dataset.version).toBe(5);
    expect(await runsOf("gamma")).toHaveLength(1);
  });
});

describe("a SubmitJob that throws", () => {
  it("puts the run back QUEUED and submits it again after a second: one run, one job, one Started", async () => {
    await Training.createPipeline(pipeline("kappa"), t.platform);
    t.batch.refuseNextSubmit(new Error("Rate exceeded"));
    await t.newVersion("kappa", 1);

    const refused = await onlyRun("kappa");
    expect(refused).toMatchObject({
      status: "QUEUED",
      jobId: null,
      submitFailures: 1,
      reason: expect.stringMatching(/^SubmitJob failed \(Rate exceeded\); submitting again at /),
    });
    expect(Date.parse(refused.dueAt ?? "")).toBeGreaterThan(Date.parse(refused.createdAt));

    const run = await t.waitForRun(refused.id, (r) => r.status === "SUCCEEDED");
    expect(run).toMatchObject({ jobId: expect.any(String), reason: null, submitFailures: 1 });
    expect((await runsOf("kappa")).map((r) => r.id)).toEqual([refused.id]);
    const started = await t.platform.events.list({
      detailType: "Training Run Started",
      limit: 100,
    });
    expect(
      started.items.filter((e) => (e.detail as { runId?: string }).runId === refused.id),
    ).toHaveLength(1);
  });

  it("waits twice as long after each refusal, up to five minutes", () => {
    expect([1, 2, 3, 9, 10, 20].map(Training.resubmitDelayMs)).toEqual([
      1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
  });
});

describe("a run cut off between saving SUBMITTED and SubmitJob's answer", () => {
  /** Gyre dies right after the run is saved SUBMITTED, before SubmitJob is called. */
  function dieAfterSubmitted(pipelineName: string) {
    const saved = (command: unknown) => {
      const item = command instanceof PutCommand ? command.input.Item : undefined;
      return item?.pipeline === pipelineName && item?.status === "SUBMITTED";
    };
    return crashOnce(t.platform.state, saved, { after: true });
  }
  /** The run as the timer finds it after RECONCILE_AFTER_MS (the clock moved, not the test). */
  async function later(run: Training.Run) {
    const submittedAt = new Date(Date.now() - Training.RECONCILE_AFTER_MS - 1000).toISOString();
    expect(await trainingStore(t.platform.state).saveRun({ ...run, submittedAt })).toBe(true);
  }
  const startedEvents = async (runId: string) =>
    (await t.platform.events.list({ detailType: "Training Run Started", limit: 100 })).items.filter(
      (e) => (e.detail as { runId?: string }).runId === runId,
    );

  it("is submitted again once SubmitJob would long have answered, when Batch has no job for it", async () => {
    await Training.createPipeline(pipeline("mu"), t.platform);
    const crash = dieAfterSubmitted("mu");
    await t.newVersion("mu", 1);
    await t.platform.bus.drain();
    const [cut] = await runsOf("mu");
    const stuck = await t.waitForRun(cut?.id as string, (r) => r.status === "SUBMITTED");
    expect(crash.happened).toBe(true);
    expect(stuck.jobId).toBeNull();

    // Too soon: Batch is asked, has nothing, and the run waits for the timer.
    expect(await Training.submitRun(stuck.id, t.platform)).toMatchObject({ status: "SUBMITTED" });
    await later(stuck);
    const requeued = await Training.submitRun(stuck.id, t.platform);
    expect(requeued).toMatchObject({
      status: "QUEUED",
      submitFailures: 1,
      reason: expect.stringMatching(
        /^SubmitJob failed \(cut off before it answered, and Batch has no job mu-/,
      ),
    });

    const run = await t.waitForRun(stuck.id, (r) => r.status === "SUCCEEDED");
    expect((await runsOf("mu")).map((r) => r.id)).toEqual([run.id]);
    await t.platform.bus.drain();
    expect(await startedEvents(run.id)).toHaveLength(1);
  });

  it("takes the job Batch made when SubmitJob's answer was lost (by its name, or its first event): one job", async () => {
    await Training.createPipeline(pipeline("nu"), t.platform);
    const submit = t.batch.submit.bind(t.batch);
    t.batch.submit = async (spec) => {
      t.batch.submit = submit;
      await submit(spec);
      throw new Error("socket hang up");
    };
    await t.newVersion("nu", 1);
    await t.platform.bus.drain();
    const [cut] = await runsOf("nu");
    const run = await t.waitForRun(cut?.id as string, (r) => r.status === "SUCCEEDED");
    const job = await t.batch.findByName(run.queue, `nu-${run.id}`);
    expect(run.jobId).toBe(job?.jobId);
    const changes = await t.platform.archive.list({ source: "aws.batch", limit: 100 });
    const jobs = new Set(
      changes.items
        .map((e) => e.detail as { jobName?: string; jobId?: string })
        .filter((d) => d.jobName === `nu-${run.id}`)
        .map((d) => d.jobId),
    );
    expect(jobs.size).toBe(1);
    expect(await startedEvents(run.id)).toHaveLength(1);
  });
});

describe("a SubmitJob refused again and again", () => {
  it("fails the run at the tenth refusal, announced, and frees the pipeline for the next version", async () => {
    await Training.createPipeline(pipeline("xi"), t.platform);
    t.batch.refuseNextSubmit(new Error("AccessDeniedException"));
    await t.newVersion("xi", 1);
    const refused = await onlyRun("xi");
    expect(refused).toMatchObject({ status: "QUEUED", submitFailures: 1 });
    // Nine refusals so far (the backoff is the clock's business): due now, the tenth comes.
    const nine = { ...refused, submitFailures: Training.MAX_SUBMIT_FAILURES - 1, dueAt: null };
    expect(await trainingStore(t.platform.state).saveRun(nine)).toBe(true);
    t.batch.refuseNextSubmit(new Error("AccessDeniedException"));

    const failed = await Training.submitRun(refused.id, t.platform);
    expect(failed).toMatchObject({
      status: "FAILED",
      submitFailures: 10,
      reason: "SubmitJob failed (AccessDeniedException), the 10th time; the run is given up",
    });
    await t.platform.bus.drain();
    const events = await t.platform.archive.list({ detailType: "Training Run Failed", limit: 100 });
    expect(events.items.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ runId: refused.id, reason: failed?.reason }),
    );
    await t.newVersion("xi", 2);
    await t.platform.bus.drain();
    const next = (await runsOf("xi")).find((r) => r.id !== refused.id);
    expect(next?.dataset.version).toBe(2);
  });
});

describe("runs that fail", () => {
  it("fails a trainer that exits 1 after one attempt, with the reason", async () => {
    await Training.createPipeline(pipeline("delta", { hyperparameters: { exit: 1 } }), t.platform);
    await t.newVersion("delta", 1);
    const run = await t.waitForRun((await onlyRun("delta")).id, (r) => r.status === "FAILED");
    expect(run.attempts).toHaveLength(1);
    expect(run.attempts[0]?.exitCode).toBe(1);
    expect(run.attempts[0]?.statusReason).toBe("Essential container in task exited");
    expect(run.reason).toBe("trainer failed on purpose");
    const failed = await t.platform.archive.list({ detailType: "Training Run Failed", limit: 10 });
    expect(failed.items.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ runId: run.id, attempts: 1, reason: "trainer failed on purpose" }),
    );
  });

  it("takes the reason from the trainer's last error line, not Batch's words", async () => {
    const hyperparameters = { failWith: 'no column "churned"' };
    await Training.createPipeline(pipeline("delta-2", { hyperparameters }), t.platform);
    await t.newVersion("delta-2", 1);
    const run = await t.waitForRun((await onlyRun("delta-2")).id, (r) => r.status === "FAILED");
    expect(run.reason).toBe('[train] failed: no column "churned"');
  });

  it("retries an attempt lost the way a spot reclaim is reported, up to the attempts", async () => {
    await Training.createPipeline(
      pipeline("epsilon", { hyperparameters: { sleepMs: 60_000 } }),
      t.platform,
    );
    await t.newVersion("epsilon", 1);
    const { id } = await onlyRun("epsilon");
    for (let attempt = 1; attempt <= 3; attempt++) {
      const running = await t.waitForRun(
        id,
        (r) => r.status === "RUNNING" && r.attempts.length === attempt,
      );
      await t.batch.reclaim(running.jobId as string);
    }
    const run = await t.waitForRun(id, (r) => r.status === "FAILED");
    expect(run.attempts).toHaveLength(3);
    expect(run.attempts.every((a) => /^Host EC2/.test(a.statusReason ?? ""))).toBe(true);
  });

  it("ignores a late RUNNING after SUCCEEDED", async () => {
    await Training.createPipeline(pipeline("zeta"), t.platform);
    await t.newVersion("zeta", 1);
    const run = await t.waitForRun((await onlyRun("zeta")).id, (r) => r.status === "SUCCEEDED");
    const events = await t.platform.archive.list({ source: "aws.batch", limit: 100 });
    const late = events.items.find(
      (e) =>
        (e.detail as { status: string; tags?: Record<string, string> }).status === "RUNNING" &&
        e.detail.tags &&
        (e.detail.tags as Record<string, string>)["gyre:run"] === run.id,
    );
    await t.platform.bus.replay({
      name: "late",
      from: new Date(0),
      to: new Date(),
      pattern: { id: [late?.id] },
    });
    const after = await t.waitForRun(run.id, () => true);
    expect(after).toMatchObject({ status: "SUCCEEDED", revision: run.revision });
  });
});
