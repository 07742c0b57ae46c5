import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make } from "./archive";

let platform: TestPlatform;
let handler: ReturnType<typeof make>;
beforeAll(async () => {
  platform = await startTestPlatform();
  handler = make(platform, { rule: "test" });
});
afterAll(() => platform.close());

const event = (id: string, extra: object = {}) => ({
  version: "0",
  id,
  "detail-type": "Dataset Version Created",
  source: "gyre.datasets",
  account: "123456789012",
  time: "2026-03-01T12:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail: { dataset: "churn" },
  ...extra,
});

describe("archive handler", () => {
  it("copies a delivered event into the events table once, however often it is delivered", async () => {
    await handler(event("e-1"));
    await handler(event("e-1"));

    const { items } = await platform.archive.list({ limit: 10, source: "gyre.datasets" });
    expect(items).toEqual([event("e-1")]);
  });

  it("does not archive a replayed event again, and refuses what is not an EventBridge event", async () => {
    await handler(event("e-2", { "replay-name": "replay_1" }));
    await expect(handler({ id: "nope" })).rejects.toThrow();

    const { items } = await platform.archive.list({ limit: 10 });
    expect(items.map((e) => e.id)).toEqual(["e-1"]);
  });
});
