import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { defineEvent, type EventPublisher, gyreDetail, type PutEventsEntry } from "@gyre/events";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { tableName } from "../state/tables";
import { announce, putAnnouncing, relayItem, relaySoon, sweepOutbox } from "./index";

const Moved = defineEvent("gyre.test", "Thing Moved", gyreDetail({ thing: z.string() }));
const metadata = { actor: "alice", correlationId: "cor_1", causationId: null };
const table = tableName("training");

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

/** A bus that records what it took, and refuses every call while `down`. */
function recordingBus() {
  const sent: PutEventsEntry[] = [];
  const bus: EventPublisher & { sent: PutEventsEntry[]; down: boolean } = {
    sent,
    down: false,
    async putEvents(entries) {
      if (bus.down) throw new Error("EventBridge unavailable");
      sent.push(...entries);
      return {
        FailedEntryCount: 0,
        Entries: entries.map((_, i) => ({ EventId: `e${sent.length + i}` })),
      };
    },
  };
  return bus;
}

const key = (id: string) => ({ pk: `thing#${id}`, sk: "thing" });
const moved = (id: string, to: string) => announce(Moved, `${id}:${to}`, { thing: id, metadata });

async function write(id: string, to: string) {
  const applied = await putAnnouncing(
    platform.state,
    {
      TableName: table,
      Item: { ...key(id), at: to },
      ConditionExpression: "attribute_not_exists(pk)",
    },
    [moved(id, to)],
  );
  expect(applied).toBe(true);
}

async function stored(id: string) {
  const { Item } = await platform.state.send(new GetCommand({ TableName: table, Key: key(id) }));
  return Item;
}

describe("the outbox: an item's events written with its change, published by the relay", () => {
  it("writes the change and its event in one item, and the relay publishes and clears it", async () => {
    await write("a", "shelf");
    expect(await stored("a")).toMatchObject({ at: "shelf", outboxPending: "pending" });
    const bus = recordingBus();
    expect(await relayItem({ state: platform.state, bus }, table, key("a"))).toBe(1);
    expect(bus.sent).toHaveLength(1);
    expect(JSON.parse(bus.sent[0]?.Detail ?? "")).toEqual({
      thing: "a",
      metadata: { ...metadata, eventKey: "a:shelf" },
    });
    expect(await stored("a")).toEqual({ ...key("a"), at: "shelf", outboxCleared: 1 });
    expect(await relayItem({ state: platform.state, bus }, table, key("a"))).toBe(0);
  });

  it("keeps events still pending when a later write replaces the item", async () => {
    await write("b", "shelf");
    const later = await putAnnouncing(
      platform.state,
      { TableName: table, Item: { ...key("b"), at: "box" } },
      [moved("b", "box")],
    );
    expect(later).toBe(true);
    const bus = recordingBus();
    await relayItem({ state: platform.state, bus }, table, key("b"));
    expect(bus.sent.map((e) => JSON.parse(e.Detail).metadata.eventKey).sort()).toEqual([
      "b:box",
      "b:shelf",
    ]);
  });

  it("leaves the event pending when PutEvents fails, and a later sweep publishes it", async () => {
    await write("c", "shelf");
    const bus = recordingBus();
    bus.down = true;
    await relaySoon({ state: platform.state, bus }, table, key("c"));
    expect(await stored("c")).toMatchObject({ outboxPending: "pending" });
    bus.down = false;
    const swept = await sweepOutbox({ state: platform.state, bus }, table);
    expect(swept.failed).toBe(0);
    expect(bus.sent.map((e) => JSON.parse(e.Detail).metadata.eventKey)).toContain("c:shelf");
    expect(await stored("c")).not.toHaveProperty("outbox");
  });

  it("repairs a crash between the write and the publish: the sweep on start publishes it", async () => {
    await write("d", "shelf"); // the process dies here, before any relay ran
    const afterRestart = recordingBus();
    await sweepOutbox({ state: platform.state, bus: afterRestart }, table);
    expect(afterRestart.sent.map((e) => JSON.parse(e.Detail).metadata.eventKey)).toContain(
      "d:shelf",
    );
    const again = recordingBus();
    await sweepOutbox({ state: platform.state, bus: again }, table);
    expect(again.sent).toEqual([]);
  });

  it("publishes a refused entry again with the same key, clearing only what the bus took", async () => {
    await putAnnouncing(
      platform.state,
      {
        TableName: table,
        Item: { ...key("e"), at: "shelf" },
        ConditionExpression: "attribute_not_exists(pk)",
      },
      [moved("e", "shelf"), moved("e", "box")],
    );
    const keys: string[] = [];
    const halfDown: EventPublisher = {
      async putEvents(entries) {
        keys.push(...entries.map((e) => JSON.parse(e.Detail).metadata.eventKey));
        return {
          FailedEntryCount: 1,
          Entries: [{ EventId: "e1" }, { ErrorCode: "InternalFailure", ErrorMessage: "try again" }],
        };
      },
    };
    await expect(
      relayItem({ state: platform.state, bus: halfDown }, table, key("e")),
    ).rejects.toThrow(/InternalFailure/);
    const bus = recordingBus();
    await relayItem({ state: platform.state, bus }, table, key("e"));
    expect(bus.sent.map((e) => JSON.parse(e.Detail).metadata.eventKey)).toEqual([keys[1]]);
  });
});
