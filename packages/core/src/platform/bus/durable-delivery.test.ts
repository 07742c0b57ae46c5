import type { Envelope } from "@gyre/events";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventArchive, LocalBus, MemoryArchive } from "./index";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const entry = (n: number) => ({
  Source: "gyre.test",
  DetailType: "Thing Happened",
  Detail: JSON.stringify({ n }),
});
const pattern = { source: ["gyre.test"] };

/** A bus whose process dies mid-delivery: its targets never return, and it is never closed. */
async function crashMidDelivery(archive: EventArchive, events: number) {
  const doomed = new LocalBus({ archive });
  doomed.addRule({ name: "slow", pattern, target: () => new Promise(() => {}) });
  doomed.addRule({ name: "quick", pattern, target: () => {} });
  for (let n = 1; n <= events; n++) await doomed.putEvents([entry(n)]);
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function restart(archive: EventArchive) {
  const seen: { rule: string; n: number }[] = [];
  const bus = new LocalBus({ archive });
  for (const rule of ["slow", "quick"])
    bus.addRule({
      name: rule,
      pattern,
      target: (event: Envelope) => void seen.push({ rule, n: (event.detail as { n: number }).n }),
    });
  const resumed = await bus.resume();
  await bus.drain();
  return { bus, seen, resumed };
}

describe.each([
  ["in memory", () => new MemoryArchive()],
  ["in DynamoDB (dynalite)", () => platform.archive],
])(
  "an event the bus accepted survives a crash before its delivery (archive %s)",
  (_, archiveOf) => {
    it("is delivered after the restart to the rules that had not had it, once, and not again after", async () => {
      const archive = archiveOf();
      const before = (await archive.undelivered()).length;
      await crashMidDelivery(archive, 2);
      expect((await archive.undelivered()).length - before).toBe(2);

      const first = await restart(archive);
      expect(first.seen.filter((s) => s.rule === "quick")).toEqual([]);
      expect(first.seen.map((s) => s.n).sort()).toEqual([1, 2]);
      await first.bus.close();

      const second = await restart(archive);
      expect(second.resumed).toBe(0);
      expect(second.seen).toEqual([]);
    });
  },
);
