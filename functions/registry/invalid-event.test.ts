import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry } from "./service";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ services: [registry] });
});
afterAll(() => platform.close());

describe("a subscription handed an event its schema rejects", () => {
  it("dead-letters it at once, naming the rule and the field, instead of retrying for a day", async () => {
    const [entry] = (
      await platform.bus.putEvents([
        {
          Source: "gyre.training",
          DetailType: "Training Run Succeeded",
          Detail: JSON.stringify({ runId: "run_1", metadata: { actor: "x", correlationId: "c" } }),
        },
      ])
    ).Entries;
    await platform.bus.drain();

    const letters = await platform.deadLetters.list();
    expect(letters).toEqual([
      expect.objectContaining({
        rule: "registry-training-run-succeeded",
        reason: "InvalidEvent",
        attempts: 1,
        event: expect.objectContaining({ id: (entry as { EventId: string }).EventId }),
        error: { name: "InvalidEvent", message: expect.stringContaining("detail.model") },
      }),
    ]);
    const models = await platform.app.request("/models", { headers: platform.as.viewer });
    expect(((await models.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
