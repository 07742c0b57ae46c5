import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Service } from "@gyre/functions/wiring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountServices } from "../src/mount";
import { startTestPlatform, type TestPlatform } from "../src/testing/index";
import { received } from "./fixtures/echo-handler";

const here = dirname(fileURLToPath(import.meta.url));

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

describe("mounting services from their declarations", () => {
  const echo: Service = {
    name: "training",
    subscriptions: [
      {
        name: "echo-datasets",
        pattern: { source: ["gyre.datasets"], "detail-type": ["Dataset Version Created"] },
        handler: "fixtures/echo-handler.ts",
      },
    ],
  };

  it("wires each subscription's handler module to a bus rule with its pattern", async () => {
    await mountServices(platform, [echo], here);

    await platform.bus.putEvents([
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
    await platform.bus.drain();

    expect(received.map((e) => e["detail-type"])).toEqual(["Dataset Version Created"]);
  });

  it("names the module and rule when a handler module exports no make(platform)", async () => {
    const bad: Service = {
      name: "training",
      subscriptions: [{ name: "bad", pattern: { source: ["gyre.datasets"] }, handler: "x.ts" }],
    };
    await expect(mountServices(platform, [bad], here, async () => ({}))).rejects.toThrow(
      /x.ts does not export make\(platform\) \(bad\)/,
    );
  });
});
