import { describe, expect, it } from "vitest";
import { HopFailed, poll } from "./wait";

const watch = (progress: string[] = []) => ({
  timeoutMs: 30,
  pollMs: 5,
  progress: (line: string) => progress.push(line),
});

describe("a hop of the demo", () => {
  it("names the hop that stalled, and where to look", async () => {
    await expect(
      poll({ name: "the training run", hint: "gyre runs ls" }, async () => undefined, watch()),
    ).rejects.toThrow(
      'The loop stalled at "the training run": nothing after 0 s. Look at: gyre runs ls',
    );
  });

  it("gives the value once there is one, and passes a failure on", async () => {
    let reads = 0;
    expect(await poll({ name: "x" }, async () => (++reads === 3 ? "v1" : undefined), watch())).toBe(
      "v1",
    );
    const failed = poll({ name: "x" }, () => Promise.reject(new HopFailed("rolled back")), watch());
    await expect(failed).rejects.toThrow("rolled back");
  });
});
