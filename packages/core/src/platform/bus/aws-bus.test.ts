import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { PutEventsEntry } from "@gyre/events";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventBridgePublisher } from "./aws-bus";

const eventBridge = mockClient(EventBridgeClient);
const publisher = new EventBridgePublisher({ baseDelayMs: 1 });

const entry = (n: number): PutEventsEntry => ({
  Source: "gyre.test",
  DetailType: "Thing Happened",
  Detail: JSON.stringify({ n }),
});
const onBus = (n: number) => ({ ...entry(n), EventBusName: "gyre-bus" });
const sentEntries = () =>
  eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries);

beforeEach(() => {
  eventBridge.reset();
  process.env.GYRE_BUS_NAME = "gyre-bus";
});
afterEach(() => {
  delete process.env.GYRE_BUS_NAME;
});

/** Answers every call with an id per entry, as EventBridge does when all succeed. */
function acceptAll() {
  let next = 0;
  eventBridge.on(PutEventsCommand).callsFake(({ Entries = [] }) => ({
    FailedEntryCount: 0,
    Entries: Entries.map(() => ({ EventId: `id-${next++}` })),
  }));
}

describe("EventBridgePublisher", () => {
  it("sends 23 entries as calls of 10, 10 and 3, each entry naming the Gyre bus", async () => {
    acceptAll();
    const entries = Array.from({ length: 23 }, (_, n) => entry(n));

    const result = await publisher.putEvents(entries);

    expect(sentEntries()).toEqual([
      Array.from({ length: 10 }, (_, n) => onBus(n)),
      Array.from({ length: 10 }, (_, n) => onBus(n + 10)),
      Array.from({ length: 3 }, (_, n) => onBus(n + 20)),
    ]);
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries.map((e) => e.EventId)).toEqual(entries.map((_, n) => `id-${n}`));
  });

  it("starts a new call before the entries in one would reach 256 KB, keeping their order", async () => {
    acceptAll();
    const sized = (n: number, kb: number): PutEventsEntry => ({
      ...entry(n),
      Detail: JSON.stringify({ n, pad: "x".repeat(kb * 1024) }),
    });
    const entries = [sized(0, 100), sized(1, 100), sized(2, 100), sized(3, 1), sized(4, 300)];
    const bus = (e: PutEventsEntry) => ({ ...e, EventBusName: "gyre-bus" });

    const result = await publisher.putEvents(entries);

    expect(sentEntries()).toEqual([
      [bus(sized(0, 100)), bus(sized(1, 100))],
      [bus(sized(2, 100)), bus(sized(3, 1))],
      [bus(sized(4, 300))],
    ]);
    expect(result.Entries.map((e) => e.EventId)).toEqual(["id-0", "id-1", "id-2", "id-3", "id-4"]);
  });

  it("retries only the entries that failed transiently and answers in the original order", async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [
          { EventId: "a" },
          { ErrorCode: "ThrottlingException", ErrorMessage: "slow down" },
          { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
          { ErrorCode: "InternalFailure", ErrorMessage: "try again" },
        ],
      })
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: "b" }, { ErrorCode: "InternalFailure", ErrorMessage: "again" }],
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: "d" }] });

    const result = await publisher.putEvents([entry(0), entry(1), entry(2), entry(3)]);

    expect(sentEntries()).toEqual([
      [onBus(0), onBus(1), onBus(2), onBus(3)],
      [onBus(1), onBus(3)],
      [onBus(3)],
    ]);
    expect(result).toEqual({
      FailedEntryCount: 1,
      Entries: [
        { EventId: "a" },
        { EventId: "b" },
        { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." },
        { EventId: "d" },
      ],
    });
  });

  it("gives up after four attempts and reports the last error for that entry", async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "still down" }],
    });

    const result = await publisher.putEvents([entry(0)]);

    expect(sentEntries()).toEqual([[onBus(0)], [onBus(0)], [onBus(0)], [onBus(0)]]);
    expect(result).toEqual({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "still down" }],
    });
  });

  it("refuses to publish when GYRE_BUS_NAME is not set, rather than use the default bus", async () => {
    delete process.env.GYRE_BUS_NAME;
    await expect(publisher.putEvents([entry(0)])).rejects.toThrow("GYRE_BUS_NAME is not set");
    expect(sentEntries()).toEqual([]);
  });
});
