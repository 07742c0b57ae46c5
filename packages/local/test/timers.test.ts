import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localSchedules } from "../src/schedules";
import { localTimer } from "../src/timer";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-timers-"));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const until = async (done: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
};

describe("the local timer, like a one-time Scheduler schedule", () => {
  it("fires a timer set before a restart after it, once, and a moved timer at its new time", async () => {
    const before = localTimer(home);
    await before.start(async () => {});
    await before.at(new Date(Date.now() + 60_000), "run_moved");
    await before.at(new Date(Date.now() + 150), "run_due");
    await before.at(new Date(Date.now() + 100), "run_moved");
    await before.close();

    const fired: string[] = [];
    const after = localTimer(home);
    await after.start(async (id) => {
      fired.push(id);
    });
    await until(() => fired.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    await after.close();
    expect(fired.sort()).toEqual(["run_due", "run_moved"]);

    const again: string[] = [];
    const third = localTimer(home);
    await third.start(async (id) => {
      again.push(id);
    });
    await new Promise((r) => setTimeout(r, 200));
    await third.close();
    expect(again).toEqual([]);
  });
});

describe("the local recurring schedules, like Scheduler's", () => {
  it("are armed again after a restart, and a removed one stays removed", async () => {
    const now = () => new Date("2099-06-01T12:00:00Z");
    const before = localSchedules(home, { now });
    await before.start(async () => {});
    await before.sync("hourly", "rate(1 hour)");
    await before.sync("gone", "cron(0 3 * * ? *)");
    await before.sync("gone", undefined);
    await before.close();

    const after = localSchedules(home, { now });
    await after.start(async () => {});
    expect(after.nextFires()).toEqual(new Map([["hourly", new Date("2099-06-01T13:00:00Z")]]));
    await after.close();
  });
});
