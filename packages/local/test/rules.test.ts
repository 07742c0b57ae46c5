import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalBus } from "@gyre/core/platform/bus/index";
import type { Subscription } from "@gyre/functions/subscriptions";
import { describe, expect, it } from "vitest";
import { rulesFromSubscriptions } from "../src/rules";
import { received } from "./fixtures/echo-handler";

const here = dirname(fileURLToPath(import.meta.url));

describe("rules from the subscription list", () => {
  const subscriptions: Subscription[] = [
    {
      name: "echo-datasets",
      service: "training",
      pattern: { source: ["gyre.datasets"], "detail-type": ["Dataset Version Created"] },
      handler: "fixtures/echo-handler.ts",
    },
  ];

  it("wires each subscription's handler module to a bus rule with its pattern", async () => {
    const bus = new LocalBus();
    for (const rule of await rulesFromSubscriptions(subscriptions, here)) bus.addRule(rule);

    await bus.putEvents([
      {
        Source: "gyre.datasets",
        DetailType: "Dataset Version Created",
        Detail: '{"dataset":"churn"}',
      },
      {
        Source: "gyre.datasets",
        DetailType: "Dataset Version Rejected",
        Detail: '{"dataset":"churn"}',
      },
    ]);
    await bus.drain();

    expect(received.map((e) => e["detail-type"])).toEqual(["Dataset Version Created"]);
  });

  it("names the module and rule when a handler module exports no handler", async () => {
    const bad = [{ ...subscriptions[0], handler: "rules.test.ts" } as Subscription];
    await expect(rulesFromSubscriptions(bad, here, async () => ({}))).rejects.toThrow(
      /rules.test.ts does not export a handler function \(rule echo-datasets\)/,
    );
  });
});
