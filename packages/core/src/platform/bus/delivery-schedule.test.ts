import type { Envelope } from "@gyre/events";
import { describe, expect, it } from "vitest";
import { LocalBus, seededSchedule } from "./index";

const entry = (n: number) => ({
  Source: "gyre.test",
  DetailType: "Thing Happened",
  Detail: JSON.stringify({ n }),
});

async function deliveries(seed: number | undefined): Promise<number[]> {
  const delivery = seed === undefined ? undefined : seededSchedule({ seed, windowMs: 20 });
  const bus = new LocalBus({ delivery });
  const seen: number[] = [];
  const target = (event: Envelope) => void seen.push((event.detail as { n: number }).n);
  bus.addRule({ name: "r", pattern: { source: ["gyre.test"] }, target });
  for (let n = 1; n <= 10; n++) await bus.putEvents([entry(n)]);
  await bus.drain();
  return seen;
}

describe("a seeded delivery schedule", () => {
  it("delivers every event at least twice, and not in the order it was put", async () => {
    const seen = await deliveries(7);
    for (let n = 1; n <= 10; n++) expect(seen.filter((x) => x === n).length).toBeGreaterThan(1);
    expect(seen.slice(0, 10)).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await deliveries(undefined)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("draws the same copies and delays from the same seed, and others from another", () => {
    const event = { source: "gyre.test", "detail-type": "Thing Happened" } as Envelope;
    const draws = (seed: number) => {
      const schedule = seededSchedule({ seed, windowMs: 50 });
      return [1, 2, 3].map(() => schedule.delaysMs("r", event));
    };
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    for (const delays of draws(3)) {
      expect(delays.length).toBeGreaterThanOrEqual(2);
      for (const delay of delays) expect(delay).toBeLessThanOrEqual(50);
    }
  });
});
