import * as Training from "@gyre/core/training/index";
import { pipeline, startTrainingTest, type TrainingTest } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make } from "./schedule-fired";

/** The local schedules' clock: real time, or real time moved to start at `set(iso)`. */
const clock = { from: 0, realFrom: 0 };
const now = () => new Date(clock.from ? clock.from + Date.now() - clock.realFrom : Date.now());
const setClock = (iso: string) =>
  Object.assign(clock, { from: Date.parse(iso), realFrom: Date.now() });

let t: TrainingTest;
let scheduleFired: ReturnType<typeof make>;
beforeAll(async () => {
  t = await startTrainingTest({ now });
  scheduleFired = make(t.platform, { rule: "schedules" });
});
afterAll(() => t.close());

const scheduled = (name: string, schedule: string, trigger: Record<string, unknown> = {}) =>
  pipeline(name, { trigger: { onNewData: false, debounceSeconds: 0, schedule, ...trigger } });
const runsOf = async (name: string) => {
  await t.platform.bus.drain();
  return (await Training.listRuns({ pipeline: name, limit: 100 }, t.platform)).items;
};
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("a pipeline's schedule", () => {
  it("is refused with a 400 saying what is wrong when it is not one Scheduler takes", async () => {
    const post = (schedule: string) =>
      t.app.request("/pipelines", {
        method: "POST",
        headers: { ...t.platform.as.pipeline, "content-type": "application/json" },
        body: JSON.stringify(scheduled("bad", schedule)),
      });
    const both = await post("cron(0 12 * * * *)");
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({
      error: {
        code: "request.invalid",
        message: expect.stringContaining(
          "body.trigger.schedule: cron(0 12 * * * *): exactly one of day-of-month and day-of-week must be ?",
        ),
      },
    });
    const plural = await post("rate(1 hours)");
    expect(plural.status).toBe(400);
    expect(((await plural.json()) as { error: { message: string } }).error.message).toContain(
      "with 1 the unit is singular",
    );
    const never = await post("cron(0 0 1 1 ? 2020)");
    expect(never.status).toBe(400);
    expect(await never.json()).toMatchObject({
      error: { code: "pipeline.schedule_never_fires" },
    });
    expect(t.schedules.nextFires().has("bad")).toBe(false);
  });

  it("is armed on create, moved on replace, and dropped on disable or when removed", async () => {
    setClock("2099-06-01T12:00:00Z");
    const created = await t.app.request("/pipelines", {
      method: "POST",
      headers: { ...t.platform.as.pipeline, "content-type": "application/json" },
      body: JSON.stringify(scheduled("armed", "cron(0 3 * * ? *)")),
    });
    expect(created.status).toBe(201);
    expect(t.schedules.nextFires().get("armed")).toEqual(new Date("2099-06-02T03:00:00Z"));

    const put = (body: object) =>
      t.app.request("/pipelines/armed", {
        method: "PUT",
        headers: { ...t.platform.as.pipeline, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put(scheduled("armed", "cron(30 11 ? * MON#1 *)"))).status).toBe(200);
    // 2099-06-01 is the first Monday of June, but 11:30 has passed: the first Monday of July is the 6th.
    expect(t.schedules.nextFires().get("armed")).toEqual(new Date("2099-07-06T11:30:00Z"));

    const disabled = await t.app.request("/pipelines/armed", {
      method: "DELETE",
      headers: t.platform.as.pipeline,
    });
    expect(disabled.status).toBe(200);
    expect(t.schedules.nextFires().has("armed")).toBe(false);

    expect((await put(scheduled("armed", "rate(2 hours)"))).status).toBe(200);
    expect(t.schedules.nextFires().get("armed")?.getTime()).toBeCloseTo(
      now().getTime() + 7_200_000,
      -3,
    );
    expect((await put(pipeline("armed"))).status).toBe(200);
    expect(t.schedules.nextFires().has("armed")).toBe(false);
  });

  it("fires at its time and trains on the newest dataset version, then re-arms for the next", async () => {
    await t.newVersion("hourly", 1);
    await t.newVersion("hourly", 2);
    await t.platform.bus.drain();
    setClock("2099-06-01T12:59:59.600Z");
    await Training.createPipeline(scheduled("hourly", "cron(0 * * * ? *)"), t.platform);
    expect(t.schedules.nextFires().get("hourly")).toEqual(new Date("2099-06-01T13:00:00Z"));

    const runs = await waitFor(
      () => runsOf("hourly"),
      (r) => r.length > 0,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", dataset: { name: "hourly", version: 2 } });
    expect(t.schedules.nextFires().get("hourly")).toEqual(new Date("2099-06-01T14:00:00Z"));
    expect((await Training.getPipeline("hourly", t.platform)).lastScheduledFire).toBe(
      "2099-06-01T13:00:00.000Z",
    );
    const run = await t.waitForRun(runs[0]?.id as string, (r) => r.status === "SUCCEEDED");
    expect(run.cause).toMatchObject({ actor: "schedule" });
  });

  it("starts one run for a fire delivered twice (or at once), another for the next fire", async () => {
    await t.newVersion("twice", 1);
    await t.platform.bus.drain();
    // A debounce window is for bursts of data; a scheduled run starts at once all the same.
    await Training.createPipeline(
      scheduled("twice", "cron(0 0 1 1 ? 2099)", { debounceSeconds: 600 }),
      t.platform,
    );
    const fire = { pipeline: "twice", scheduledTime: "2099-01-01T00:00:00Z" };
    await scheduleFired(fire);
    await scheduleFired(fire);
    await Promise.all([scheduleFired(fire), scheduleFired(fire)]);
    const once = await runsOf("twice");
    expect(once).toHaveLength(1);
    expect(once[0]?.status).not.toBe("QUEUED");

    await scheduleFired({ ...fire, scheduledTime: "2098-12-31T23:00:00Z" });
    expect(await runsOf("twice")).toHaveLength(1);
    await scheduleFired({ ...fire, scheduledTime: "2099-01-02T00:00:00Z" });
    expect(await runsOf("twice")).toHaveLength(2);
  });

  it("starts nothing for a disabled pipeline, nor before training has seen any dataset version", async () => {
    const fire = async (pipeline: string) =>
      Training.startScheduledRun(pipeline, new Date("2099-01-01T00:00:00Z"), t.platform);
    await Training.createPipeline(scheduled("no-data", "rate(1 day)"), t.platform);
    expect(await fire("no-data")).toEqual({ skipped: "no-data" });

    await t.newVersion("off", 1);
    await t.platform.bus.drain();
    await Training.createPipeline(scheduled("off", "rate(1 day)"), t.platform);
    await Training.disablePipeline("off", t.platform);
    expect(await fire("off")).toEqual({ skipped: "disabled" });
    expect(await fire("nobody")).toEqual({ skipped: "not-found" });
    await expect(scheduleFired({ pipeline: "off", scheduledTime: "later" })).rejects.toThrow();
    expect(await runsOf("no-data")).toEqual([]);
    expect(await runsOf("off")).toEqual([]);
  });

  it("is armed at startup for every enabled pipeline that has one", async () => {
    setClock("2099-06-01T12:00:00Z");
    const fresh = await t.restartedSchedules();
    try {
      const armed = fresh.nextFires();
      expect(armed.get("hourly")).toEqual(new Date("2099-06-01T13:00:00Z"));
      expect(armed.has("off")).toBe(false);
      expect(armed.has("no-data")).toBe(true);
      expect(armed.has("armed")).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});
