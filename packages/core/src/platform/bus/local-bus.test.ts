import type { Envelope, PutEventsEntry } from "@gyre/events";
import { describe, expect, it } from "vitest";
import { LocalBus, MAX_ENTRY_BYTES } from "./index";

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

function entry(detailType: string, detail: object = {}): PutEventsEntry {
  return { Source: "gyre.test", DetailType: detailType, Detail: JSON.stringify(detail) };
}

function recorder() {
  const seen: Envelope[] = [];
  return { seen, target: (event: Envelope) => void seen.push(event) };
}

function failing(times: number) {
  const calls: Envelope[] = [];
  return {
    calls,
    target: (event: Envelope) => {
      calls.push(event);
      if (calls.length <= times) throw new Error(`target down (call ${calls.length})`);
    },
  };
}

describe("LocalBus delivery", () => {
  it("retries a failing target until it succeeds, and delivers once to every other matching rule", async () => {
    const bus = new LocalBus({ retryPolicy: fast });
    const flaky = failing(2);
    const steady = recorder();
    const other = recorder();
    bus.addRule({ name: "flaky", pattern: { source: ["gyre.test"] }, target: flaky.target });
    bus.addRule({
      name: "steady",
      pattern: { "detail-type": ["Thing Happened"] },
      target: steady.target,
    });
    bus.addRule({ name: "other", pattern: { source: ["gyre.other"] }, target: other.target });

    const result = await bus.putEvents([entry("Thing Happened", { n: 1 })]);
    await bus.drain();

    expect(result.FailedEntryCount).toBe(0);
    expect(flaky.calls).toHaveLength(3);
    expect(new Set(flaky.calls.map((e) => e.id))).toEqual(new Set([result.Entries[0]?.EventId]));
    expect(steady.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
    expect(await bus.deadLetters.list()).toEqual([]);
  });

  it("sends the event to the dead-letter store with the last error after the configured retries", async () => {
    const bus = new LocalBus({ retryPolicy: { ...fast, maximumRetryAttempts: 2 } });
    const broken = failing(Number.POSITIVE_INFINITY);
    bus.addRule({ name: "broken", pattern: { source: ["gyre.test"] }, target: broken.target });

    const { Entries } = await bus.putEvents([entry("Thing Happened")]);
    await bus.drain();

    expect(broken.calls).toHaveLength(3);
    const [letter, ...rest] = await bus.deadLetters.list();
    expect(rest).toEqual([]);
    expect(letter).toMatchObject({
      rule: "broken",
      reason: "MaximumRetryAttemptsExceeded",
      attempts: 3,
      error: { name: "Error", message: "target down (call 3)" },
      event: { id: Entries[0]?.EventId, "detail-type": "Thing Happened" },
    });
  });

  it("gives up when the next retry would pass the maximum event age", async () => {
    const bus = new LocalBus({
      retryPolicy: {
        maximumRetryAttempts: 100,
        maximumEventAgeSeconds: 0.05,
        baseDelayMs: 20,
        maxDelayMs: 20,
      },
    });
    bus.addRule({
      name: "broken",
      pattern: { source: ["gyre.test"] },
      target: failing(1000).target,
    });

    await bus.putEvents([entry("Thing Happened")]);
    await bus.drain();

    const [letter] = await bus.deadLetters.list();
    expect(letter?.reason).toBe("MaximumEventAgeExceeded");
    expect(letter?.attempts).toBeLessThan(100);
  });

  it("delivers asynchronously: PutEvents returns before any target runs", async () => {
    const bus = new LocalBus();
    const seen = recorder();
    bus.addRule({ name: "r", pattern: { source: ["gyre.test"] }, target: seen.target });

    await bus.putEvents([entry("Thing Happened")]);
    expect(seen.seen).toHaveLength(0);
    await bus.drain();
    expect(seen.seen).toHaveLength(1);
  });

  it("gives each target its own copy, so one handler cannot change what another sees", async () => {
    const bus = new LocalBus();
    const second = recorder();
    bus.addRule({
      name: "mutator",
      pattern: { source: ["gyre.test"] },
      target: (event) => {
        (event.detail as { n: number }).n = 99;
      },
    });
    bus.addRule({ name: "reader", pattern: { source: ["gyre.test"] }, target: second.target });

    await bus.putEvents([entry("Thing Happened", { n: 1 })]);
    await bus.drain();

    expect(second.seen[0]?.detail).toEqual({ n: 1 });
  });

  it("validates a rule's pattern when the rule is added, naming what is wrong", () => {
    const bus = new LocalBus();
    expect(() =>
      bus.addRule({ name: "bad", pattern: { source: "gyre.test" }, target: () => {} }),
    ).toThrow(/source/);
    expect(() =>
      bus.addRule({ name: "ok", pattern: { source: ["a"] }, target: () => {} }),
    ).not.toThrow();
    expect(() => bus.addRule({ name: "ok", pattern: { source: ["a"] }, target: () => {} })).toThrow(
      /already exists/,
    );
  });
});

describe("LocalBus PutEvents", () => {
  it("fills in the EventBridge envelope", async () => {
    const bus = new LocalBus({ account: "123456789012", region: "eu-west-1" });
    const seen = recorder();
    bus.addRule({ name: "r", pattern: { source: ["gyre.test"] }, target: seen.target });

    const { Entries } = await bus.putEvents([
      { ...entry("Thing Happened", { a: [1, "x"] }), Resources: ["arn:aws:s3:::bucket"] },
    ]);
    await bus.drain();

    expect(seen.seen[0]).toEqual({
      version: "0",
      id: Entries[0]?.EventId,
      "detail-type": "Thing Happened",
      source: "gyre.test",
      account: "123456789012",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: "eu-west-1",
      resources: ["arn:aws:s3:::bucket"],
      detail: { a: [1, "x"] },
    });
    expect(Entries[0]?.EventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("uses the entry's Time when it has one", async () => {
    const bus = new LocalBus();
    await bus.putEvents([
      { ...entry("Thing Happened"), Time: new Date("2026-01-02T03:04:05.678Z") },
    ]);
    const [record] = await bus.archive.range(0, Date.now());
    expect(record?.event.time).toBe("2026-01-02T03:04:05Z");
  });

  it("refuses a call with more than 10 entries, and archives none of them", async () => {
    const bus = new LocalBus();
    const entries = Array.from({ length: 11 }, (_, i) => entry(`Thing ${i}`));
    await expect(bus.putEvents(entries)).rejects.toMatchObject({ code: "events.entries_count" });
    await expect(bus.putEvents([])).rejects.toMatchObject({ code: "events.entries_count" });
    expect(await bus.archive.range(0, Date.now())).toEqual([]);
  });

  it("fails an entry over the size limit alone, with the reason, and lets the others through", async () => {
    const bus = new LocalBus();
    const seen = recorder();
    bus.addRule({ name: "r", pattern: { source: ["gyre.test"] }, target: seen.target });
    const fixed = "gyre.test".length + "Big".length + '{"pad":""}'.length;
    const atLimit = entry("Big", { pad: "x".repeat(MAX_ENTRY_BYTES - fixed) });
    const overLimit = entry("Big", { pad: "x".repeat(MAX_ENTRY_BYTES - fixed + 1) });

    const result = await bus.putEvents([entry("Small"), overLimit, atLimit]);
    await bus.drain();

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[0]?.EventId).toBeDefined();
    expect(result.Entries[1]).toEqual({
      ErrorCode: "EntryTooLarge",
      ErrorMessage: expect.stringContaining(
        `${MAX_ENTRY_BYTES + 1} bytes exceeds the limit of ${MAX_ENTRY_BYTES}`,
      ),
    });
    expect(result.Entries[2]?.EventId).toBeDefined();
    expect(seen.seen.map((e) => e["detail-type"])).toEqual(["Small", "Big"]);
  });

  it("reports malformed entries the way PutEvents does", async () => {
    const bus = new LocalBus();
    const result = await bus.putEvents([
      { ...entry("Thing"), Detail: "[1,2]" },
      { ...entry("Thing"), Detail: "{not json" },
      { ...entry("Thing"), Source: "" },
      entry("Thing"),
    ]);
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries.map((e) => e.ErrorCode)).toEqual([
      "MalformedDetail",
      "MalformedDetail",
      "InvalidArgument",
      undefined,
    ]);
    expect(result.Entries[2]?.ErrorMessage).toMatch(/Source/);
  });
});

describe("LocalBus archive and replay", () => {
  it("replays archived events in the time range to matching rules only, marked with replay-name", async () => {
    const bus = new LocalBus();
    await bus.putEvents([entry("Before")]);
    await new Promise((r) => setTimeout(r, 5));
    const from = new Date();
    await bus.putEvents([entry("Inside", { keep: true }), entry("Inside", { keep: false })]);
    const to = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await bus.putEvents([entry("After")]);
    await bus.drain();

    const matching = recorder();
    const notMatching = recorder();
    bus.addRule({ name: "matching", pattern: { source: ["gyre.test"] }, target: matching.target });
    bus.addRule({
      name: "not-matching",
      pattern: { source: ["gyre.other"] },
      target: notMatching.target,
    });
    const result = await bus.replay({
      name: "fix-1",
      from,
      to,
      pattern: { detail: { keep: [true] } },
    });
    await bus.drain();

    expect(result).toEqual({ replayName: "fix-1", events: 1 });
    expect(matching.seen).toHaveLength(1);
    expect(matching.seen[0]).toMatchObject({ "detail-type": "Inside", "replay-name": "fix-1" });
    expect(notMatching.seen).toEqual([]);
  });

  it("keeps the original event id on replay, so idempotent consumers can recognise it", async () => {
    const bus = new LocalBus();
    const from = new Date();
    const { Entries } = await bus.putEvents([entry("Thing")]);
    const seen = recorder();
    bus.addRule({ name: "r", pattern: { source: ["gyre.test"] }, target: seen.target });
    await bus.replay({ name: "again", from, to: new Date() });
    await bus.drain();
    expect(seen.seen.map((e) => e.id)).toEqual([Entries[0]?.EventId]);
  });
});
