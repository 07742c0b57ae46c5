import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { tableName } from "@gyre/core/platform/state/tables";
import * as Training from "@gyre/core/training/index";
import { crashOnce } from "@gyre/local/testing/crash";
import { pipeline, startTrainingTest, type TrainingTest } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TrainingTest;
beforeAll(async () => {
  t = await startTrainingTest();
});
afterAll(() => t.close());

/** The pipeline's pointer to its queued run, cleared: the second item a submit writes. */
const clearsQueuedRun = (command: unknown) =>
  command instanceof UpdateCommand &&
  String(command.input.ConditionExpression).endsWith("(queuedRunId = :id)");

async function queuedRunId(name: string) {
  const { Item } = await t.platform.state.send(
    new GetCommand({
      TableName: tableName("training"),
      Key: { pk: `pipeline#${name}`, sk: "pipeline" },
      ConsistentRead: true,
    }),
  );
  return Item?.queuedRunId as string | undefined;
}

async function runsOf(name: string) {
  await t.platform.bus.drain();
  return (await Training.listRuns({ pipeline: name, limit: 10 }, t.platform)).items;
}

describe("a submit's two items, the run and its pipeline's queued-run pointer", () => {
  it("repairs a crash between the run's job and the pointer's clear: the run goes on, and the next version starts a run of its own", async () => {
    await Training.createPipeline(
      pipeline("crash-queue", { trigger: { onNewData: true, debounceSeconds: 1 } }),
      t.platform,
    );
    const crash = crashOnce(t.platform.state, clearsQueuedRun);
    await t.newVersion("crash-queue", 1);
    const [first] = await runsOf("crash-queue");
    if (!first) throw new Error("no run");
    const done = await t.waitForRun(first.id, (r) => r.status === "SUCCEEDED");
    expect(crash.happened).toBe(true);
    expect(done.jobId).toEqual(expect.any(String));
    expect(await queuedRunId("crash-queue")).toBe(first.id);

    await t.newVersion("crash-queue", 2);
    const runs = await runsOf("crash-queue");
    expect(runs).toHaveLength(2);
    const second = runs.find((r) => r.id !== first.id);
    expect(second).toMatchObject({ status: "QUEUED", dataset: { version: 2 } });
    expect(await queuedRunId("crash-queue")).toBe(second?.id);
    expect((await Training.getRun(first.id, t.platform)).dataset.version).toBe(1);
    await t.waitForRun(second?.id as string, (r) => r.status === "SUCCEEDED");
    expect(await queuedRunId("crash-queue")).toBe("");
  }, 60_000);
});
