import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as Training from "@gyre/core/training/index";
import { crashOnce } from "@gyre/local/testing/crash";
import { pipeline, startTrainingTest, type TrainingTest } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make as makeRelay } from "./outbox";

let t: TrainingTest;
beforeAll(async () => {
  t = await startTrainingTest();
});
afterAll(() => t.close());

async function finishedRun(name: string): Promise<Training.Run> {
  await t.platform.bus.drain();
  const [run] = (await Training.listRuns({ pipeline: name, limit: 10 }, t.platform)).items;
  if (!run) throw new Error(`no run of ${name}`);
  const done = await t.waitForRun(run.id, (r) => r.status === "SUCCEEDED");
  await t.platform.bus.drain();
  return done;
}

async function eventsOf(runId: string) {
  const { items } = await t.platform.archive.list({ source: "gyre.training", limit: 100 });
  return items.filter((e) => (e.detail as { runId?: string }).runId === runId);
}

describe("training's events go out through the run's outbox", () => {
  it("repairs a crash after SubmitJob, in the write that records the job id: a Batch event of the job records it and announces Started", async () => {
    await Training.createPipeline(pipeline("crash-submit"), t.platform);
    // recordJobId's write, or the first Batch event's if that one wins the race.
    const crash = crashOnce(t.platform.state, (command) => {
      const item = command instanceof PutCommand ? (command.input.Item ?? {}) : {};
      return item.pipeline === "crash-submit" && Boolean(item.jobId);
    });
    await t.newVersion("crash-submit", 1);
    const run = await finishedRun("crash-submit");
    expect(crash.happened).toBe(true);
    expect(run.jobId).toEqual(expect.any(String));
    const events = await eventsOf(run.id);
    const started = events.filter((e) => e["detail-type"] === "Training Run Started");
    // Two relays of one item may both publish it (at least once): it is one eventKey.
    expect(new Set(started.map((e) => JSON.stringify(e.detail)))).toHaveProperty("size", 1);
    expect(started[0]?.detail).toMatchObject({
      jobId: run.jobId,
      metadata: { eventKey: `${run.id}:started` },
    });
    expect(events.map((e) => e["detail-type"])).toContain("Training Run Succeeded");
  });

  it("keeps Succeeded pending when PutEvents fails, and the sweep publishes it", async () => {
    await Training.createPipeline(pipeline("bus-down"), t.platform);
    const bus = t.platform.bus;
    const putEvents = bus.putEvents.bind(bus);
    bus.putEvents = async (entries) => {
      if (entries.some((e) => e.DetailType === "Training Run Succeeded")) {
        throw new Error("EventBridge unavailable");
      }
      return putEvents(entries);
    };
    await t.newVersion("bus-down", 1);
    const run = await finishedRun("bus-down");
    expect((await eventsOf(run.id)).map((e) => e["detail-type"])).toEqual(["Training Run Started"]);
    bus.putEvents = putEvents;
    await makeRelay(t.platform, { rule: "training-outbox" })();
    await t.platform.bus.drain();
    const succeeded = (await eventsOf(run.id)).filter(
      (e) => e["detail-type"] === "Training Run Succeeded",
    );
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]?.detail).toMatchObject({ metadata: { eventKey: `${run.id}:SUCCEEDED` } });
  });
});
